//! K8S510: a long-running container has no liveness probe (opt-in).

use super::probes;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct MissingLivenessProbe;

impl Rule for MissingLivenessProbe {
    fn code(&self) -> &'static str {
        "K8S510"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        probes::check_missing(
            cx,
            object,
            "livenessProbe",
            "liveness probe",
            "add a `livenessProbe` that fails only when the process is stuck beyond recovery (a cheap endpoint, not one that checks dependencies), so the kubelet restarts it",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn app_containers_of_long_running_pods_only() {
        let src = pod(
            "initContainers:\n- name: init\n  image: x\ncontainers:\n- name: a\n  image: x\n- name: b\n  image: x\n  livenessProbe: {tcpSocket: {port: 80}}\n",
        );
        assert_eq!(k8s_spans("K8S510", &src), ["a"]);
        let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: x}]\n";
        assert!(k8s_spans("K8S510", job).is_empty());
        let run_once = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Never\n  containers: [{name: a, image: x}]\n";
        assert!(k8s_spans("K8S510", run_once).is_empty());
    }
}
