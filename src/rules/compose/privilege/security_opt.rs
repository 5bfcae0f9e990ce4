//! `security_opt` entries as the Docker daemon reads them: `name=value`, or the older
//! `name:value` when there is no `=`; a bare `no-new-privileges` means `no-new-privileges=true`.
//! The confinement rules (seccomp, AppArmor, SELinux labels) share one check here.

use super::{Setting, note_merge, own_lists, services};
use crate::model::compose::{ComposeFile, Value};
use crate::rules::Context;
use crate::syntax::yaml::NodeRef;

/// One entry of a `security_opt` list.
pub(super) struct Opt<'a> {
    pub node: NodeRef<'a>,
    /// `None` when the entry is interpolated: it could be anything.
    pub parsed: Option<(String, Option<String>)>,
}

impl Opt<'_> {
    /// Whether this entry sets `name` (or might: interpolated entries might set anything).
    pub fn may_set(&self, name: &str) -> bool {
        self.parsed.as_ref().is_none_or(|(n, _)| n == name)
    }

    pub fn is(&self, name: &str, value: &str) -> bool {
        self.parsed.as_ref().is_some_and(|(n, v)| n == name && v.as_deref() == Some(value))
    }
}

pub(super) fn opts(list: NodeRef<'_>) -> Vec<Opt<'_>> {
    list.items()
        .filter_map(|node| {
            let parsed = match Value::of(node)? {
                Value::Unknown(_) => None,
                Value::Literal(s, _) => Some(split(&s)),
            };
            Some(Opt { node, parsed })
        })
        .collect()
}

fn split(opt: &str) -> (String, Option<String>) {
    let at = opt.find('=').or_else(|| opt.find(':'));
    match at {
        Some(i) => (opt[..i].to_string(), Some(opt[i + 1..].to_string())),
        None => (opt.to_string(), None),
    }
}

/// A `security_opt` setting that turns off a confinement the runtime applies by default.
pub(super) struct Disabled {
    /// `seccomp`, `apparmor`, `label`.
    pub name: &'static str,
    /// `unconfined`, `disable`.
    pub value: &'static str,
    /// Whether a later entry for `name` replaces an earlier one (profiles), or every entry counts
    /// (labels).
    pub last_wins: bool,
    /// What the service loses, for the message: "the default seccomp profile".
    pub what: &'static str,
    pub help: &'static str,
}

/// Reports each service's entry that disables `rule`'s confinement, at the entry.
pub(super) fn report_disabled(cx: &mut Context<'_>, file: &ComposeFile<'_>, rule: &Disabled) {
    for service in services(file) {
        // The service's lists in every file read together, in the order Docker reads them.
        let settings = own_lists(service, "security_opt");
        let opts: Vec<(Opt<'_>, &Setting<'_>)> =
            settings.iter().flat_map(|setting| opts(setting.value).into_iter().map(move |o| (o, setting))).collect();
        let hits: Vec<&(Opt<'_>, &Setting<'_>)> = if rule.last_wins {
            // An interpolated entry after it might set another profile.
            opts.iter().rev().find(|(o, _)| o.may_set(rule.name)).into_iter().collect()
        } else {
            opts.iter().collect()
        };
        for (opt, setting) in hits.into_iter().filter(|(o, _)| o.is(rule.name, rule.value)) {
            let written = opt.node.str().unwrap_or_default();
            let d = cx
                .diag(
                    opt.node.span(),
                    format!("service `{}` turns off {} (`security_opt: {written}`)", service.name, rule.what),
                )
                .with_help(rule.help);
            cx.emit(note_merge(d, setting, service));
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::config::Options;
    use crate::rules::testing::lint_as;

    pub fn spans(code: &str, src: &str) -> Vec<String> {
        lint_as(code, "compose.yaml", src, Options::default()).iter().map(|d| d.span.slice(src).to_string()).collect()
    }

    #[test]
    fn docker_splits_at_the_first_equals_sign_else_at_a_colon() {
        assert_eq!(super::split("label=type:svirt_t"), ("label".into(), Some("type:svirt_t".into())));
        assert_eq!(super::split("label:disable"), ("label".into(), Some("disable".into())));
        assert_eq!(super::split("no-new-privileges"), ("no-new-privileges".into(), None));
    }
}
