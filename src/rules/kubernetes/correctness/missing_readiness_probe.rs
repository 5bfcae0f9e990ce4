//! K8S511: a long-running container has no readiness probe (opt-in).

use super::probes;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct MissingReadinessProbe;

impl Rule for MissingReadinessProbe {
    fn code(&self) -> &'static str {
        "K8S511"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        probes::check_missing(
            cx,
            object,
            "readinessProbe",
            "readiness probe",
            "add a `readinessProbe` that succeeds once the container can serve, so Services and rollouts wait for it instead of sending traffic to a pod still starting",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn app_containers_of_long_running_pods_only() {
        let src = pod(
            "initContainers:\n- name: init\n  image: x\ncontainers:\n- name: a\n  image: x\n- name: b\n  image: x\n  readinessProbe: {tcpSocket: {port: 80}}\n",
        );
        assert_eq!(k8s_spans("K8S511", &src), ["a"]);
        let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: x}]\n";
        assert!(k8s_spans("K8S511", job).is_empty());
        let run_once = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Never\n  containers: [{name: a, image: x}]\n";
        assert!(k8s_spans("K8S511", run_once).is_empty());
    }
}
