//! K8S105: a container runs with a UID below 10000, or sets none (opt-in).

use super::user_ids::check_high_id;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct LowUserId;

impl Rule for LowUserId {
    fn code(&self) -> &'static str {
        "K8S105"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        check_high_id(cx, object, "runAsUser", "UID");
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_diagnostics, k8s_spans, pod};

    #[test]
    fn container_value_wins_over_the_pod_value() {
        let src = pod(concat!(
            "securityContext:\n  runAsUser: 1000\n",
            "containers:\n- name: a\n- name: b\n  securityContext:\n    runAsUser: 10001\n",
            "initContainers:\n- name: i\n  securityContext:\n    runAsUser: 9999\n",
        ));
        assert_eq!(k8s_spans("K8S105", &src), ["runAsUser: 1000", "runAsUser: 9999"]);
        let d = &k8s_diagnostics("K8S105", &src)[0];
        assert_eq!(d.labels.len(), 1, "the pod-level value is inherited by `a`");
    }

    #[test]
    fn unset_templated_and_user_namespaced() {
        let src = pod("containers:\n- name: a\n  securityContext:\n    runAsNonRoot: true\n");
        assert_eq!(k8s_spans("K8S105", &src), ["securityContext"]);
        let src = pod("containers:\n- name: a\n  securityContext:\n    runAsUser: \"{{ .Values.uid }}\"\n");
        assert!(k8s_spans("K8S105", &src).is_empty());
        let src = pod("hostUsers: false\ncontainers:\n- name: a\n  securityContext:\n    runAsUser: 0\n");
        assert!(k8s_spans("K8S105", &src).is_empty());
        // Exactly the threshold is high enough.
        let src = pod("securityContext:\n  runAsUser: 10000\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S105", &src).is_empty());
    }
}
