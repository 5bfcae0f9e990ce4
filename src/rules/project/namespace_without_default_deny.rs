//! K8S422 (opt-in): a namespace with workloads has no default-deny ingress policy (one that
//! selects every pod and allows nothing).

use std::collections::HashSet;

use super::isolation::{Traffic, default_deny};
use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;

pub struct NamespaceWithoutDefaultDeny;

impl ProjectRule for NamespaceWithoutDefaultDeny {
    fn code(&self) -> &'static str {
        "K8S422"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let index = project.index;
        let findings = super::Findings::of(self.code());
        let denied: HashSet<&str> = index
            .policies
            .iter()
            .filter(|p| p.pod_selector.as_ref().is_ok_and(|s| s.selects_everything()))
            .filter(|p| p.ingress.isolates && p.ingress.rules.is_empty())
            .map(|p| p.namespace.as_str())
            .collect();
        let mut seen = HashSet::new();
        // Once per namespace, at its first workload.
        for w in index.workloads.iter().filter(|w| !w.host_network) {
            if denied.contains(w.namespace.as_str()) || !seen.insert(w.namespace.as_str()) {
                continue;
            }
            let message = format!(
                "namespace `{}` has no default-deny ingress NetworkPolicy (`podSelector: {{}}`, no ingress rules): \
                 a pod no other policy selects accepts every connection",
                w.namespace
            );
            let Some(mut d) = findings.at(&w.path, w.at, w.source.as_ref(), message) else { continue };
            d = d.with_help(
                "add a policy with `podSelector: {}` and `policyTypes: [Ingress]` to the namespace, then policies that \
                 allow what each workload needs",
            );
            if w.source.is_none() {
                d = d.with_fix(default_deny(w, Traffic::Ingress));
            }
            out.push(d);
        }
    }
}
