//! K8S428: a workload runs as a service account its namespace does not define, when the run
//! defines the namespace's service accounts.

use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;

pub struct ServiceAccountNotDefined;

impl ProjectRule for ServiceAccountNotDefined {
    fn code(&self) -> &'static str {
        "K8S428"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let index = project.index;
        let findings = super::Findings::of(self.code());
        // Only namespaces whose service accounts the run defines are judged.
        let defining = super::defining(index.service_accounts.iter().map(|(ns, _)| ns.as_str()));
        for w in &index.workloads {
            let Some((account, span, source)) = &w.service_account else { continue };
            if !defining.contains(w.namespace.as_str())
                || index.service_accounts.contains(&(w.namespace.clone(), account.clone()))
            {
                continue;
            }
            let message = format!(
                "{} {}/{} runs as service account `{account}`, which namespace `{}` does not define: its pods are \
                 not created",
                w.kind, w.namespace, w.name, w.namespace
            );
            if let Some(d) = findings.at(&w.path, *span, source.as_ref(), message) {
                out.push(d.with_help(
                    "add the ServiceAccount to the manifests, or correct `serviceAccountName` (names are exact)",
                ));
            }
        }
    }
}
