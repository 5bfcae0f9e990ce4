//! K8S810: a ClusterRole can reach the kubelet API through `nodes/proxy`.

use super::model::{Access, Resource};
use super::{At, Concern};

/// `get` too: the kubelet's exec endpoint accepts a WebSocket GET.
static NODES_PROXY: Access = Access {
    resources: &[Resource { group: "", name: "nodes/proxy", cluster_scoped: true }],
    verbs: &["get", "create"],
};

/// A named node is no limit: it is still every pod on that node.
pub static NODE_PROXY: Concern = Concern {
    code: "K8S810",
    access: &NODES_PROXY,
    at: At::Resource,
    names_narrow: false,
    what: "can use the kubelet API of nodes, and so run commands in any pod on them",
    help: "drop `nodes/proxy`; metrics collectors can read `nodes/metrics` and `nodes/stats` instead",
};

#[cfg(test)]
mod tests {
    use crate::rules::kubernetes::rbac::role;
    use crate::rules::testing::k8s_spans;

    #[test]
    fn get_or_create_on_nodes_proxy() {
        let src = role("ClusterRole", "- apiGroups: [\"\"]\n  resources: [nodes, nodes/proxy]\n  verbs: [get, list]\n");
        assert_eq!(k8s_spans("K8S810", &src), ["nodes/proxy"]);
    }

    #[test]
    fn other_node_subresources_and_roles_are_silent() {
        let src =
            role("ClusterRole", "- apiGroups: [\"\"]\n  resources: [nodes/metrics, nodes/stats]\n  verbs: [get]\n");
        assert!(k8s_spans("K8S810", &src).is_empty());
        let src = role("Role", "- apiGroups: [\"\"]\n  resources: [nodes/proxy]\n  verbs: [get]\n");
        assert!(k8s_spans("K8S810", &src).is_empty());
    }
}
