//! K8S503: a container sets neither a memory request nor a memory limit (opt-in).

use super::resources::{self, Bound};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct MissingMemoryRequest;

impl Rule for MissingMemoryRequest {
    fn code(&self) -> &'static str {
        "K8S503"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        resources::check(
            cx,
            object,
            &resources::MEMORY,
            Bound::Request,
            "set `resources.requests.memory` (e.g. `128Mi`): without it the scheduler reserves nothing, the node can be overcommitted, and the pod is among the first evicted under memory pressure",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn points_at_the_map_the_value_belongs_in() {
        let src = pod(
            "containers:\n- name: a\n  image: x\n  resources:\n    requests: {cpu: 500m}\n- name: b\n  image: x\n  resources:\n    limits: {memory: 1Gi}\n",
        );
        assert_eq!(k8s_spans("K8S503", &src), ["requests"]);
    }
}
