//! K8S160: a Namespace without a `pod-security.kubernetes.io/enforce` label.

use super::pod_security_labels;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct NamespaceWithoutPodSecurity;

impl Rule for NamespaceWithoutPodSecurity {
    fn code(&self) -> &'static str {
        "K8S160"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(labels) = pod_security_labels(object) else { return };
        if labels.iter().any(|(mode, _, _)| *mode == "enforce") {
            return;
        }
        let others: Vec<String> = labels
            .iter()
            .filter(|(mode, _, _)| matches!(*mode, "audit" | "warn"))
            .filter_map(|(mode, _, v)| Some(format!("`{mode}: {}`", v.str()?)))
            .collect();
        let why = if others.is_empty() {
            String::new()
        } else {
            format!(" (only {}: violations are reported, not refused)", others.join(" and "))
        };
        let at = object.metadata.and_then(|m| m.entry("labels")).map_or_else(|| object.anchor(), |(k, _)| k.span());
        let msg = format!(
            "{} has no `pod-security.kubernetes.io/enforce` label{why}: its pods are admitted at the cluster's \
             default level, `privileged` unless the admission configuration says otherwise",
            object.display_name()
        );
        let help = "label it `pod-security.kubernetes.io/enforce: baseline` (or `restricted`), with `warn` and \
                    `audit` at the level you are moving to";
        let d = cx.diag(at, msg).with_help(help);
        cx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    #[test]
    fn points_at_the_labels_or_the_name() {
        let src = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n  labels:\n    pod-security.kubernetes.io/warn: restricted\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: c\n  labels: {pod-security.kubernetes.io/enforce: baseline}\n";
        assert_eq!(k8s_spans("K8S160", src), ["a", "labels"]);
    }

    #[test]
    fn only_core_namespaces_with_readable_labels() {
        let src = "apiVersion: example.com/v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n  labels: \"{{ .Values.labels }}\"\n";
        assert!(k8s_spans("K8S160", src).is_empty());
    }
}
