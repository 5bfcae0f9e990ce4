//! K8S109: a pod spec uses the deprecated `serviceAccount` field.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};
use crate::syntax::yaml::ScalarStyle;

pub struct DeprecatedServiceAccountField;

impl Rule for DeprecatedServiceAccountField {
    fn code(&self) -> &'static str {
        "K8S109"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        let Some((key, value)) = pod.field("serviceAccount") else { return };
        let at = key.span().cover(value.span());
        let who = object.display_name();
        let Some((name_key, name)) = pod.field("serviceAccountName") else {
            let d = cx
                .diag(at, format!("{who} names its service account with the deprecated `serviceAccount` field"))
                .with_help("rename `serviceAccount` to `serviceAccountName`");
            // The API server copies `serviceAccount` into an unset `serviceAccountName`: renaming
            // the key keeps the account.
            let d = match key.style() {
                Some(ScalarStyle::Plain) => d.with_fix(Fix {
                    message: "rename to `serviceAccountName`".into(),
                    applicability: Applicability::Safe,
                    edits: vec![Edit { span: key.span(), replacement: "serviceAccountName".into() }],
                }),
                _ => d,
            };
            cx.emit(d);
            return;
        };
        let d = match (value.str(), name.str()) {
            (Some(old), Some(new)) if old != new => cx
                .diag(
                    at,
                    format!(
                        "{who} sets the deprecated `serviceAccount: {old}`, which is ignored: `serviceAccountName: {new}` wins"
                    ),
                )
                .with_label(name_key.span().cover(name.span()), "the account the pod runs as")
                .with_help("remove `serviceAccount`, and check which account the pod needs"),
            _ => cx
                .diag(at, format!("{who} sets the deprecated `serviceAccount` field beside `serviceAccountName`"))
                .with_help("remove `serviceAccount`"),
        };
        cx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_diagnostics, k8s_fixed, k8s_spans, pod};

    #[test]
    fn alone_it_is_renamed() {
        let src = pod("serviceAccount: api\ncontainers:\n- name: a\n");
        assert_eq!(k8s_spans("K8S109", &src), ["serviceAccount: api"]);
        assert!(k8s_fixed("K8S109", &src).contains("      serviceAccountName: api\n"));
        let src = pod("\"serviceAccount\": api\ncontainers:\n- name: a\n");
        assert_eq!(k8s_fixed("K8S109", &src), src, "a quoted key is left alone");
    }

    #[test]
    fn beside_service_account_name() {
        let src = pod("serviceAccountName: api\nserviceAccount: old\ncontainers:\n- name: a\n");
        let d = k8s_diagnostics("K8S109", &src);
        assert!(d[0].message.contains("ignored"), "{}", d[0].message);
        assert!(d[0].fix.is_none());
        let src = pod("serviceAccountName: api\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S109", &src).is_empty());
    }
}
