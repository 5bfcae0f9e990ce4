//! K8S161: a Namespace enforces the `privileged` Pod Security level.

use super::pod_security_labels;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct NamespacePodSecurityPrivileged;

impl Rule for NamespacePodSecurityPrivileged {
    fn code(&self) -> &'static str {
        "K8S161"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(labels) = pod_security_labels(object) else { return };
        for (mode, key, value) in labels {
            if mode != "enforce" || value.str() != Some("privileged") {
                continue;
            }
            let msg = format!(
                "{} enforces the `privileged` Pod Security level: any pod is admitted, privileged containers and \
                 host namespaces and paths included",
                object.display_name()
            );
            let help = "enforce `baseline` (or `restricted`); a namespace that must run node agents (CNI, CSI, \
                        monitoring) should hold only those, with `warn` and `audit` at `baseline`";
            let d = cx.diag(key.span().cover(value.span()), msg).with_help(help);
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    #[test]
    fn only_the_enforce_mode_counts() {
        let src = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    pod-security.kubernetes.io/audit: privileged\n    pod-security.kubernetes.io/enforce: privileged\n";
        assert_eq!(k8s_spans("K8S161", src), ["pod-security.kubernetes.io/enforce: privileged"]);
        let src = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/warn: privileged\n";
        assert!(k8s_spans("K8S161", src).is_empty());
    }
}
