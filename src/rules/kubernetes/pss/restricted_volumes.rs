//! K8S122: a volume type the restricted level does not allow (PSS restricted "Volume Types").
//! Where K8S114 runs, hostPath volumes are left to it.

use super::versions::{OTHER_VOLUME_SOURCES, RESTRICTED_VOLUME_SOURCES};
use super::{Scope, known_str, pss_rule};
use crate::rules::Context;

pss_rule!(RestrictedVolumes, "K8S122", check);

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    let host_path_reported = s.overlap_reported(cx);
    for volume in s.pod.volumes() {
        let sources: Vec<_> = volume.entries().filter(|(_, v)| !v.is_null()).collect();
        let allowed = |k: &str| RESTRICTED_VOLUME_SOURCES.contains(&k);
        // A volume with an allowed source passes, whatever else it sets; one with no source at all
        // is defaulted to emptyDir by the API server.
        if sources.iter().any(|(k, _)| k.str().is_some_and(allowed)) {
            continue;
        }
        let forbidden = sources.iter().find(|(k, _)| {
            k.str().is_some_and(|k| OTHER_VOLUME_SOURCES.contains(&k) && !(host_path_reported && k == "hostPath"))
        });
        let Some((key, _)) = forbidden else { continue };
        let kind = key.str().unwrap_or_default();
        let name = volume.get("name").and_then(known_str).unwrap_or("<unnamed>");
        let msg =
            format!("{} has volume `{name}` of type `{kind}`, which the restricted level does not allow", s.pod_who());
        let help = "use a configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, \
                    projected or secret volume; other storage goes through a PersistentVolume and a claim";
        s.emit(cx, key.span(), msg, help);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn only_core_volume_types() {
        let src = pod(
            "containers:\n- name: a\nvolumes:\n- name: data\n  nfs: {server: nfs, path: /}\n- name: c\n  configMap: {name: c}\n- name: bare\n- name: repo\n  gitRepo: {repository: x}\n- name: img\n  image: {reference: busybox}\n",
        );
        assert_eq!(k8s_spans("K8S122", &src), ["nfs", "gitRepo"]);
    }

    #[test]
    fn host_path_is_left_to_k8s114_when_it_runs() {
        let src = pod("containers:\n- name: a\nvolumes:\n- name: h\n  hostPath: {path: /}\n");
        // Alone (as in `k8s_spans`), the rule reports it; with K8S114 selected it does not.
        assert_eq!(k8s_spans("K8S122", &src), ["hostPath"]);
        assert_eq!(super::super::found_codes(&["K8S114", "K8S122"], &src), ["K8S114"]);
    }
}
