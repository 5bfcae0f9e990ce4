//! Rules over Kubernetes objects, in one module per family; each family lists its rules.

use crate::rules::Rule;

pub mod control_plane;
pub mod correctness;
pub mod missing_security_context;
pub mod network;
pub mod pss;
pub mod rbac;
pub mod run_as_root;
pub mod workload;

static OWN: &[&dyn Rule] = &[&run_as_root::RunAsRoot, &missing_security_context::MissingSecurityContext];

pub fn rules() -> impl Iterator<Item = &'static dyn Rule> {
    [OWN, pss::RULES, workload::RULES, network::RULES, rbac::RULES, control_plane::RULES, correctness::RULES]
        .into_iter()
        .flatten()
        .copied()
}
