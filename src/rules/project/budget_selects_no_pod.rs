//! K8S427: a PodDisruptionBudget whose `selector` matches no workload of its namespace.

use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;

pub struct BudgetSelectsNoPod;

impl ProjectRule for BudgetSelectsNoPod {
    fn code(&self) -> &'static str {
        "K8S427"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let index = project.index;
        let findings = super::Findings::of(self.code());
        let workloads = project.workloads();
        for b in &index.budgets {
            let Some(local) = workloads.judged(&b.namespace) else { continue };
            let selects = local.any_selected(&b.selector);
            if selects {
                continue;
            }
            let message = format!(
                "PodDisruptionBudget {}/{} selects none of the workloads of namespace `{}`: it protects nothing",
                b.namespace, b.name, b.namespace
            );
            if let Some(d) = findings.at(&b.path, b.at, b.source.as_ref(), message) {
                out.push(d.with_help(
                    "make `selector` match the pod template labels of the workload it protects, or delete the budget",
                ));
            }
        }
    }
}
