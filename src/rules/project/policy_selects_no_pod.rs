//! K8S423: a NetworkPolicy whose `podSelector` matches no workload of its namespace.

use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;

pub struct PolicySelectsNoPod;

impl ProjectRule for PolicySelectsNoPod {
    fn code(&self) -> &'static str {
        "K8S423"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let index = project.index;
        let findings = super::Findings::of(self.code());
        let workloads = project.workloads();
        for p in &index.policies {
            let Ok(selector) = &p.pod_selector else { continue };
            // A namespace the run does not show the pods of is not judged.
            let Some(local) = workloads.judged(&p.namespace) else { continue };
            if local.any_selected(selector) {
                continue;
            }
            let message = format!(
                "NetworkPolicy {}/{} selects none of the workloads of namespace `{}`: it restricts nothing",
                p.namespace, p.name, p.namespace
            );
            if let Some(d) = findings.at(&p.path, p.at, p.source.as_ref(), message) {
                out.push(d.with_help(
                    "make `podSelector` match the labels of the pods it is meant for (their pod template's \
                     `metadata.labels`), or delete the policy",
                ));
            }
        }
    }
}
