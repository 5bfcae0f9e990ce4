//! K8S132: a container mounts a sensitive host directory (`/`, `/etc`, `/proc`, the kubelet's
//! state, ...).

use super::host_mounts::{HostMounts, HostPath};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct SensitiveHostMount;

/// Host paths whose mount as such exposes the node, and what they hold. Paths below them are not
/// reported (a log collector's `/var/log/pods`, `/etc/ssl/certs`), except the trees below.
const SENSITIVE: &[(&str, &str)] = &[
    ("/", "the node's whole filesystem"),
    ("/bin", "the node's programs"),
    ("/boot", "the node's kernel and boot loader"),
    ("/dev", "the node's devices"),
    ("/dev/mem", "the node's physical memory"),
    ("/dev/kmem", "the node's kernel memory"),
    ("/dev/port", "the node's I/O ports"),
    ("/etc", "the node's configuration and credentials"),
    ("/home", "the node's user homes"),
    ("/lib", "the node's libraries and kernel modules"),
    ("/lib64", "the node's libraries"),
    ("/proc", "every process on the node"),
    ("/root", "root's home on the node"),
    ("/run", "the node's runtime state and sockets"),
    ("/sbin", "the node's system programs"),
    ("/sys", "the node's kernel settings"),
    ("/usr", "the node's programs and libraries"),
    ("/var", "the node's variable state"),
    ("/var/lib", "the node's service state"),
    ("/var/run", "the node's runtime state and sockets"),
    ("/var/lib/docker", "every Docker container's filesystem"),
    ("/var/lib/containerd", "every containerd container's filesystem"),
    ("/var/lib/kubelet", "the kubelet's state and every pod's volumes"),
];

/// Trees any part of which is sensitive: the node's and its pods' credentials.
const SENSITIVE_TREES: &[(&str, &str)] = &[
    ("/etc/kubernetes", "the node's Kubernetes credentials and static pods"),
    ("/var/lib/kubelet/pods", "every pod's volumes, secrets included"),
    ("/var/lib/kubelet/pki", "the kubelet's credentials"),
    ("/var/lib/kubelet/kubeconfig", "the kubelet's credentials"),
    ("/var/lib/etcd", "the cluster's etcd data"),
    ("/root", "root's home on the node"),
];

fn sensitive(host: &HostPath) -> Option<&'static str> {
    let path = host.path();
    let in_tree = |tree: &str| path == tree || path.strip_prefix(tree).is_some_and(|rest| rest.starts_with('/'));
    let tree = SENSITIVE_TREES.iter().find(|(t, _)| in_tree(t));
    let exact = || match host {
        HostPath::Exact(p) => SENSITIVE.iter().find(|(s, _)| s == p),
        HostPath::Below(_) => None,
    };
    tree.or_else(exact).map(|(_, what)| *what)
}

impl Rule for SensitiveHostMount {
    fn code(&self) -> &'static str {
        "K8S132"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        let Some(hm) = HostMounts::of(&pod) else { return };
        for group in hm.grouped(|m| sensitive(&m.host).is_some()) {
            let first = group[0];
            let volume = &hm.volumes[first.volume];
            let what = sensitive(&first.host).unwrap_or("a sensitive host path");
            let writable = group.iter().any(|m| m.mount.get("readOnly").and_then(|r| r.as_bool()) != Some(true));
            let d = cx
                .diag(
                    volume.path_span,
                    format!(
                        "hostPath volume `{}` exposes the host's `{}` ({what}) to {} of {}",
                        volume.name,
                        first.host.path(),
                        hm.container_names(&group),
                        object.display_name()
                    ),
                )
                .with_help(if writable {
                    "mount only the file or directory the container needs, read-only; if it needs this one, \
                     set `readOnly: true` and suppress this finding with the reason"
                } else {
                    "mount only the file or directory the container needs; if it needs this one, suppress \
                     this finding with the reason"
                });
            cx.emit(hm.label_mounts(d, &group));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn exact_directories_and_sensitive_trees() {
        let exact = |p: &str| HostPath::Exact(p.into());
        assert!(sensitive(&exact("/")).is_some());
        assert!(sensitive(&exact("/proc")).is_some());
        assert!(sensitive(&exact("/etc/kubernetes/pki")).is_some());
        assert!(sensitive(&exact("/var/lib/kubelet/pods/x/volumes")).is_some());
        // Below a sensitive directory is not that directory.
        assert!(sensitive(&exact("/etc/ssl/certs")).is_none());
        assert!(sensitive(&exact("/var/log")).is_none());
        assert!(sensitive(&exact("/var/lib/kubelet/plugins_registry")).is_none());
        assert!(sensitive(&exact("/etc/kubernetes-extra")).is_none());
        // Somewhere below `/` is unknown; somewhere below a tree is in it.
        assert!(sensitive(&HostPath::Below("/".into())).is_none());
        assert!(sensitive(&HostPath::Below("/etc/kubernetes".into())).is_some());
    }

    #[test]
    fn sub_path_decides_what_is_mounted() {
        let src = pod(concat!(
            "containers:\n- name: a\n  volumeMounts:\n  - {name: root, mountPath: /logs, subPath: var/log}\n",
            "  - {name: root, mountPath: /etc-host, subPath: etc/, readOnly: true}\n",
            "volumes:\n- name: root\n  hostPath: {path: /}\n",
        ));
        assert_eq!(k8s_spans("K8S132", &src), ["path: /"]);
    }
}
