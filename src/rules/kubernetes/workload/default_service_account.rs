//! K8S108: a pod runs as its namespace's `default` service account (opt-in).

use super::service_account::{account, token_disabled};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct DefaultServiceAccount;

const HELP: &str = "create a ServiceAccount for this workload and set `serviceAccountName`, or set \
                    `automountServiceAccountToken: false` if it never calls the Kubernetes API";

impl Rule for DefaultServiceAccount {
    fn code(&self) -> &'static str {
        "K8S108"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        // Without a token the account's permissions are out of reach.
        if token_disabled(&pod) {
            return;
        }
        let d = match account(&pod) {
            Some((key, value)) => match value.str() {
                Some("default") | Some("") => cx.diag(
                    key.span().cover(value.span()),
                    format!("{} runs as the namespace's `default` service account", object.display_name()),
                ),
                // A dedicated account, or a templated name.
                _ => return,
            },
            None => cx.diag(
                pod.key.span(),
                format!(
                    "{} runs as the namespace's `default` service account: no `serviceAccountName`",
                    object.display_name()
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
    fn unset_or_default_name() {
        let src = pod("containers:\n- name: a\n");
        assert_eq!(k8s_spans("K8S108", &src), ["spec"]);
        let src = pod("serviceAccountName: default\ncontainers:\n- name: a\n");
        assert_eq!(k8s_spans("K8S108", &src), ["serviceAccountName: default"]);
        // The deprecated field still names the account.
        let src = pod("serviceAccount: default\ncontainers:\n- name: a\n");
        assert_eq!(k8s_spans("K8S108", &src), ["serviceAccount: default"]);
    }

    #[test]
    fn a_dedicated_account_or_no_token_is_fine() {
        let src = pod("serviceAccount: api\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S108", &src).is_empty());
        let src = pod("automountServiceAccountToken: false\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S108", &src).is_empty());
        let src = pod("serviceAccountName: {{ .Values.sa }}\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S108", &src).is_empty());
    }
}
