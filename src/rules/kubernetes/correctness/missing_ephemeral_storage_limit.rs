//! K8S505: a container has no ephemeral-storage limit (opt-in).

use super::resources::{self, Bound};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct MissingEphemeralStorageLimit;

impl Rule for MissingEphemeralStorageLimit {
    fn code(&self) -> &'static str {
        "K8S505"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        resources::check(
            cx,
            object,
            &resources::EPHEMERAL_STORAGE,
            Bound::Limit,
            "set `resources.limits.ephemeral-storage` (e.g. `1Gi`): without it the container can fill the node's disk with logs, emptyDir data and writable-layer files, and the kubelet evicts pods to reclaim it",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn points_at_the_map_the_value_belongs_in() {
        let src = pod(
            "containers:\n- name: a\n  image: x\n  resources:\n    requests: {ephemeral-storage: 1Gi}\n- name: b\n  image: x\n  resources:\n    limits: {ephemeral-storage: 1Gi}\n",
        );
        assert_eq!(k8s_spans("K8S505", &src), ["resources"]);
    }
}
