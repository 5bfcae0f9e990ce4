//! The check behind K8S105 (`runAsUser`) and K8S106 (`runAsGroup`): each container's effective ID
//! should be at least 10000, clear of the UIDs and GIDs a node's own users and daemons have.

use super::security_context::{missing_field_at, who};
use crate::model::kubernetes::{Level, Object};
use crate::rules::Context;

/// IDs from here on are unlikely to belong to anyone on the host.
pub const HIGH_ID: i64 = 10000;

/// Reports every container whose effective `field` (`runAsUser` or `runAsGroup`, container over
/// pod) is below [`HIGH_ID`] or unset. `id` names it in messages (`UID`, `GID`).
pub fn check_high_id(cx: &mut Context<'_>, object: &Object<'_>, field: &str, id: &str) {
    let Some(pod) = object.pod_spec() else { return };
    // In its own user namespace the pod's IDs map to unprivileged host IDs; Windows has no UIDs.
    if pod.user_namespaced() || pod.targets_windows() {
        return;
    }
    let help = format!("set `securityContext.{field}` to {HIGH_ID} or more (e.g. 10001) on the pod or the container");
    for c in pod.containers() {
        let d = match c.effective(field) {
            Some(e) => match e.value.as_i64() {
                Some(n) if n < HIGH_ID => {
                    let at = e.key.span().cover(e.value.span());
                    let d =
                        cx.diag(at, format!("{} has a low {id}: `{field}: {n}` is below {HIGH_ID}", who(&c, object)));
                    match (e.level, c.name) {
                        (Level::Pod, Some(_)) => d.with_label(c.anchor(), "inherits the pod-level securityContext"),
                        _ => d,
                    }
                }
                // High enough, or templated: nothing to say.
                _ => continue,
            },
            None => cx.diag(
                missing_field_at(&c),
                format!("{} sets no `{field}`: its {id} comes from the image, usually a low one", who(&c, object)),
            ),
        };
        cx.emit(d.with_help(help.clone()));
    }
}
