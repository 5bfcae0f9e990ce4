//! K8S426: a HorizontalPodAutoscaler whose `scaleTargetRef` names no workload of its namespace.

use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;

pub struct AutoscalerTargetMissing;

/// The kinds an autoscaler can scale that caulk indexes; others (custom resources with a scale
/// subresource, such as Argo Rollouts) are not judged.
const SCALABLE: [&str; 4] = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"];

impl ProjectRule for AutoscalerTargetMissing {
    fn code(&self) -> &'static str {
        "K8S426"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let index = project.index;
        let findings = super::Findings::of(self.code());
        let workloads = project.workloads();
        for a in index.autoscalers.iter().filter(|a| SCALABLE.contains(&a.target_kind.as_str())) {
            let Some(local) = workloads.judged(&a.namespace) else { continue };
            if local.workloads.iter().any(|w| w.kind == a.target_kind && w.name == a.target_name) {
                continue;
            }
            let message = format!(
                "HorizontalPodAutoscaler {}/{} scales {} `{}`, which namespace `{}` does not have",
                a.namespace, a.name, a.target_kind, a.target_name, a.namespace
            );
            if let Some(d) = findings.at(&a.path, a.at, a.source.as_ref(), message) {
                out.push(d.with_help(
                    "point `scaleTargetRef` at the workload's kind and `metadata.name` (the names are exact), or \
                     delete the autoscaler",
                ));
            }
        }
    }
}
