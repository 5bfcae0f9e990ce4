//! Which control-plane component a container runs, and its command line as flags.
//!
//! One parser for every component: `command` then `args` (as the kubelet joins them), both
//! `--flag=value` and `--flag value`, bare boolean flags, and, for etcd, the `ETCD_*` environment
//! variables etcd reads as flags. Values that Kubernetes or Helm would still substitute (`$(VAR)`,
//! `{{ .Values.x }}`) are unknown, never guessed; an item that may hide flags makes the whole
//! command line *opaque*, so nothing is reported as missing from it.

use std::borrow::Cow;

use crate::model::kubernetes::Container;
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Component {
    ApiServer,
    ControllerManager,
    Scheduler,
    Etcd,
    Kubelet,
}

impl Component {
    pub fn binary(self) -> &'static str {
        match self {
            Component::ApiServer => "kube-apiserver",
            Component::ControllerManager => "kube-controller-manager",
            Component::Scheduler => "kube-scheduler",
            Component::Etcd => "etcd",
            Component::Kubelet => "kubelet",
        }
    }

    /// The component a program or image name stands for: `/usr/local/bin/kube-apiserver`,
    /// `kube-apiserver-amd64`; hyperkube's short names (`apiserver`) only with `hyperkube`.
    fn from_name(name: &str, hyperkube: bool) -> Option<Component> {
        let base = name.rsplit('/').next().unwrap_or(name);
        let base = ["-amd64", "-arm64", "-arm", "-ppc64le", "-s390x"]
            .iter()
            .find_map(|arch| base.strip_suffix(arch))
            .unwrap_or(base);
        let short = if hyperkube { base.strip_prefix("kube-").unwrap_or(base) } else { "" };
        match (base, short) {
            ("kube-apiserver", _) | (_, "apiserver") => Some(Component::ApiServer),
            ("kube-controller-manager", _) | (_, "controller-manager") => Some(Component::ControllerManager),
            ("kube-scheduler", _) | (_, "scheduler") => Some(Component::Scheduler),
            ("etcd", _) => Some(Component::Etcd),
            ("kubelet", _) => Some(Component::Kubelet),
            _ => None,
        }
    }

    /// The component an image runs by default: the last path segment of its repository.
    fn from_image(image: &str) -> Option<Component> {
        let image = image.split('@').next().unwrap_or(image);
        let last = image.rsplit('/').next().unwrap_or(image);
        let repo = last.split(':').next().unwrap_or(last);
        Component::from_name(repo, false)
    }

    /// etcd parses with Go's `flag` package (one or two dashes); the Kubernetes components use
    /// pflag, where one dash is a shorthand.
    fn strip_dashes(self, item: &str) -> Option<&str> {
        match self {
            Component::Etcd => item.strip_prefix("--").or_else(|| item.strip_prefix('-')),
            _ => item.strip_prefix("--"),
        }
    }
}

/// One flag of a command line (or, for etcd, an `ETCD_*` variable).
#[derive(Clone, Debug)]
pub struct Flag<'a> {
    /// Without dashes: `anonymous-auth`.
    pub name: Cow<'a, str>,
    /// `None` for a bare flag (`--profiling`), which means `true` for a boolean.
    pub value: Option<&'a str>,
    /// The value is substituted at run time (`$(VAR)`, `{{ }}`, `valueFrom`): unknown.
    pub unknown: bool,
    /// The command-line item(s) or the env entry.
    pub span: Span,
    /// How to quote the flag in a message: `--anonymous-auth=true`, `ETCD_AUTO_TLS=true`.
    pub shown: String,
}

impl<'a> Flag<'a> {
    /// The value when it is known: a bare flag reads as `true`.
    pub fn known(&self) -> Option<&'a str> {
        if self.unknown {
            return None;
        }
        Some(self.value.unwrap_or("true"))
    }
}

/// A control-plane container's command line.
pub struct CommandLine<'a> {
    pub component: Component,
    flags: Vec<Flag<'a>>,
    env: Vec<Flag<'a>>,
    /// Some item may hold flags we cannot see: a templated or non-string item, `envFrom` for etcd.
    pub opaque: bool,
    /// Where a finding about a missing flag points: the `command:` key (else `args:`, else the
    /// container's name).
    pub anchor: Span,
}

/// Text Kubernetes (`$(VAR)` in command and args) or a template engine would still replace.
pub fn is_templated(s: &str) -> bool {
    crate::model::kubernetes::is_templated(s) || s.contains("$(")
}

