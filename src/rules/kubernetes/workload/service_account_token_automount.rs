//! K8S107: a pod gets a service account token mounted (`automountServiceAccountToken` is not
//! `false`).

use super::security_context::set_bool;
use super::service_account::account;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct ServiceAccountTokenAutomount;

const HELP: &str = "set `automountServiceAccountToken: false` in the pod spec unless the pod calls the \
                    Kubernetes API; one that does can mount a short-lived projected token instead";

impl Rule for ServiceAccountTokenAutomount {
    fn code(&self) -> &'static str {
        "K8S107"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        let sa = match account(&pod).map(|(_, v)| v.str()) {
            None => "the `default` service account".to_string(),
            Some(Some(name)) => format!("service account `{name}`"),
            Some(None) => "its service account".to_string(),
        };
        let d = match pod.field("automountServiceAccountToken") {
            Some((key, value)) => match value.as_bool() {
                Some(true) => {
                    let d = cx.diag(
                        key.span().cover(value.span()),
                        format!(
                            "{} mounts a token of {sa} into every container: `automountServiceAccountToken: true`",
                            object.display_name()
                        ),
                    );
                    match set_bool(value, false, "set `automountServiceAccountToken: false`") {
                        Some(fix) => d.with_fix(fix),
                        None => d,
                    }
                }
                // `false`, or templated.
                _ => return,
            },
            // Unset defers to the ServiceAccount object, which this pod cannot see.
            None => cx.diag(
                pod.key.span(),
                format!(
                    "{} does not turn off its service account token: no `automountServiceAccountToken: false`, \
                     so a token of {sa} is mounted unless the account itself disables it",
                    object.display_name()
                ),
            ),
        };
        cx.emit(d.with_help(HELP));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_diagnostics, k8s_fixed, k8s_spans, pod};

    #[test]
    fn points_at_true_or_the_pod_spec() {
        let src = pod("containers:\n- name: a\n");
        assert_eq!(k8s_spans("K8S107", &src), ["spec"]);
        let src = pod("serviceAccountName: api\nautomountServiceAccountToken: yes\ncontainers:\n- name: a\n");
        assert_eq!(k8s_spans("K8S107", &src), ["automountServiceAccountToken: yes"]);
        assert!(k8s_diagnostics("K8S107", &src)[0].message.contains("service account `api`"));
        assert!(k8s_fixed("K8S107", &src).contains("automountServiceAccountToken: false\n"));
    }

    #[test]
    fn false_or_templated_is_silent_and_non_pods_are_ignored() {
        let src = pod("automountServiceAccountToken: false\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S107", &src).is_empty());
        let src = pod("automountServiceAccountToken: \"{{ .Values.mount }}\"\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S107", &src).is_empty());
        // The ServiceAccount object's own setting is another rule's business.
        let src = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n";
        assert!(k8s_spans("K8S107", src).is_empty());
    }
}
