//! Pod Security Standards: one rule per baseline and restricted control, exact to the
//! upstream pod-security-admission policies of the configured version (`[kubernetes]
//! pss-version`, `--pss LEVEL[:VERSION]`).
//!
//! [`CONTROLS`] holds the level of every rule and the version its control starts at;
//! [`versions`] holds the values that change between versions.

use crate::diagnostic::Diagnostic;
use crate::model::kubernetes::{Container, KubeVersion, Object, PodSpecView};
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

mod allow_privilege_escalation;
mod apparmor;
mod capabilities_baseline;
mod capabilities_restricted;
mod host_namespaces;
mod host_path;
mod host_ports;
mod host_probes;
mod privileged;
mod proc_mount;
mod proc_mount_restricted;
mod restricted_volumes;
mod run_as_non_root;
mod run_as_user;
mod seccomp_baseline;
mod seccomp_restricted;
mod selinux;
mod sysctls;
pub mod versions;
mod windows_host_process;

pub static RULES: &[&dyn Rule] = &[
    &windows_host_process::WindowsHostProcess,
    &host_namespaces::HostNamespaces,
    &privileged::Privileged,
    &capabilities_baseline::NonDefaultCapabilities,
    &host_path::HostPathVolume,
    &host_ports::HostPort,
    &apparmor::AppArmor,
    &selinux::SeLinux,
    &proc_mount::ProcMountBaseline,
    &seccomp_baseline::SeccompBaseline,
    &sysctls::Sysctls,
    &host_probes::HostProbes,
    &restricted_volumes::RestrictedVolumes,
    &allow_privilege_escalation::AllowPrivilegeEscalation,
    &run_as_non_root::RunAsNonRoot,
    &run_as_user::RunAsUser,
    &seccomp_restricted::SeccompRestricted,
    &capabilities_restricted::CapabilitiesRestricted,
    &proc_mount_restricted::ProcMountRestricted,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PssLevel {
    Baseline,
    Restricted,
}

impl PssLevel {
    pub fn parse(s: &str) -> Option<PssLevel> {
        match s {
            "baseline" => Some(PssLevel::Baseline),
            "restricted" => Some(PssLevel::Restricted),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PssLevel::Baseline => "baseline",
            PssLevel::Restricted => "restricted",
        }
    }
}

/// One control as pod-security-admission registers it.
pub struct Control {
    pub code: &'static str,
    /// The upstream check id; lower-cased, it is the prefix of the conformance fixtures.
    pub check: &'static str,
    pub level: PssLevel,
    /// The first policy version (`v1.<since>`) the control applies at.
    pub since: u32,
    /// The baseline control this restricted one replaces upstream. When both rules are selected,
    /// the baseline rule reports what they share, so a place is reported once.
    pub overrides: Option<&'static str>,
}

const fn control(code: &'static str, check: &'static str, level: PssLevel, since: u32) -> Control {
    Control { code, check, level, since, overrides: None }
}

const fn overriding(code: &'static str, check: &'static str, since: u32, baseline: &'static str) -> Control {
    Control { code, check, level: PssLevel::Restricted, since, overrides: Some(baseline) }
}

use PssLevel::{Baseline, Restricted};

/// Every PSS rule: its level and where it starts.
pub const CONTROLS: &[Control] = &[
    control("K8S110", "windowsHostProcess", Baseline, 0),
    control("K8S111", "hostNamespaces", Baseline, 0),
    control("K8S112", "privileged", Baseline, 0),
    control("K8S113", "capabilities_baseline", Baseline, 0),
    control("K8S114", "hostPathVolumes", Baseline, 0),
    control("K8S115", "hostPorts", Baseline, 0),
    control("K8S116", "appArmorProfile", Baseline, 0),
    control("K8S117", "seLinuxOptions", Baseline, 0),
    control("K8S118", "procMount", Baseline, 0),
    control("K8S119", "seccompProfile_baseline", Baseline, 0),
    control("K8S120", "sysctls", Baseline, 0),
    control("K8S121", "hostProbesAndHostLifecycle", Baseline, 34),
    overriding("K8S122", "restrictedVolumes", 0, "K8S114"),
    control("K8S123", "allowPrivilegeEscalation", Restricted, 8),
    control("K8S124", "runAsNonRoot", Restricted, 0),
    control("K8S125", "runAsUser", Restricted, 23),
    overriding("K8S126", "seccompProfile_restricted", versions::SECCOMP_FIELDS, "K8S119"),
    overriding("K8S127", "capabilities_restricted", 22, "K8S113"),
    overriding("K8S128", "procMount_restricted", versions::USER_NAMESPACE_RELAXATION, "K8S118"),
];

/// The codes of the rules a level consists of: restricted is every baseline control plus its own.
pub fn codes(level: PssLevel) -> Vec<&'static str> {
    CONTROLS.iter().filter(|c| level == Restricted || c.level == Baseline).map(|c| c.code).collect()
}

