//! K8S420: no NetworkPolicy isolates a workload's pods for ingress.

use super::isolation::{Traffic, report};
use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;

pub struct PodWithoutIngressPolicy;

impl ProjectRule for PodWithoutIngressPolicy {
    fn code(&self) -> &'static str {
        "K8S420"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        report(self.code(), project, Traffic::Ingress, out);
    }
}
