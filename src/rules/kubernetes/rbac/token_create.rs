//! K8S813: a Role or ClusterRole can mint tokens for service accounts.

use super::model::{Access, Resource};
use super::{At, Concern};

static CREATE_TOKENS: Access = Access {
    resources: &[Resource { group: "", name: "serviceaccounts/token", cluster_scoped: false }],
    verbs: &["create"],
};

pub static TOKEN_CREATE: Concern = Concern {
    code: "K8S813",
    access: &CREATE_TOKENS,
    at: At::Resource,
    names_narrow: true,
    what: "can mint tokens for any service account, and so act with its permissions",
    help: "list the service accounts it may create tokens for in `resourceNames`",
};

#[cfg(test)]
mod tests {
    use crate::rules::kubernetes::rbac::role;
    use crate::rules::testing::k8s_spans;

    #[test]
    fn creating_tokens() {
        let src = role("Role", "- apiGroups: [\"\"]\n  resources: [serviceaccounts/token]\n  verbs: [create]\n");
        assert_eq!(k8s_spans("K8S813", &src), ["serviceaccounts/token"]);
    }

    #[test]
    fn named_accounts_and_reading_accounts_are_silent() {
        let src = role(
            "Role",
            "- apiGroups: [\"\"]\n  resources: [serviceaccounts/token]\n  resourceNames: [builder]\n  verbs: [create]\n",
        );
        assert!(k8s_spans("K8S813", &src).is_empty());
        let src = role("Role", "- apiGroups: [\"\"]\n  resources: [serviceaccounts]\n  verbs: [create, get]\n");
        assert!(k8s_spans("K8S813", &src).is_empty());
    }
}
