//! K8S130: a namespace's `default` ServiceAccount lets pods mount its token.

use super::security_context::set_bool;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct DefaultServiceAccountAutomount;

const HELP: &str = "set `automountServiceAccountToken: false` on the `default` ServiceAccount and give \
                    workloads that call the API a ServiceAccount of their own";

impl Rule for DefaultServiceAccountAutomount {
    fn code(&self) -> &'static str {
        "K8S130"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        if object.kind != "ServiceAccount" || !object.group().is_empty() || object.name != Some("default") {
            return;
        }
        let ns = object.namespace.map_or_else(String::new, |n| format!(" of namespace `{n}`"));
        let d = match object.root.entry("automountServiceAccountToken").filter(|(_, v)| !v.is_null()) {
            Some((key, value)) => match value.as_bool() {
                Some(true) => {
                    let d = cx.diag(
                        key.span().cover(value.span()),
                        format!("the `default` ServiceAccount{ns} has its token mounted into pods: `automountServiceAccountToken: true`"),
                    );
                    match set_bool(value, false, "set `automountServiceAccountToken: false`") {
                        Some(fix) => d.with_fix(fix),
                        None => d,
                    }
                }
                _ => return,
            },
            None => cx.diag(
                object.anchor(),
                format!(
                    "the `default` ServiceAccount{ns} has its token mounted into every pod that does not opt out: \
                     no `automountServiceAccountToken: false`"
                ),
            ),
        };
        cx.emit(d.with_help(HELP));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn only_the_default_service_account() {
        let sa = |name: &str, extra: &str| {
            format!("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}\n{extra}")
        };
        assert_eq!(k8s_spans("K8S130", &sa("default", "")), ["default"]);
        assert_eq!(
            k8s_spans("K8S130", &sa("default", "automountServiceAccountToken: true\n")),
            ["automountServiceAccountToken: true"]
        );
        assert!(k8s_spans("K8S130", &sa("default", "automountServiceAccountToken: false\n")).is_empty());
        assert!(k8s_spans("K8S130", &sa("api", "")).is_empty());
        // A pod named default is not a ServiceAccount.
        assert!(k8s_spans("K8S130", &pod("containers:\n- name: default\n")).is_empty());
    }
}
