//! K8S502: a container has no CPU limit (opt-in).

use super::resources::{self, Bound};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct MissingCpuLimit;

impl Rule for MissingCpuLimit {
    fn code(&self) -> &'static str {
        "K8S502"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        resources::check(
            cx,
            object,
            &resources::CPU,
            Bound::Limit,
            "set `resources.limits.cpu` if this workload must not use spare CPU on the node; a limit throttles the container even when the node is idle",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn points_at_the_map_the_value_belongs_in() {
        let src = pod(
            "containers:\n- name: a\n  image: x\n  resources:\n    requests: {cpu: 500m}\n- name: b\n  image: x\n  resources:\n    limits: {cpu: \"1\"}\ninitContainers:\n- name: i\n  image: x\n  resources:\n    limits: {memory: 1Gi}\n",
        );
        assert_eq!(k8s_spans("K8S502", &src), ["resources", "limits"]);
    }
}
