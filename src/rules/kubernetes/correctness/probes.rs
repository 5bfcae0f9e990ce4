//! What K8S510 and K8S511 share: which containers are expected to carry a probe.
//!
//! Only long-running app containers: not init or ephemeral containers, not Jobs and CronJobs
//! (and the job-like CRDs), not pods that run to completion (`restartPolicy: Never`/`OnFailure`).

use crate::model::kubernetes::{ContainerGroup, Object};
use crate::rules::Context;

/// Kinds whose pods run to completion: `(group, kind)`.
const JOB_LIKE: &[(&str, &str)] =
    &[("batch", "Job"), ("batch", "CronJob"), ("keda.sh", "ScaledJob"), ("apps.kruise.io", "BroadcastJob")];

/// Reports every app container of `object` without a `probe` (`livenessProbe`, ...).
pub fn check_missing(cx: &mut Context<'_>, object: &Object<'_>, probe: &str, what: &str, help: &str) {
    let Some(pod) = object.pod_spec() else { return };
    if JOB_LIKE.contains(&(object.group(), object.kind)) {
        return;
    }
    let restart = pod.field("restartPolicy").and_then(|(_, v)| v.str());
    if matches!(restart, Some("Never" | "OnFailure")) {
        return;
    }
    for c in pod.containers() {
        // An image-less container is a patch, or completed by a deploy tool.
        if c.group != ContainerGroup::Containers || c.field(probe).is_some() || c.node.get("image").is_none() {
            continue;
        }
        let msg = format!("{} of {} has no {what}", c.display_name(), object.display_name());
        let d = cx.diag(c.anchor(), msg).with_help(help);
        cx.emit(d);
    }
}
