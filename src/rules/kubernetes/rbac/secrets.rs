//! K8S804: a Role or ClusterRole can read Secrets.

use super::model::{Access, Resource};
use super::{At, Concern};

static READ_SECRETS: Access = Access {
    resources: &[Resource { group: "", name: "secrets", cluster_scoped: false }],
    verbs: &["get", "list", "watch"],
};

pub static SECRETS: Concern = Concern {
    code: "K8S804",
    access: &READ_SECRETS,
    at: At::Resource,
    names_narrow: true,
    what: "can read Secrets",
    help: "drop `get`, `list` and `watch` on `secrets`, or name the Secrets it needs in `resourceNames`",
};

#[cfg(test)]
mod tests {
    use crate::rules::kubernetes::rbac::role;
    use crate::rules::testing::{k8s_diagnostics, k8s_spans};

    #[test]
    fn reading_secrets_directly_or_through_a_wildcard() {
        let src = role("ClusterRole", "- apiGroups: [\"\"]\n  resources: [pods, secrets]\n  verbs: [get, list]\n");
        assert_eq!(k8s_spans("K8S804", &src), ["secrets"]);
        let src = role("Role", "- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [watch]\n");
        assert_eq!(k8s_spans("K8S804", &src), ["\"*\""]);
    }

    #[test]
    fn other_groups_verbs_and_named_secrets_are_silent() {
        // `secrets` of another API group is another resource.
        let src = role("Role", "- apiGroups: [example.com]\n  resources: [secrets]\n  verbs: [get]\n");
        assert!(k8s_spans("K8S804", &src).is_empty());
        let src = role("Role", "- apiGroups: [\"\"]\n  resources: [secrets]\n  verbs: [create, delete]\n");
        assert!(k8s_spans("K8S804", &src).is_empty());
        let src = role("Role", "- apiGroups: [\"\"]\n  resources: [secrets]\n  resourceNames: [tls]\n  verbs: [get]\n");
        assert!(k8s_spans("K8S804", &src).is_empty());
        // Templated lists are unknown.
        let src = role("Role", "- apiGroups: [\"\"]\n  resources: [secrets]\n  verbs: \"{{ .Values.verbs }}\"\n");
        assert!(k8s_spans("K8S804", &src).is_empty());
    }

    #[test]
    fn rbac_api_versions_only() {
        let rules = "- apiGroups: [\"\"]\n  resources: [secrets]\n  verbs: [get]\n";
        let src = role("Role", rules).replace("rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1");
        assert_eq!(k8s_spans("K8S804", &src), ["secrets"]);
        // A custom resource that happens to be called Role.
        let src = role("Role", rules).replace("rbac.authorization.k8s.io/v1", "example.com/v1");
        assert!(k8s_spans("K8S804", &src).is_empty());
    }

    #[test]
    fn aggregation_into_a_built_in_role_is_a_label() {
        let src = role("ClusterRole", "- apiGroups: [\"\"]\n  resources: [secrets]\n  verbs: [list]\n")
            .replace("  namespace: ns\n", "  labels:\n    rbac.authorization.k8s.io/aggregate-to-view: \"true\"\n");
        let found = k8s_diagnostics("K8S804", &src);
        let labels: Vec<_> = found.iter().flat_map(|d| &d.labels).map(|l| l.span.slice(&src)).collect();
        assert_eq!(labels, ["rbac.authorization.k8s.io/aggregate-to-view"]);
    }

    #[test]
    fn aggregated_cluster_roles_are_owned_by_the_controller() {
        let src = role("ClusterRole", "- apiGroups: [\"\"]\n  resources: [secrets]\n  verbs: [get]\n")
            + "aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {team: a}\n";
        assert!(k8s_spans("K8S804", &src).is_empty());
    }
}
