//! K8S102: a container with no securityContext at pod or container level.

use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct MissingSecurityContext;

impl Rule for MissingSecurityContext {
    fn code(&self) -> &'static str {
        "K8S102"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        let pod_sc = pod.security_context().filter(|sc| sc.entries().next().is_some());
        if pod_sc.is_some() {
            return;
        }
        for c in pod.containers() {
            if c.security_context.is_some_and(|sc| sc.entries().next().is_some()) {
                continue;
            }
            let d = cx
                .diag(
                    c.anchor(),
                    format!(
                        "{} of {} has no securityContext (none on the pod either)",
                        c.display_name(),
                        object.display_name()
                    ),
                )
                .with_help(
                    "add a securityContext: runAsNonRoot: true, allowPrivilegeEscalation: false, \
                     readOnlyRootFilesystem: true, capabilities.drop: [ALL], seccompProfile.type: RuntimeDefault",
                );
            cx.emit(d);
        }
    }
}
