//! K8S805: a Role or ClusterRole can exec into or attach to running containers.

use super::model::{Access, Grant, Resource};
use super::{At, Concern};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct PodExec;

static EXEC_ATTACH: Access = Access {
    resources: &[
        Resource { group: "", name: "pods/exec", cluster_scoped: false },
        Resource { group: "", name: "pods/attach", cluster_scoped: false },
    ],
    verbs: &["create", "get"],
};

static POD_EXEC: Concern = Concern {
    code: "K8S805",
    access: &EXEC_ATTACH,
    at: At::Resource,
    names_narrow: true,
    what: "can run commands in running containers",
    help: "drop `pods/exec` and `pods/attach`; debugging access belongs to people, bound for a limited time",
};

impl Rule for PodExec {
    fn code(&self) -> &'static str {
        POD_EXEC.code
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        POD_EXEC.check(cx, object, named_or_created);
    }
}

/// `get` counts only on a named subresource (`pods/exec`, `*/exec`): a WebSocket exec is a GET,
/// which API servers before the `AuthorizePodWebsocketUpgradeCreatePermission` gate authorize as
/// `get`, but `get` on `*` is a read-all role on current ones.
fn named_or_created(g: &Grant<'_>) -> bool {
    !g.resource_item.is_wildcard() || g.verb_items.iter().any(|v| v.value != "get")
}

#[cfg(test)]
mod tests {
    use crate::rules::kubernetes::rbac::role;
    use crate::rules::testing::{k8s_diagnostics, k8s_spans};

    #[test]
    fn exec_and_attach_once_per_rule() {
        let src =
            role("Role", "- apiGroups: [\"\"]\n  resources: [pods, pods/exec, pods/attach]\n  verbs: [create, get]\n");
        let found = k8s_diagnostics("K8S805", &src);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.slice(&src), "pods/exec");
        assert!(found[0].message.ends_with(": `create`, `get` on `pods/exec`, `pods/attach`"), "{}", found[0].message);
        let src = role("ClusterRole", "- apiGroups: [\"\"]\n  resources: [\"*/exec\"]\n  verbs: [\"*\"]\n");
        assert_eq!(k8s_spans("K8S805", &src), ["\"*/exec\""]);
    }

    #[test]
    fn reading_pods_or_logs_is_silent() {
        let src = role("Role", "- apiGroups: [\"\"]\n  resources: [pods, pods/log]\n  verbs: [get, list]\n");
        assert!(k8s_spans("K8S805", &src).is_empty());
        // `*/exec` is no wildcard for `pods/attach`, and `pods/*` is no wildcard at all.
        let src = role("Role", "- apiGroups: [\"\"]\n  resources: [\"pods/*\"]\n  verbs: [create]\n");
        assert!(k8s_spans("K8S805", &src).is_empty());
        let src = role("ClusterRole", "- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [get, list, watch]\n");
        assert!(k8s_spans("K8S805", &src).is_empty());
    }
}
