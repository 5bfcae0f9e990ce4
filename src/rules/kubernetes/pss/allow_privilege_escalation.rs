//! K8S123: a container that does not set `allowPrivilegeEscalation: false` (PSS restricted
//! "Privilege Escalation", v1.8+; Windows pods exempt from v1.25).

use super::{Scope, missing_at, pair, pss_rule};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rules::Context;

pss_rule!(AllowPrivilegeEscalation, "K8S123", check);

const HELP: &str =
    "set `securityContext.allowPrivilegeEscalation: false` on the container (there is no pod-level field)";

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    if s.windows_exempt() {
        return;
    }
    for c in s.pod.containers() {
        match c.security_field("allowPrivilegeEscalation").map(|(k, v)| (k, v, v.as_bool())) {
            Some((_, _, Some(false))) => {}
            Some((key, value, Some(true))) => {
                let msg = format!("{} sets `allowPrivilegeEscalation: true`", s.who(&c));
                let d = s.diag(cx, pair(key, value), msg).with_help(HELP).with_fix(Fix {
                    message: "set `allowPrivilegeEscalation: false`".into(),
                    applicability: Applicability::Unsafe,
                    edits: vec![Edit { span: value.span(), replacement: "false".into() }],
                });
                cx.emit(d);
            }
            // Templated or not a boolean: unknown.
            Some((_, _, None)) => {}
            None => {
                let msg = format!("{} does not set `allowPrivilegeEscalation: false`", s.who(&c));
                s.emit(cx, missing_at(&c), msg, HELP);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as, pod};

    #[test]
    fn explicit_false_is_required() {
        let src = pod(
            "containers:\n- name: a\n- name: b\n  securityContext:\n    allowPrivilegeEscalation: true\n- name: c\n  securityContext:\n    allowPrivilegeEscalation: false\n- name: d\n  securityContext:\n    runAsUser: 1\n",
        );
        assert_eq!(k8s_spans("K8S123", &src), ["a", "allowPrivilegeEscalation: true", "securityContext"]);
    }

    #[test]
    fn windows_pods_from_v1_25() {
        let src = pod("os: {name: windows}\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S123", &src).is_empty());
        let mut options = Options::default();
        options.kubernetes.pss_version = Some("v1.24".into());
        assert_eq!(lint_as("K8S123", "m.yaml", &src, options).len(), 1);
        let mut options = Options::default();
        options.kubernetes.pss_version = Some("v1.7".into());
        assert!(lint_as("K8S123", "m.yaml", &pod("containers:\n- name: a\n"), options).is_empty());
    }
}
