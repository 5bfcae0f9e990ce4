//! The host-namespace rules (`network_mode`, `pid`, `ipc`, `userns_mode`, `cgroup` set to
//! `host`) are one check over a table entry each; every code keeps its own file and catalog entry.

use super::{Setting, note_merge, own, services};
use crate::model::compose::{ComposeFile, Value};
use crate::rules::Context;

/// A service key whose value `host` makes the container share a namespace with the host.
pub(super) struct HostNamespace {
    pub key: &'static str,
    /// What the container then shares, for the message: "the host's network stack".
    pub shares: &'static str,
    pub help: &'static str,
}

/// Reports each service whose `ns.key` is exactly `host` (the runtime compares it so), at the value.
pub(super) fn report(cx: &mut Context<'_>, file: &ComposeFile<'_>, ns: &HostNamespace) {
    for service in services(file) {
        let Some(setting @ Setting { value, .. }) = own(service, ns.key) else { continue };
        // An interpolated value is decided at `docker compose up`.
        if !matches!(Value::of(value), Some(Value::Literal(v, _)) if v == "host") {
            continue;
        }
        let d = cx
            .diag(value.span(), format!("service `{}` shares {} (`{}: host`)", service.name, ns.shares, ns.key))
            .with_help(ns.help);
        cx.emit(note_merge(d, &setting, service));
    }
}

/// The body every host-namespace rule shares: a unit struct whose code is `$code`, reporting
/// `$key: host` with its table entry, and the shared test cases.
macro_rules! host_namespace_rule {
    ($name:ident, $code:literal, $key:literal, $shares:literal, $help:literal) => {
        pub struct $name;

        impl crate::rules::Rule for $name {
            fn code(&self) -> &'static str {
                $code
            }

            fn compose(&self, cx: &mut crate::rules::Context<'_>, file: &crate::model::compose::ComposeFile<'_>) {
                static NAMESPACE: super::host_namespace::HostNamespace =
                    super::host_namespace::HostNamespace { key: $key, shares: $shares, help: $help };
                super::host_namespace::report(cx, file, &NAMESPACE);
            }
        }

        #[cfg(test)]
        mod tests {
            #[test]
            fn reports_only_a_literal_host() {
                super::super::host_namespace::check($code, $key);
            }
        }
    };
}
pub(super) use host_namespace_rule;

/// The cases every host-namespace rule is tested on, for its `key`.
#[cfg(test)]
pub(super) fn check(code: &str, key: &str) {
    use crate::config::Options;
    use crate::rules::testing::lint_as;
    let spans = |src: &str| -> Vec<String> {
        lint_as(code, "compose.yaml", src, Options::default()).iter().map(|d| d.span.slice(src).to_string()).collect()
    };
    let src = format!(
        "x-shared: &shared\n  {key}: host\nservices:\n  a:\n    {key}: host\n  b:\n    {key}: \"host\"\n  \
         c:\n    <<: *shared\n  d:\n    {key}: ${{MODE}}\n  e:\n    {key}: \"service:a\"\n  f:\n    {key}: Host\n  \
         x-g:\n    {key}: host\n  h:\n    image: x\n"
    );
    // `c` takes it from the extension block: reported at its `<<` key, labelled where it is set.
    assert_eq!(spans(&src), ["host", "\"host\"", "<<"], "{code}");
    let d = lint_as(code, "compose.yaml", &src, Options::default());
    assert_eq!(d[2].labels.first().map(|l| l.span.slice(&src)), Some("host"), "{code}");
    assert!(
        d[0].message.contains("service `a`") && d[1].message.contains(&format!("`{key}: host`")),
        "{}",
        d[1].message
    );
    assert!(d[2].message.contains("service `c`") && d[2].labels.len() == 1, "{code}");
}
