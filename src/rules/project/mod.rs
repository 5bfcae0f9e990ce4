//! Project rules: checks across files (a pod and the NetworkPolicies of its namespace, a Dockerfile's
//! `USER` and the pod that runs its image), run once per lint over the [`ProjectIndex`].

use crate::diagnostic::Diagnostic;
use crate::project::ProjectIndex;

pub trait ProjectRule: Sync + Send {
    fn code(&self) -> &'static str;
    /// Findings may point into any file of the index; they go through that file's suppressions
    /// and configuration like any other finding.
    fn check(&self, index: &ProjectIndex, out: &mut Vec<Diagnostic>);
}

/// Every project rule. Each needs a catalog entry, like a per-file rule.
pub static PROJECT_RULES: &[&dyn ProjectRule] = &[];
