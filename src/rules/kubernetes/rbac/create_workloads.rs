//! K8S806: a Role or ClusterRole can create workloads, and so run any pod.

use super::model::{Access, Resource};
use super::{At, Concern};

const fn namespaced(group: &'static str, name: &'static str) -> Resource {
    Resource { group, name, cluster_scoped: false }
}

static CREATE: Access = Access {
    resources: &[
        namespaced("", "pods"),
        namespaced("apps", "deployments"),
        namespaced("apps", "daemonsets"),
        namespaced("apps", "statefulsets"),
        namespaced("apps", "replicasets"),
        namespaced("batch", "jobs"),
        namespaced("batch", "cronjobs"),
        namespaced("", "replicationcontrollers"),
        namespaced("extensions", "deployments"),
        namespaced("extensions", "daemonsets"),
        namespaced("extensions", "replicasets"),
    ],
    verbs: &["create"],
};

/// `resourceNames` cannot restrict `create`: a rule with it grants no create at all.
pub static CREATE_WORKLOADS: Concern = Concern {
    code: "K8S806",
    access: &CREATE,
    at: At::Verb,
    names_narrow: true,
    what: "can create workloads, and so run any pod with any service account of the namespace",
    help: "grant `create` on workloads only to deployment tooling, and enforce Pod Security admission where it runs",
};

#[cfg(test)]
mod tests {
    use crate::rules::kubernetes::rbac::role;
    use crate::rules::testing::{k8s_diagnostics, k8s_spans};

    #[test]
    fn create_on_workloads_of_their_own_groups() {
        let src = role(
            "Role",
            "- apiGroups: [apps, batch]\n  resources: [deployments, jobs, configmaps]\n  verbs: [get, create]\n",
        );
        let found = k8s_diagnostics("K8S806", &src);
        assert_eq!(found.iter().map(|d| d.span.slice(&src)).collect::<Vec<_>>(), ["create"]);
        assert!(found[0].message.ends_with("`create` on `deployments`, `jobs`"), "{}", found[0].message);
    }

    #[test]
    fn a_kind_in_the_wrong_group_or_other_verbs_are_silent() {
        // `pods` is in the core group, not in `apps`.
        let src = role("Role", "- apiGroups: [apps]\n  resources: [pods]\n  verbs: [create]\n");
        assert!(k8s_spans("K8S806", &src).is_empty());
        let src = role("Role", "- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [get, list, watch, delete]\n");
        assert!(k8s_spans("K8S806", &src).is_empty());
    }
}
