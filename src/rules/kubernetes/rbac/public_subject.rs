//! K8S803: a binding grants a role to every user, or to anonymous requests.

use super::model::Binding;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct PublicSubject;

/// The public subjects, what each means, and the built-in ClusterRoles bound to it by default.
const PUBLIC: &[(&str, &str, &[&str])] = &[
    ("system:anonymous", "every request without credentials", &["system:public-info-viewer"]),
    ("system:unauthenticated", "every request without credentials", &["system:public-info-viewer"]),
    (
        "system:authenticated",
        "everyone with any valid credential, every service account included",
        &["system:public-info-viewer", "system:discovery", "system:basic-user"],
    ),
];

impl Rule for PublicSubject {
    fn code(&self) -> &'static str {
        "K8S803"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(b) = Binding::of(object) else { return };
        for s in &b.subjects {
            if !matches!(s.kind, Some("User" | "Group")) {
                continue;
            }
            let Some(name) = s.name else { continue };
            let Some(&(_, who, defaults)) = PUBLIC.iter().find(|(n, ..)| *n == name.value) else { continue };
            let builtin =
                b.role_kind == Some("ClusterRole") && b.role_name.is_some_and(|r| defaults.contains(&r.value));
            if builtin {
                continue;
            }
            let d = cx
                .diag(
                    name.span,
                    format!("{} grants {} to `{}`: {who}", object.display_name(), b.role_display(), name.value),
                )
                .with_help("bind the users, groups or service accounts that need the role instead");
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    fn binding(role: &str, subjects: &str) -> String {
        format!(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: {role}\nsubjects:\n{subjects}"
        )
    }

    #[test]
    fn each_public_subject() {
        let src = binding(
            "view",
            "- kind: Group\n  name: system:authenticated\n- kind: User\n  name: system:anonymous\n- kind: Group\n  name: devs\n",
        );
        assert_eq!(k8s_spans("K8S803", &src), ["system:authenticated", "system:anonymous"]);
    }

    #[test]
    fn the_default_discovery_bindings_and_service_accounts_are_silent() {
        let src = binding("system:public-info-viewer", "- kind: Group\n  name: system:unauthenticated\n");
        assert!(k8s_spans("K8S803", &src).is_empty());
        let src = binding("system:discovery", "- kind: Group\n  name: system:authenticated\n");
        assert!(k8s_spans("K8S803", &src).is_empty());
        // Discovery is no longer public: binding it to anonymous requests is a finding.
        let src = binding("system:discovery", "- kind: Group\n  name: system:unauthenticated\n");
        assert_eq!(k8s_spans("K8S803", &src), ["system:unauthenticated"]);
        let src = binding("view", "- kind: ServiceAccount\n  name: system:authenticated\n  namespace: x\n");
        assert!(k8s_spans("K8S803", &src).is_empty());
    }
}
