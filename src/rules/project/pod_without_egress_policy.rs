//! K8S421 (opt-in): no NetworkPolicy isolates a workload's pods for egress.

use super::isolation::{Traffic, report};
use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;

pub struct PodWithoutEgressPolicy;

impl ProjectRule for PodWithoutEgressPolicy {
    fn code(&self) -> &'static str {
        "K8S421"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        report(self.code(), project, Traffic::Egress, out);
    }
}
