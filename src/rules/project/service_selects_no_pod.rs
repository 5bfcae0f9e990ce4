//! K8S425: a Service whose `selector` matches no workload of its namespace.

use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;
use crate::project::selector::Selector;

pub struct ServiceSelectsNoPod;

impl ProjectRule for ServiceSelectsNoPod {
    fn code(&self) -> &'static str {
        "K8S425"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let index = project.index;
        let findings = super::Findings::of(self.code());
        let workloads = project.workloads();
        for s in &index.services {
            let Some(local) = workloads.judged(&s.namespace) else { continue };
            if local.any_selected(&Selector::of_labels(&s.selector)) {
                continue;
            }
            let wanted: Vec<String> = s.selector.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            let message = format!(
                "Service {}/{} selects no pod of the workloads of namespace `{}` (`{}`): it has no endpoints",
                s.namespace,
                s.name,
                s.namespace,
                wanted.join(", ")
            );
            if let Some(d) = findings.at(&s.path, s.at, s.source.as_ref(), message) {
                out.push(d.with_help(
                    "make `selector` match the pod template labels of the workload it fronts (every pair must \
                     be on the pods), or remove it if the endpoints are managed by hand",
                ));
            }
        }
    }
}
