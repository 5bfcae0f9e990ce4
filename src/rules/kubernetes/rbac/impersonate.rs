//! K8S809: a Role or ClusterRole can impersonate users, groups or service accounts.

use super::model::{Access, Resource};
use super::{At, Concern};

static IMPERSONATE_IDENTITIES: Access = Access {
    resources: &[
        Resource { group: "", name: "users", cluster_scoped: true },
        Resource { group: "", name: "groups", cluster_scoped: true },
        Resource { group: "", name: "serviceaccounts", cluster_scoped: false },
    ],
    verbs: &["impersonate"],
};

pub static IMPERSONATE: Concern = Concern {
    code: "K8S809",
    access: &IMPERSONATE_IDENTITIES,
    at: At::Verb,
    names_narrow: true,
    what: "can impersonate any identity, `system:masters` included",
    help: "drop `impersonate`, or list the identities it may impersonate in `resourceNames`",
};

#[cfg(test)]
mod tests {
    use crate::rules::kubernetes::rbac::role;
    use crate::rules::testing::k8s_spans;

    #[test]
    fn impersonating_groups_or_service_accounts() {
        let src = role("ClusterRole", "- apiGroups: [\"\"]\n  resources: [users, groups]\n  verbs: [impersonate]\n");
        assert_eq!(k8s_spans("K8S809", &src), ["impersonate"]);
        let src = role("Role", "- apiGroups: [\"\"]\n  resources: [serviceaccounts]\n  verbs: [\"*\"]\n");
        assert_eq!(k8s_spans("K8S809", &src), ["\"*\""]);
    }

    #[test]
    fn named_identities_and_a_roles_users_are_silent() {
        let src = role(
            "ClusterRole",
            "- apiGroups: [\"\"]\n  resources: [users]\n  resourceNames: [jane]\n  verbs: [impersonate]\n",
        );
        assert!(k8s_spans("K8S809", &src).is_empty());
        // Users are cluster-scoped: a Role cannot grant them.
        let src = role("Role", "- apiGroups: [\"\"]\n  resources: [users]\n  verbs: [impersonate]\n");
        assert!(k8s_spans("K8S809", &src).is_empty());
    }
}
