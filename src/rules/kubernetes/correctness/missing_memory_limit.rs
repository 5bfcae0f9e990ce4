//! K8S504: a container has no memory limit.

use super::resources::{self, Bound};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct MissingMemoryLimit;

impl Rule for MissingMemoryLimit {
    fn code(&self) -> &'static str {
        "K8S504"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        resources::check(
            cx,
            object,
            &resources::MEMORY,
            Bound::Limit,
            "set `resources.limits.memory` (e.g. `512Mi`, at or above the request): without it one leaking container can take the node's memory and get other pods evicted or OOM-killed",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn points_at_the_map_the_value_belongs_in() {
        let src = pod(
            "containers:\n- name: a\n  image: x\n  resources:\n    requests: {memory: 1Gi}\n- name: b\n  image: x\n  resources:\n    limits: {memory: null}\n- name: c\n  image: x\n  resources:\n    limits: {memory: 1Gi}\n",
        );
        assert_eq!(k8s_spans("K8S504", &src), ["resources", "limits"]);
        // A Kustomize patch: the container has no image, its resources come from the base.
        let patch = pod("containers:\n- name: a\n  volumeMounts: [{name: v, mountPath: /v}]\n");
        assert!(k8s_spans("K8S504", &patch).is_empty());
    }
}
