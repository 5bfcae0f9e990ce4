//! K8S814: a binding grants a role to a namespace's `default` service account.

use super::model::Binding;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct DefaultServiceAccount;

impl Rule for DefaultServiceAccount {
    fn code(&self) -> &'static str {
        "K8S814"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(b) = Binding::of(object) else { return };
        for s in &b.subjects {
            let Some(name) = s.name else { continue };
            // The service account itself, or its user name `system:serviceaccount:<ns>:default`.
            let namespace = match s.kind {
                Some("ServiceAccount") if name.value == "default" => s.namespace,
                Some("User") => match name.value.strip_prefix("system:serviceaccount:").and_then(|r| r.split_once(':'))
                {
                    Some((ns, "default")) => Some(ns),
                    _ => continue,
                },
                _ => continue,
            };
            let whose = namespace.map_or("the `default` ServiceAccount".to_string(), |ns| {
                format!("the `default` ServiceAccount of namespace `{ns}`")
            });
            let d = cx
                .diag(
                    name.span,
                    format!(
                        "{} grants {} to {whose}: every pod there that names no service account gets it",
                        object.display_name(),
                        b.role_display()
                    ),
                )
                .with_help(
                    "create a ServiceAccount for the workload, bind the role to it and set `serviceAccountName`",
                );
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_diagnostics, k8s_spans};

    fn binding(subjects: &str) -> String {
        format!(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader\nsubjects:\n{subjects}"
        )
    }

    #[test]
    fn the_default_account_by_kind_or_user_name() {
        let src = binding("- kind: ServiceAccount\n  name: default\n");
        let found = k8s_diagnostics("K8S814", &src);
        assert_eq!(found.iter().map(|d| d.span.slice(&src)).collect::<Vec<_>>(), ["default"]);
        assert!(found[0].message.contains("namespace `apps`"), "{}", found[0].message);
        let src = binding("- kind: User\n  name: system:serviceaccount:web:default\n");
        assert_eq!(k8s_spans("K8S814", &src), ["system:serviceaccount:web:default"]);
    }

    #[test]
    fn other_accounts_and_a_user_called_default_are_silent() {
        let src = binding(
            "- kind: ServiceAccount\n  name: web\n- kind: User\n  name: default\n- kind: User\n  name: system:serviceaccount:web:defaults\n",
        );
        assert!(k8s_spans("K8S814", &src).is_empty());
    }
}