pub fn find(code: &str) -> Option<&'static Control> {
    CONTROLS.iter().find(|c| c.code == code)
}

/// `--pss baseline`, `--pss restricted:v1.30`: the level and, if given, the version.
pub fn parse_selection(s: &str) -> Result<(PssLevel, Option<KubeVersion>), String> {
    let (level, version) = match s.split_once(':') {
        Some((l, v)) => (l, Some(KubeVersion::parse(v)?)),
        None => (s, None),
    };
    let level = PssLevel::parse(level.trim())
        .ok_or_else(|| format!("PSS level `{level}`: expected `baseline` or `restricted` (`restricted:v1.30`)"))?;
    Ok((level, version))
}

/// One object's pod as one control sees it, at the configured version.
struct Scope<'a, 'o> {
    object: &'o Object<'a>,
    pod: PodSpecView<'a>,
    version: KubeVersion,
    control: &'static Control,
}

impl<'a, 'o> Scope<'a, 'o> {
    /// `None` when the object carries no pod or the control does not exist at the version.
    fn new(cx: &Context<'_>, object: &'o Object<'a>, code: &str) -> Option<Scope<'a, 'o>> {
        let control = find(code)?;
        let version = cx.settings.pss_version;
        if version.minor < control.since {
            return None;
        }
        Some(Scope { object, pod: object.pod_spec()?, version, control })
    }

    fn since(&self, minor: u32) -> bool {
        self.version.minor >= minor
    }

    /// A Windows pod, exempt from the Linux-only restricted controls.
    fn windows_exempt(&self) -> bool {
        self.since(versions::WINDOWS_EXEMPTION) && self.pod.is_windows()
    }

    /// A pod in its own user namespace, exempt from the controls relaxed for it.
    fn user_namespace_exempt(&self) -> bool {
        self.since(versions::USER_NAMESPACE_RELAXATION) && self.pod.user_namespaced()
    }

    /// Whether the baseline rule this restricted rule overrides runs here, and so reports what
    /// both controls forbid.
    fn overlap_reported(&self, cx: &Context<'_>) -> bool {
        self.control.overrides.is_some_and(|code| cx.settings.is_enabled(code))
    }

    fn who(&self, c: &Container<'_>) -> String {
        format!("{} of {}", c.display_name(), self.object.display_name())
    }

    fn pod_who(&self) -> String {
        format!("the pod of {}", self.object.display_name())
    }

    /// A finding of this control: `message` after the level and version it comes from.
    fn diag(&self, cx: &Context<'_>, span: Span, message: impl std::fmt::Display) -> Diagnostic {
        let tag = format!("PSS {} ({})", self.control.level.as_str(), self.version);
        cx.diag(span, format!("{tag}: {message}"))
    }

    fn emit(&self, cx: &mut Context<'_>, span: Span, message: impl std::fmt::Display, help: &str) {
        let d = self.diag(cx, span, message).with_help(help);
        cx.emit(d);
    }

    /// The security contexts a control reads: the pod's (as `None`) and each container's.
    fn security_contexts(&self) -> Vec<(Option<Container<'a>>, NodeRef<'a>)> {
        let pod = self.pod.security_context().map(|sc| (None, sc));
        let containers = self.pod.containers().into_iter().filter_map(|c| c.security_context.map(|sc| (Some(c), sc)));
        pod.into_iter().chain(containers).collect()
    }

    /// "container `a` of Deployment/web" or "the pod of Deployment/web".
    fn owner(&self, c: Option<&Container<'_>>) -> String {
        c.map_or_else(|| self.pod_who(), |c| self.who(c))
    }
}

/// A key and its value, as one span (`privileged: true`).
fn pair(key: NodeRef<'_>, value: NodeRef<'_>) -> Span {
    key.span().cover(value.span())
}

/// A scalar's text, unless it is templated (`{{ .Values.x }}`, `${VAR}`): such values are unknown.
fn known_str<'a>(node: NodeRef<'a>) -> Option<&'a str> {
    node.str().filter(|s| !s.contains("{{") && !s.contains("${"))
}

/// The `key: true` entry of `map`, when the value is a YAML boolean true.
fn true_entry(map: Option<NodeRef<'_>>, key: &str) -> Option<Span> {
    let (k, v) = map?.entry(key)?;
    (v.as_bool() == Some(true)).then(|| pair(k, v))
}

