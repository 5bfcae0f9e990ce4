//! K8S501: a container sets neither a CPU request nor a CPU limit.

use super::resources::{self, Bound};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct MissingCpuRequest;

impl Rule for MissingCpuRequest {
    fn code(&self) -> &'static str {
        "K8S501"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        resources::check(
            cx,
            object,
            &resources::CPU,
            Bound::Request,
            "set `resources.requests.cpu` (e.g. `100m`) to what the container needs at steady state: without it the scheduler reserves nothing and the container gets CPU only when no one else wants it",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn a_cpu_limit_is_the_default_request() {
        let src = pod(
            "containers:\n- name: a\n  image: x\n  resources:\n    limits: {cpu: 500m}\n- name: b\n  image: x\n  resources:\n    limits: {memory: 1Gi}\n- name: c\n  image: x\n  resources: {}\n- name: d\n  image: x\n",
        );
        assert_eq!(k8s_spans("K8S501", &src), ["resources", "resources", "d"]);
    }

    #[test]
    fn templates_pod_level_resources_and_ephemeral_containers() {
        let src = pod(
            "containers:\n- name: a\n  image: x\n  resources: \"{{ toYaml .Values.resources }}\"\n- name: b\n  image: x\n  resources:\n    requests: {cpu: \"{{ .Values.cpu }}\"}\nephemeralContainers:\n- name: debug\n  image: x\n",
        );
        assert!(k8s_spans("K8S501", &src).is_empty());
        let src = pod("resources:\n  requests: {cpu: \"1\"}\ncontainers:\n- name: a\n  image: x\n");
        assert!(k8s_spans("K8S501", &src).is_empty());
    }
}
