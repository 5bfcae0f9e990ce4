//! K8S802: a binding grants the cluster-admin ClusterRole.

use super::model::Binding;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct ClusterAdmin;

impl Rule for ClusterAdmin {
    fn code(&self) -> &'static str {
        "K8S802"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(b) = Binding::of(object) else { return };
        let Some(name) = b.role_name.filter(|n| n.value == "cluster-admin") else { return };
        if b.role_kind != Some("ClusterRole") {
            return;
        }
        // The built-in binding of `system:masters`, as in a dump of a cluster.
        let masters = |s: &super::model::Subject<'_>| {
            s.kind == Some("Group") && s.name.is_some_and(|n| n.value == "system:masters")
        };
        if !b.subjects.is_empty() && b.subjects.iter().all(masters) {
            return;
        }
        let who = match b.subjects.as_slice() {
            [] => "no subject yet".to_string(),
            [s] => s.display(),
            [s, rest @ ..] => format!("{} and {} more", s.display(), rest.len()),
        };
        let scope = if b.cluster {
            "every permission in every namespace".to_string()
        } else {
            format!(
                "every permission in namespace `{}`, its Roles and Secrets included",
                object.namespace.unwrap_or("default")
            )
        };
        let d = cx
            .diag(name.span, format!("{} grants cluster-admin to {who}: {scope}", object.display_name()))
            .with_help("bind a role with the permissions the subject needs; keep cluster-admin for break-glass access");
        cx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_diagnostics;

    fn binding(kind: &str, role_kind: &str, subjects: &str) -> String {
        format!(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata:\n  name: b\n  namespace: ns\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: {role_kind}\n  name: cluster-admin\nsubjects:\n{subjects}"
        )
    }

    #[test]
    fn cluster_and_namespace_bindings() {
        let src =
            binding("ClusterRoleBinding", "ClusterRole", "- kind: ServiceAccount\n  name: ci\n  namespace: tools\n");
        let found = k8s_diagnostics("K8S802", &src);
        assert_eq!(found.iter().map(|d| d.span.slice(&src)).collect::<Vec<_>>(), ["cluster-admin"]);
        assert!(found[0].message.contains("to ServiceAccount `tools/ci`: every permission in every namespace"));
        let src = binding("RoleBinding", "ClusterRole", "- kind: User\n  name: jane\n");
        assert!(k8s_diagnostics("K8S802", &src)[0].message.contains("in namespace `ns`"));
    }

    #[test]
    fn a_role_named_cluster_admin_and_system_masters_are_silent() {
        // A namespaced Role that happens to be called cluster-admin is some other role.
        let src = binding("RoleBinding", "Role", "- kind: User\n  name: jane\n");
        assert!(k8s_diagnostics("K8S802", &src).is_empty());
        let src = binding("ClusterRoleBinding", "ClusterRole", "- kind: Group\n  name: system:masters\n");
        assert!(k8s_diagnostics("K8S802", &src).is_empty());
    }
}
