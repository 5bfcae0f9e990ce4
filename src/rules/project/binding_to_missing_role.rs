//! K8S432: a RoleBinding or ClusterRoleBinding grants a Role or ClusterRole that is not defined,
//! when the run defines roles of that scope.

use foldhash::HashSet;

use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;

pub struct BindingToMissingRole;

/// The ClusterRoles a cluster has without the repository: the user-facing ones, and the
/// `prefix:` ones of the platform and its installers (`system:`, `kubeadm:`, `eks:`, `gce:`).
fn built_in(name: &str) -> bool {
    matches!(name, "cluster-admin" | "admin" | "edit" | "view") || name.contains(':')
}

impl ProjectRule for BindingToMissingRole {
    fn code(&self) -> &'static str {
        "K8S432"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let index = project.index;
        let findings = super::Findings::of(self.code());
        // Judged only where the run defines roles of that scope: they may be created elsewhere.
        let scopes: HashSet<Option<&str>> = index.roles.iter().map(|(ns, _)| ns.as_deref()).collect();
        for b in &index.bindings {
            let scope = match b.role_kind.as_str() {
                // A RoleBinding's Role is in the binding's namespace.
                "Role" => match &b.namespace {
                    Some(ns) => Some(ns.as_str()),
                    None => continue,
                },
                "ClusterRole" if !built_in(&b.role_name) => None,
                _ => continue,
            };
            let in_system = scope.is_some_and(|ns| super::SYSTEM_NAMESPACES.contains(&ns));
            if !scopes.contains(&scope)
                || in_system
                || index.roles.contains(&(scope.map(str::to_string), b.role_name.clone()))
            {
                continue;
            }
            let place = scope.map_or_else(|| "the cluster".to_string(), |ns| format!("namespace `{ns}`"));
            let message = format!(
                "{} {} grants {} `{}`, which {place} does not define: it grants nothing",
                b.kind, b.name, b.role_kind, b.role_name
            );
            if let Some(d) = findings.at(&b.path, b.at, b.source.as_ref(), message) {
                out.push(d.with_help(
                    "point `roleRef` at a defined role (kind and name are exact, and a RoleBinding's Role is in \
                     its own namespace), or add the role; `roleRef` cannot be changed later, so recreate the binding",
                ));
            }
        }
    }
}
