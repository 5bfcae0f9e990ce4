//! K8S131: a container mounts a container runtime's socket (Docker, containerd, CRI-O, Podman)
//! from the host.

use super::host_mounts::{HostMounts, runtime_socket};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct RuntimeSocketMount;

impl Rule for RuntimeSocketMount {
    fn code(&self) -> &'static str {
        "K8S131"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        let Some(hm) = HostMounts::of(&pod) else { return };
        for group in hm.grouped(|m| runtime_socket(&m.host).is_some()) {
            let first = group[0];
            let volume = &hm.volumes[first.volume];
            let what = runtime_socket(&first.host).unwrap_or("a runtime socket");
            let d = cx
                .diag(
                    volume.path_span,
                    format!(
                        "hostPath volume `{}` gives {} of {} {what} (`{}`): control of every container on the node",
                        volume.name,
                        hm.container_names(&group),
                        object.display_name(),
                        first.host.path()
                    ),
                )
                .with_help(
                    "remove the volume and its mounts (`readOnly` does not help: a read-only socket still \
                     accepts commands); build images with a rootless builder instead of the node's runtime",
                );
            cx.emit(hm.label_mounts(d, &group));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_diagnostics, k8s_spans, pod};

    #[test]
    fn one_finding_per_volume_naming_every_container() {
        let src = pod(concat!(
            "containers:\n- name: a\n  volumeMounts:\n  - {name: sock, mountPath: /var/run/docker.sock}\n",
            "- name: b\n  volumeMounts:\n  - {name: sock, mountPath: /docker.sock, readOnly: true}\n",
            "volumes:\n- name: sock\n  hostPath:\n    path: /var/run/docker.sock\n    type: Socket\n",
        ));
        let d = k8s_diagnostics("K8S131", &src);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span.slice(&src), "path: /var/run/docker.sock");
        assert!(d[0].message.contains("containers `a` and `b`"), "{}", d[0].message);
        assert_eq!(d[0].labels.len(), 2);
    }

    #[test]
    fn sockets_through_sub_paths_and_socket_directories() {
        let src = pod(concat!(
            "containers:\n- name: a\n  volumeMounts:\n  - {name: run, mountPath: /d.sock, subPath: docker.sock}\n",
            "  - {name: ctr, mountPath: /run/containerd}\n",
            "volumes:\n- name: run\n  hostPath: {path: /var/run}\n- name: ctr\n  hostPath: {path: /run/containerd/}\n",
        ));
        assert_eq!(k8s_spans("K8S131", &src), ["path: /var/run", "path: /run/containerd/"]);
    }

    #[test]
    fn unmounted_or_other_paths_are_silent() {
        let src = pod(concat!(
            "containers:\n- name: a\n  volumeMounts:\n  - {name: run, mountPath: /host-run}\n",
            "volumes:\n- name: run\n  hostPath: {path: /var/run}\n",
            "- name: sock\n  hostPath: {path: /var/run/docker.sock}\n",
        ));
        assert!(k8s_spans("K8S131", &src).is_empty());
    }
}
