//! K8S421 (opt-in): no NetworkPolicy isolates a workload's pods for egress.

use super::ProjectRule;
use super::isolation::{Traffic, report};
use crate::diagnostic::Diagnostic;
use crate::project::ProjectIndex;

pub struct PodWithoutEgressPolicy;

impl ProjectRule for PodWithoutEgressPolicy {
    fn code(&self) -> &'static str {
        "K8S421"
    }

    fn check(&self, index: &ProjectIndex, out: &mut Vec<Diagnostic>) {
        report(self.code(), index, Traffic::Egress, out);
    }
}