/// Boolean flags, which never take the next item as their value (pflag and Go's `flag` alike).
const BOOL_FLAGS: &[&str] = &[
    "allow-privileged",
    "alsologtostderr",
    "anonymous-auth",
    "authentication-skip-lookup",
    "authentication-tolerate-lookup-failure",
    "auto-tls",
    "client-cert-auth",
    "contention-profiling",
    "enable-aggregator-routing",
    "enable-bootstrap-token-auth",
    "enable-debugging-handlers",
    "enable-garbage-collector",
    "enable-pprof",
    "enable-priority-and-fairness",
    "enable-server",
    "enable-v2",
    "experimental-initial-corrupt-check",
    "fail-swap-on",
    "help",
    "kubelet-https",
    "leader-elect",
    "logtostderr",
    "make-iptables-util-chains",
    "peer-auto-tls",
    "peer-client-cert-auth",
    "profiling",
    "protect-kernel-defaults",
    "register-node",
    "rotate-certificates",
    "rotate-server-certificates",
    "service-account-lookup",
    "strict-reconfig-check",
    "use-service-account-credentials",
];

impl<'a> CommandLine<'a> {
    /// The command line of `c` when it runs a control-plane component; see the module docs.
    pub fn of(c: &Container<'a>) -> Option<CommandLine<'a>> {
        let command = c.node.entry("command").filter(|(_, v)| !v.is_null());
        let args = c.node.entry("args").filter(|(_, v)| !v.is_null());
        let seq = |e: Option<(NodeRef<'a>, NodeRef<'a>)>| -> Option<Vec<NodeRef<'a>>> {
            match e {
                None => Some(Vec::new()),
                Some((_, v)) if v.is_sequence() => Some(v.items().collect()),
                Some(_) => None,
            }
        };
        let cmd = seq(command)?;
        let arg = seq(args)?;
        // The command decides; without one, the image's entrypoint runs the args.
        let (component, skip) = if !cmd.is_empty() {
            program(&cmd, false)?
        } else if let Some(found) = program(&arg, true) {
            found
        } else {
            (Component::from_image(c.image()?.str()?)?, 0)
        };
        let items: Vec<NodeRef<'a>> = cmd.into_iter().chain(arg).skip(skip).collect();
        let anchor = command.or(args).map_or_else(|| c.anchor(), |(k, _)| k.span());
        let mut line = CommandLine { component, flags: Vec::new(), env: Vec::new(), opaque: false, anchor };
        line.parse(&items);
        if component == Component::Etcd {
            line.read_etcd_env(c);
        }
        Some(line)
    }

    fn parse(&mut self, items: &[NodeRef<'a>]) {
        let mut i = 0;
        while let Some(item) = items.get(i) {
            i += 1;
            let Some(text) = item.str().filter(|_| item.is_scalar()) else {
                self.opaque = true;
                continue;
            };
            let Some(body) = self.component.strip_dashes(text) else {
                // A positional argument, or an item that may expand to flags.
                self.opaque |= is_templated(text);
                continue;
            };
            if body.is_empty() {
                // `--` ends the flags.
                break;
            }
            let (name, value, span) = match body.split_once('=') {
                Some((name, value)) => (name, Some(unquote(value)), item.span()),
                None if BOOL_FLAGS.contains(&body) => (body, None, item.span()),
                None => match items.get(i).and_then(|n| n.str().map(|s| (n, s))) {
                    Some((next, value)) if !value.starts_with('-') => {
                        i += 1;
                        (body, Some(unquote(value)), item.span().cover(next.span()))
                    }
                    _ => (body, None, item.span()),
                },
            };
            if is_templated(name) {
                self.opaque = true;
                continue;
            }
            let shown = match value {
                Some(v) => format!("--{name}={v}"),
                None => format!("--{name}"),
            };
            let unknown = value.is_some_and(is_templated);
            self.flags.push(Flag { name: Cow::Borrowed(name), value, unknown, span, shown });
        }
    }

    /// etcd takes every flag from `ETCD_<FLAG>` as well (`ETCD_CLIENT_CERT_AUTH`); a flag wins.
    fn read_etcd_env(&mut self, c: &Container<'a>) {
        if c.field("envFrom").is_some() {
            self.opaque = true;
        }
        for e in c.list("env") {
            let Some((key, rest)) =
                e.get("name").and_then(|n| n.str()).and_then(|n| Some((n, n.strip_prefix("ETCD_")?)))
            else {
                continue;
            };
            let name = rest.to_ascii_lowercase().replace('_', "-");
            let value = e.get("value").and_then(|v| v.str());
            let unknown = value.is_none_or(is_templated);
            let shown = format!("{key}={}", value.unwrap_or("<from valueFrom>"));
            self.env.push(Flag {
                name: Cow::Owned(name),
                value: Some(value.unwrap_or("")),
                unknown,
                span: e.span(),
                shown,
            });
        }
    }

    /// The occurrence of flag `name` that takes effect: the last one; for etcd an `ETCD_*`
    /// variable when no flag is given.
    pub fn last(&self, name: &str) -> Option<&Flag<'a>> {
        self.flags.iter().rev().find(|f| f.name == name).or_else(|| self.env.iter().rev().find(|f| f.name == name))
    }

