//! K8S808: a Role or ClusterRole can bind any role, including ones with more than it holds.

use super::model::{Access, RBAC_GROUP, Resource};
use super::{At, Concern};

/// `bind` is checked on the role being bound (as the API server does), not on bindings.
static BIND_ROLES: Access = Access {
    resources: &[
        Resource { group: RBAC_GROUP, name: "roles", cluster_scoped: false },
        Resource { group: RBAC_GROUP, name: "clusterroles", cluster_scoped: true },
    ],
    verbs: &["bind"],
};

pub static BIND: Concern = Concern {
    code: "K8S808",
    access: &BIND_ROLES,
    at: At::Verb,
    names_narrow: true,
    what: "can bind any role, cluster-admin included",
    help: "drop `bind`, or list the roles it may bind in `resourceNames`",
};

#[cfg(test)]
mod tests {
    use crate::rules::kubernetes::rbac::role;
    use crate::rules::testing::k8s_spans;

    #[test]
    fn bind_on_roles() {
        let src = role(
            "ClusterRole",
            "- apiGroups: [rbac.authorization.k8s.io]\n  resources: [clusterroles]\n  verbs: [bind]\n",
        );
        assert_eq!(k8s_spans("K8S808", &src), ["bind"]);
    }

    #[test]
    fn named_roles_and_bindings_are_silent() {
        let src = role(
            "ClusterRole",
            "- apiGroups: [rbac.authorization.k8s.io]\n  resources: [clusterroles]\n  resourceNames: [view]\n  verbs: [bind]\n",
        );
        assert!(k8s_spans("K8S808", &src).is_empty());
        // `bind` on bindings authorizes nothing.
        let src = role(
            "ClusterRole",
            "- apiGroups: [rbac.authorization.k8s.io]\n  resources: [rolebindings]\n  verbs: [bind]\n",
        );
        assert!(k8s_spans("K8S808", &src).is_empty());
    }
}
