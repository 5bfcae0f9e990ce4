//! Project rules: checks across files (a pod and the NetworkPolicies of its namespace, a Dockerfile's
//! `USER` and the pod that runs its image), run once per lint over the [`ProjectIndex`].

use std::sync::Arc;

use crate::catalog::{RuleDoc, catalog};
use crate::diagnostic::{Diagnostic, HelmSource};
use crate::project::ProjectIndex;
use crate::span::Span;

pub mod autoscaler_target_missing;
pub mod binding_to_missing_role;
pub mod budget_selects_no_pod;
mod grouped;
pub mod image_runs_as_root;
mod image_users;
pub mod ingress_backend_missing;
mod isolation;
pub mod namespace_without_default_deny;
pub mod non_root_image_user_unverifiable;
pub mod pod_without_egress_policy;
pub mod pod_without_ingress_policy;
pub mod policy_allows_all;
pub mod policy_selects_no_pod;
pub mod service_account_not_defined;
pub mod service_selects_no_pod;
mod workloads;

pub trait ProjectRule: Sync + Send {
    fn code(&self) -> &'static str;
    /// Findings may point into any file of the index; they go through that file's suppressions
    /// and configuration like any other finding.
    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>);
}

/// The index and the lookups several project rules share, built once per run when first asked.
pub struct Project<'a> {
    pub index: &'a ProjectIndex,
    workloads: std::cell::OnceCell<workloads::Workloads<'a>>,
    policies: std::cell::OnceCell<isolation::ByNamespace<'a>>,
}

impl<'a> Project<'a> {
    pub fn new(index: &'a ProjectIndex) -> Self {
        Project { index, workloads: std::cell::OnceCell::new(), policies: std::cell::OnceCell::new() }
    }

    /// The workloads by namespace and by pod label.
    fn workloads(&self) -> &workloads::Workloads<'a> {
        self.workloads.get_or_init(|| workloads::Workloads::new(self.index))
    }

    /// The NetworkPolicies of each namespace, by the labels they require.
    fn policies(&self) -> &isolation::ByNamespace<'a> {
        self.policies.get_or_init(|| isolation::ByNamespace::new(self.index))
    }
}

/// Every project rule. Each needs a catalog entry, like a per-file rule.
pub static PROJECT_RULES: &[&dyn ProjectRule] = &[
    &pod_without_ingress_policy::PodWithoutIngressPolicy,
    &pod_without_egress_policy::PodWithoutEgressPolicy,
    &namespace_without_default_deny::NamespaceWithoutDefaultDeny,
    &policy_selects_no_pod::PolicySelectsNoPod,
    &policy_allows_all::PolicyAllowsAll,
    &service_selects_no_pod::ServiceSelectsNoPod,
    &autoscaler_target_missing::AutoscalerTargetMissing,
    &ingress_backend_missing::IngressBackendMissing,
    &budget_selects_no_pod::BudgetSelectsNoPod,
    &service_account_not_defined::ServiceAccountNotDefined,
    &non_root_image_user_unverifiable::NonRootImageUserUnverifiable,
    &image_runs_as_root::ImageRunsAsRoot,
    &binding_to_missing_role::BindingToMissingRole,
];

/// Namespaces that hold the cluster's add-ons (DNS, dashboards, metrics), installed outside the
/// repository: a reference into them is not judged by what the run defines there.
const SYSTEM_NAMESPACES: [&str; 3] = ["kube-system", "kube-public", "kube-node-lease"];

/// The namespaces a "not defined" rule judges: those the run defines some of the objects in
/// (`namespaces`, one per object), the add-on namespaces left out.
fn defining<'a>(namespaces: impl Iterator<Item = &'a str>) -> std::collections::HashSet<&'a str> {
    namespaces.filter(|ns| !SYSTEM_NAMESPACES.contains(ns)).collect()
}

/// Makes the findings of project rule `code`, named and graded as its catalog entry says (looked
/// up once per run, not per finding).
struct Findings {
    doc: Option<&'static RuleDoc>,
}

impl Findings {
    fn of(code: &'static str) -> Findings {
        Findings { doc: catalog().get(code) }
    }

    /// A finding at `span` of `path`; `source` is the Helm template of the object it is about.
    fn at(&self, path: &Arc<str>, span: Span, source: Option<&HelmSource>, message: String) -> Option<Diagnostic> {
        let doc = self.doc?;
        let mut d = Diagnostic::new(doc.code, doc.name, doc.severity, path.clone(), span, message);
        d.source = source.cloned().map(Box::new);
        Some(d)
    }
}
