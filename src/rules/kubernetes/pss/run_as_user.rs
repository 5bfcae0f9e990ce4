//! K8S125: a pod or container with `runAsUser: 0` (PSS restricted "Running as Non-root user",
//! v1.23+; exact PSS semantics, off by default: K8S101 run-as-root is the practical check).
//! From v1.35 pods with `hostUsers: false` are exempt.

use super::{Scope, pair, pss_rule};
use crate::rules::Context;

pss_rule!(RunAsUser, "K8S125", check);

const HELP: &str = "set `runAsUser` to a non-zero UID (e.g. 10001), or leave it unset with `runAsNonRoot: true`";

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    if s.user_namespace_exempt() {
        return;
    }
    for (c, sc) in s.security_contexts() {
        let Some((key, value)) = sc.entry("runAsUser") else { continue };
        if value.as_i64() == Some(0) {
            let msg = match &c {
                Some(c) => format!("{} sets `runAsUser: 0`", s.who(c)),
                None => format!("{} sets `runAsUser: 0` for every container", s.pod_who()),
            };
            s.emit(cx, pair(key, value), msg, HELP);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as, pod};

    #[test]
    fn uid_zero_at_either_level() {
        let src = pod(
            "securityContext:\n  runAsUser: 0\ncontainers:\n- name: a\n  securityContext: {runAsUser: 1000}\n- name: b\n  securityContext: {runAsUser: 0}\n",
        );
        assert_eq!(k8s_spans("K8S125", &src), ["runAsUser: 0", "runAsUser: 0"]);
        // Unset is allowed; so is a templated value.
        assert!(
            k8s_spans(
                "K8S125",
                &pod("containers:\n- name: a\n  securityContext: {runAsUser: \"{{ .Values.uid }}\"}\n")
            )
            .is_empty()
        );
        let mut options = Options::default();
        options.kubernetes.pss_version = Some("v1.22".into());
        assert!(lint_as("K8S125", "m.yaml", &src, options).is_empty());
    }
}
