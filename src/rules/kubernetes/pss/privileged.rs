//! K8S112: a privileged container (PSS baseline "Privileged Containers").

use super::{Scope, pss_rule};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::rules::Context;

pss_rule!(Privileged, "K8S112", check);

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    for c in s.pod.containers() {
        let Some((key, value)) = c.security_field("privileged") else { continue };
        if value.as_bool() != Some(true) {
            continue;
        }
        let msg =
            format!("{} is privileged (`privileged: true`): it has every capability and the host's devices", s.who(&c));
        let d = s
            .diag(cx, super::pair(key, value), msg)
            .with_help("set `privileged: false` and add only the capabilities the container needs")
            .with_fix(Fix {
                message: "set `privileged: false`".into(),
                applicability: Applicability::Unsafe,
                edits: vec![Edit { span: value.span(), replacement: "false".into() }],
            });
        cx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn every_container_group() {
        let src = pod(
            "containers:\n- name: a\n  securityContext: {privileged: true}\ninitContainers:\n- name: i\n  securityContext:\n    privileged: yes\nephemeralContainers:\n- name: e\n  securityContext:\n    privileged: false\n",
        );
        assert_eq!(k8s_spans("K8S112", &src), ["privileged: true", "privileged: yes"]);
        // `privileged` is a container-only field: a pod-level key means nothing.
        let src = pod("securityContext:\n  privileged: true\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S112", &src).is_empty());
    }
}
