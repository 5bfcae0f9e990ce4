//! K8S114: a hostPath volume (PSS baseline "HostPath Volumes").

use super::{Scope, known_str, pss_rule};
use crate::rules::Context;

pss_rule!(HostPathVolume, "K8S114", check);

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    for volume in s.pod.volumes() {
        let Some((key, value)) = volume.entry("hostPath").filter(|(_, v)| !v.is_null()) else { continue };
        let name = volume.get("name").and_then(known_str).unwrap_or("<unnamed>");
        let path = value.get("path").and_then(known_str).map(|p| format!(" `{p}`")).unwrap_or_default();
        let msg = format!("{} mounts the host path{path} as volume `{name}`", s.pod_who());
        let help =
            "use an emptyDir, configMap, secret or persistentVolumeClaim volume instead of the node's filesystem";
        s.emit(cx, key.span(), msg, help);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn points_at_the_host_path_key() {
        let src = pod(
            "containers:\n- name: a\nvolumes:\n- name: logs\n  hostPath:\n    path: /var/log\n- name: tmp\n  emptyDir: {}\n",
        );
        assert_eq!(k8s_spans("K8S114", &src), ["hostPath"]);
        // `hostPath: null` is no hostPath.
        let src = pod("containers:\n- name: a\nvolumes:\n- name: x\n  hostPath:\n  emptyDir: {}\n");
        assert!(k8s_spans("K8S114", &src).is_empty());
    }
}
