//! K8S807: a Role or ClusterRole can escalate Roles: write rules it does not hold itself.

use super::model::{Access, RBAC_GROUP, Resource};
use super::{At, Concern};

static ESCALATE_ROLES: Access = Access {
    resources: &[
        Resource { group: RBAC_GROUP, name: "roles", cluster_scoped: false },
        Resource { group: RBAC_GROUP, name: "clusterroles", cluster_scoped: true },
    ],
    verbs: &["escalate"],
};

/// Named roles are no limit: escalating a role the holder is bound to grants it anything.
pub static ESCALATE: Concern = Concern {
    code: "K8S807",
    access: &ESCALATE_ROLES,
    at: At::Verb,
    names_narrow: false,
    what: "can escalate roles, and so grant itself any permission",
    help: "drop `escalate`; a controller that manages roles needs only the permissions it writes into them",
};

#[cfg(test)]
mod tests {
    use crate::rules::kubernetes::rbac::role;
    use crate::rules::testing::k8s_spans;

    #[test]
    fn escalate_or_every_verb_on_roles() {
        let src = role(
            "ClusterRole",
            "- apiGroups: [rbac.authorization.k8s.io]\n  resources: [clusterroles]\n  verbs: [get, escalate]\n",
        );
        assert_eq!(k8s_spans("K8S807", &src), ["escalate"]);
        let src = role("Role", "- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]\n");
        assert_eq!(k8s_spans("K8S807", &src), ["\"*\""]);
    }

    #[test]
    fn cluster_roles_are_out_of_a_roles_reach() {
        // A namespaced Role cannot grant a cluster-scoped resource.
        let src = role(
            "Role",
            "- apiGroups: [rbac.authorization.k8s.io]\n  resources: [clusterroles]\n  verbs: [escalate]\n",
        );
        assert!(k8s_spans("K8S807", &src).is_empty());
        let src = role("ClusterRole", "- apiGroups: [\"\"]\n  resources: [roles]\n  verbs: [escalate]\n");
        assert!(k8s_spans("K8S807", &src).is_empty());
    }
}
