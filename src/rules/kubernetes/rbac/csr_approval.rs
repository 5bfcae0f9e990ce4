//! K8S811: a ClusterRole can approve certificate signing requests for built-in signers.

use super::model::{Access, Grant, PolicyRule, Resource, Role};
use super::{At, grant_diag};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct CsrApproval;

const CERTIFICATES: &str = "certificates.k8s.io";

static UPDATE_APPROVAL: Access = Access {
    resources: &[Resource { group: CERTIFICATES, name: "certificatesigningrequests/approval", cluster_scoped: true }],
    verbs: &["update", "patch"],
};

static APPROVE_SIGNERS: Access = Access {
    resources: &[Resource { group: CERTIFICATES, name: "signers", cluster_scoped: true }],
    verbs: &["approve"],
};

impl Rule for CsrApproval {
    fn code(&self) -> &'static str {
        "K8S811"
    }
    /// Approving takes both permissions, possibly from two rule entries; the finding is on the
    /// `approve` grant, with the approval grant as a label.
    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(role) = Role::of(object) else { return };
        let approval: Option<Grant<'_>> = role
            .rules()
            .iter()
            .filter(|r| r.resource_names.is_empty())
            .find_map(|r| r.grants(&UPDATE_APPROVAL, role.cluster).into_iter().next());
        let Some(approval) = approval else { return };
        for rule in role.rules().iter().filter(|r| builtin_signers(r)) {
            let grants = rule.grants(&APPROVE_SIGNERS, role.cluster);
            let what = "can approve certificates for built-in signers, and so mint a client certificate for any user";
            if let Some(d) = grant_diag(cx, object, &role, &grants, At::Verb, what) {
                let d = d
                    .with_label(approval.resource_item.span, "with `update` of the approval here")
                    .with_help("name the signers it approves in `resourceNames`, outside `kubernetes.io/`");
                cx.emit(d);
            }
        }
    }
}

/// Whether `resourceNames` leaves a `kubernetes.io/` signer approvable (or names none).
fn builtin_signers(rule: &PolicyRule<'_>) -> bool {
    rule.resource_names.is_empty() || rule.resource_names.iter().any(|n| n.value.starts_with("kubernetes.io/"))
}

#[cfg(test)]
mod tests {
    use crate::rules::kubernetes::rbac::role;
    use crate::rules::testing::k8s_spans;

    const APPROVAL: &str =
        "- apiGroups: [certificates.k8s.io]\n  resources: [certificatesigningrequests/approval]\n  verbs: [update]\n";

    #[test]
    fn approval_and_signer_together() {
        let src = role(
            "ClusterRole",
            &format!("{APPROVAL}- apiGroups: [certificates.k8s.io]\n  resources: [signers]\n  verbs: [approve]\n"),
        );
        assert_eq!(k8s_spans("K8S811", &src), ["approve"]);
        let src = role(
            "ClusterRole",
            &format!(
                "{APPROVAL}- apiGroups: [certificates.k8s.io]\n  resources: [signers]\n  resourceNames: [kubernetes.io/kube-apiserver-client]\n  verbs: [approve]\n"
            ),
        );
        assert_eq!(k8s_spans("K8S811", &src), ["approve"]);
    }

    #[test]
    fn one_half_or_a_custom_signer_is_silent() {
        let src = role("ClusterRole", APPROVAL);
        assert!(k8s_spans("K8S811", &src).is_empty());
        let src = role(
            "ClusterRole",
            &format!(
                "{APPROVAL}- apiGroups: [certificates.k8s.io]\n  resources: [signers]\n  resourceNames: [example.com/my-signer]\n  verbs: [approve]\n"
            ),
        );
        assert!(k8s_spans("K8S811", &src).is_empty());
    }
}
