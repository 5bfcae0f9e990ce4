//! K8S420: no NetworkPolicy isolates a workload's pods for ingress.

use super::ProjectRule;
use super::isolation::{Traffic, report};
use crate::diagnostic::Diagnostic;
use crate::project::ProjectIndex;

pub struct PodWithoutIngressPolicy;

impl ProjectRule for PodWithoutIngressPolicy {
    fn code(&self) -> &'static str {
        "K8S420"
    }

    fn check(&self, index: &ProjectIndex, out: &mut Vec<Diagnostic>) {
        report(self.code(), index, Traffic::Ingress, out);
    }
}