    /// Every occurrence of flag `name`, in order (list flags accumulate in pflag).
    pub fn all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Flag<'a>> + 's {
        self.flags.iter().filter(move |f| f.name == name)
    }

    /// Every flag, in order, environment variables last.
    pub fn flags(&self) -> impl Iterator<Item = &Flag<'a>> {
        self.flags.iter().chain(&self.env)
    }
}

/// The component a command line starts with (`kube-apiserver ...`, `/usr/local/bin/etcd ...`,
/// `hyperkube kube-apiserver ...`) and how many items name it. In `args` (`in_args`), which may
/// start with any argument of the image's entrypoint, only a bare name or a `bin/` path counts.
fn program(items: &[NodeRef<'_>], in_args: bool) -> Option<(Component, usize)> {
    let first = items.first()?.str()?;
    if first.starts_with('-') || first.contains('=') {
        return None;
    }
    if in_args && first.contains('/') {
        let (dir, _) = first.rsplit_once('/')?;
        if !(dir.is_empty() || dir.ends_with("/bin") || dir == "bin") {
            return None;
        }
    }
    if first.rsplit('/').next() == Some("hyperkube") {
        let second = items.get(1)?.str()?;
        return Component::from_name(second, true).map(|c| (c, 2));
    }
    Component::from_name(first, false).map(|c| (c, 1))
}

/// `"A,B"` or `'A,B'` inside a flag item: the quotes a shell would have removed.
fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kubernetes::{PodTemplates, objects};
    use crate::syntax::yaml;

    /// `(name, value, source text under the span)`; `?` for an unknown value.
    type Parsed = (String, Option<String>, String);

    /// `(component, flags, opaque)` of the first container.
    fn parse(container: &str) -> Option<(Component, Vec<Parsed>, bool)> {
        let body: String = container.lines().map(|l| format!("    {l}\n")).collect();
        let src = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  -\n{body}");
        let tree = yaml::parse(&src, &yaml::Limits::default());
        let objs = objects(&tree, &[], &PodTemplates::default());
        let pod = objs.first()?.pod_spec()?;
        let c = pod.containers().into_iter().next()?;
        let line = CommandLine::of(&c)?;
        let flags = line
            .flags()
            .map(|f| {
                let value = if f.unknown { Some("?".to_string()) } else { f.value.map(str::to_string) };
                (f.name.to_string(), value, f.span.slice(&src).to_string())
            })
            .collect();
        Some((line.component, flags, line.opaque))
    }

    fn flag(name: &str, value: Option<&str>, at: &str) -> Parsed {
        (name.into(), value.map(str::to_string), at.into())
    }

    #[test]
    fn both_forms_command_then_args() {
        let (c, flags, opaque) = parse(
            "name: kube-apiserver\nimage: registry.k8s.io/kube-apiserver:v1.30.0\ncommand:\n- kube-apiserver\n- --profiling=false\n- --audit-log-path\n- /var/log/audit.log\nargs:\n- --anonymous-auth\n- --secure-port=6443",
        )
        .unwrap();
        assert_eq!(c, Component::ApiServer);
        assert!(!opaque);
        assert_eq!(
            flags,
            [
                flag("profiling", Some("false"), "--profiling=false"),
                flag("audit-log-path", Some("/var/log/audit.log"), "--audit-log-path\n    - /var/log/audit.log"),
                flag("anonymous-auth", None, "--anonymous-auth"),
                flag("secure-port", Some("6443"), "--secure-port=6443"),
            ]
        );
    }

    #[test]
    fn a_boolean_flag_does_not_take_the_next_item() {
        let (_, flags, _) = parse("command: [kube-apiserver, --profiling, --v=2]").unwrap();
        assert_eq!(flags[0], flag("profiling", None, "--profiling"));
        assert_eq!(flags[1], flag("v", Some("2"), "--v=2"));
    }

    #[test]
    fn quoted_items_and_quoted_values() {
        let (_, flags, _) = parse(
            "command: [\"/usr/local/bin/kube-apiserver\", '--enable-admission-plugins=NodeRestriction', \"--tls-cipher-suites=\\\"A,B\\\"\"]",
        )
        .unwrap();
        assert_eq!(flags[0].1.as_deref(), Some("NodeRestriction"));
        assert_eq!(flags[1].1.as_deref(), Some("A,B"));
    }

    #[test]
    fn templated_values_are_unknown_and_templated_items_opaque() {
        let (_, flags, opaque) = parse("command: [kube-apiserver, \"--etcd-servers=$(ETCD)\"]").unwrap();
        assert_eq!(flags[0].1.as_deref(), Some("?"));
        assert!(!opaque);
        let (_, _, opaque) = parse("command: [kube-apiserver, \"{{ .Values.extraArgs }}\"]").unwrap();
        assert!(opaque);
        let (_, _, opaque) = parse("command: [kube-apiserver, {a: b}]").unwrap();
        assert!(opaque);
    }

    #[test]
    fn recognises_the_program_or_the_image() {
        let component = |c: &str| parse(c).map(|p| p.0);
        assert_eq!(component("command: [/usr/local/bin/kube-scheduler]"), Some(Component::Scheduler));
        assert_eq!(component("command: [/hyperkube, controller-manager]"), Some(Component::ControllerManager));
        assert_eq!(component("image: registry.k8s.io/etcd:3.5.12-0\nargs: [--auto-tls=true]"), Some(Component::Etcd));
        assert_eq!(
            component("image: gcr.io/google_containers/kube-apiserver-amd64:v1.6.0"),
            Some(Component::ApiServer)
        );
        assert_eq!(component("args: [kubelet, --v=2]\nimage: example/node-tools"), Some(Component::Kubelet));
        // The command decides over the image: etcdctl in an etcd image is a client.
        assert_eq!(component("image: quay.io/coreos/etcd:v3.5.1\ncommand: [etcdctl, set, /a, b]"), None);
        assert_eq!(component("image: openshift/etcd-20-centos7"), None);
        // A flag that happens to end in a component name is not a program.
        assert_eq!(
            component(
                "image: quay.io/prometheus-operator/prometheus-operator\nargs: [--kubelet-service=kube-system/kubelet]"
            ),
            None
        );
        assert_eq!(component("image: example/backup\nargs: [/var/lib/etcd]"), None);
        assert_eq!(component("args: [/usr/local/bin/etcd, --name=a]"), Some(Component::Etcd));
        assert_eq!(component("command: [sh, -c, kube-apiserver --profiling=false]"), None);
    }

    #[test]
    fn etcd_reads_single_dash_flags_and_its_environment() {
        let (_, flags, opaque) = parse(
            "command: [etcd, -client-cert-auth]\nenv:\n- {name: ETCD_AUTO_TLS, value: 'true'}\n- name: ETCD_CERT_FILE\n  valueFrom: {secretKeyRef: {name: s, key: k}}",
        )
        .unwrap();
        assert!(!opaque);
        assert_eq!(flags[0], flag("client-cert-auth", None, "-client-cert-auth"));
        assert_eq!(flags[1].0, "auto-tls");
        assert_eq!(flags[1].1.as_deref(), Some("true"));
        assert_eq!(flags[2].0, "cert-file");
        assert_eq!(flags[2].1.as_deref(), Some("?"));
        let (_, _, opaque) = parse("command: [etcd]\nenvFrom: [{configMapRef: {name: c}}]").unwrap();
        assert!(opaque);
    }

    #[test]
    fn the_last_occurrence_wins_and_a_flag_beats_the_environment() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - command: [etcd, --auto-tls=true, --auto-tls=false]\n    env: [{name: ETCD_AUTO_TLS, value: 'true'}, {name: ETCD_PEER_AUTO_TLS, value: 'true'}]\n";
        let tree = yaml::parse(src, &yaml::Limits::default());
        let objs = objects(&tree, &[], &PodTemplates::default());
        let c = objs[0].pod_spec().unwrap().containers().into_iter().next().unwrap();
        let line = CommandLine::of(&c).unwrap();
        assert_eq!(line.last("auto-tls").and_then(|f| f.known()), Some("false"));
        assert_eq!(line.last("peer-auto-tls").and_then(|f| f.known()), Some("true"));
        assert_eq!(line.all("auto-tls").count(), 2);
        assert_eq!(line.anchor.slice(src), "command");
    }
}