/// Where a finding about a missing container setting points: the container's `securityContext:`
/// key, else its name.
fn missing_at(c: &Container<'_>) -> Span {
    c.node.entry("securityContext").map_or_else(|| c.anchor(), |(k, _)| k.span())
}

/// A `seccompProfile` or `appArmorProfile` of one security context.
enum Profile<'a> {
    Unset,
    Allowed,
    /// Set with a type other than RuntimeDefault and Localhost (empty when no type is given):
    /// where to point, and the type.
    Forbidden(Span, &'a str),
    /// Templated or not a mapping.
    Unknown,
}

fn profile<'a>(sc: NodeRef<'a>, field: &str) -> Profile<'a> {
    let Some((key, value)) = sc.entry(field).filter(|(_, v)| !v.is_null()) else { return Profile::Unset };
    if !value.is_mapping() {
        return Profile::Unknown;
    }
    match value.entry("type").filter(|(_, v)| !v.is_null()) {
        None => Profile::Forbidden(key.span(), ""),
        Some((k, v)) => match known_str(v) {
            None => Profile::Unknown,
            Some(t) if versions::allowed_profile_type(t) => Profile::Allowed,
            Some(t) => Profile::Forbidden(pair(k, v), t),
        },
    }
}

/// Reports each forbidden `field` profile (`seccompProfile`, `appArmorProfile`) of the pod and of
/// its containers, each where it is set.
fn report_forbidden_profiles(s: &Scope<'_, '_>, cx: &mut Context<'_>, field: &str, help: &str) {
    for (c, sc) in s.security_contexts() {
        if let Profile::Forbidden(at, t) = profile(sc, field) {
            let set = if t.is_empty() { format!("`{field}` without a type") } else { format!("`{field}.type: {t}`") };
            let msg = format!("{} sets {set}; only RuntimeDefault and Localhost are allowed", s.owner(c.as_ref()));
            s.emit(cx, at, msg, help);
        }
    }
}

/// Reports each container whose `procMount` is other than `Default` (both /proc controls).
/// `note` ends the message.
fn non_default_proc_mounts(s: &Scope<'_, '_>, cx: &mut Context<'_>, note: &str) {
    for c in s.pod.containers() {
        let Some((key, value)) = c.security_field("procMount") else { continue };
        let Some(mount) = known_str(value).filter(|m| *m != "Default") else { continue };
        let msg = format!("{} sets `procMount: {mount}`: the default /proc masks are off{note}", s.who(&c));
        s.emit(cx, pair(key, value), msg, "remove `procMount` or set it to `Default`");
    }
}

/// The body every PSS rule shares: a unit struct whose control is `$code`, checked by `$check`.
macro_rules! pss_rule {
    ($name:ident, $code:literal, $check:path) => {
        pub struct $name;

        impl crate::rules::Rule for $name {
            fn code(&self) -> &'static str {
                $code
            }

            fn kubernetes(&self, cx: &mut crate::rules::Context<'_>, object: &crate::model::kubernetes::Object<'_>) {
                if let Some(scope) = super::Scope::new(cx, object, $code) {
                    $check(&scope, cx);
                }
            }
        }
    };
}
use pss_rule;

/// The codes of what the rules `select` (together) find in the manifest `src`.
#[cfg(test)]
fn found_codes(select: &[&str], src: &str) -> Vec<&'static str> {
    let options =
        crate::config::Options { select: Some(select.iter().map(|s| s.to_string()).collect()), ..Default::default() };
    let config = crate::config::Config::new(options).unwrap_or_else(|e| panic!("{e}"));
    let files = [crate::engine::SourceFile::new("manifest.yaml", src)];
    crate::engine::lint(&files, &config).diagnostics.iter().map(|d| d.code).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;

    #[test]
    fn every_control_is_a_documented_rule_and_restricted_includes_baseline() {
        for c in CONTROLS {
            assert!(RULES.iter().any(|r| r.code() == c.code), "{} has no rule", c.code);
            assert!(catalog().get(c.code).is_some(), "{} has no catalog entry", c.code);
        }
        assert_eq!(RULES.len(), CONTROLS.len());
        let baseline = codes(PssLevel::Baseline);
        assert_eq!(baseline.len(), 12);
        assert!(baseline.iter().all(|c| codes(PssLevel::Restricted).contains(c)));
        assert_eq!(codes(PssLevel::Restricted).len(), CONTROLS.len());
    }

    #[test]
    fn selections_parse() {
        assert_eq!(parse_selection("baseline"), Ok((PssLevel::Baseline, None)));
        assert_eq!(parse_selection("restricted:v1.30"), Ok((PssLevel::Restricted, Some(KubeVersion::v1(30)))));
        assert!(parse_selection("privileged").is_err());
        assert!(parse_selection("restricted:2.0").is_err());
    }
}
