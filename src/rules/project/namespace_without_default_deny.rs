//! K8S422 (opt-in): a namespace with workloads has no default-deny ingress policy (one that
//! selects every pod and allows nothing).

use foldhash::{HashSet, HashSetExt};

use super::isolation::{Traffic, default_deny};
use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;

pub struct NamespaceWithoutDefaultDeny;

impl ProjectRule for NamespaceWithoutDefaultDeny {
    fn code(&self) -> &'static str {
        "K8S422"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let findings = super::Findings::of(self.code());
        let policies = project.policies();
        let mut seen = HashSet::new();
        // Once per namespace, at its first workload.
        for w in project.index.workloads.iter().filter(|w| !w.host_network) {
            if !seen.insert(w.namespace.as_str()) || policies.of(&w.namespace).deny_all(Traffic::Ingress) {
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
