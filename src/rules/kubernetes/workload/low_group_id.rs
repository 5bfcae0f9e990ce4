//! K8S106: a container runs with a GID below 10000, or sets none (opt-in).

use super::user_ids::check_high_id;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct LowGroupId;

impl Rule for LowGroupId {
    fn code(&self) -> &'static str {
        "K8S106"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        check_high_id(cx, object, "runAsGroup", "GID");
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn reads_run_as_group_not_run_as_user_or_fs_group() {
        let src = pod(concat!(
            "securityContext:\n  runAsUser: 10001\n  fsGroup: 10001\n",
            "containers:\n- name: a\n- name: b\n  securityContext:\n    runAsGroup: 100\n",
            "- name: c\n  securityContext:\n    runAsGroup: 10001\n",
        ));
        assert_eq!(k8s_spans("K8S106", &src), ["a", "runAsGroup: 100"]);
    }
}
