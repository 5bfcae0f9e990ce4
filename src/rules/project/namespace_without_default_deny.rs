//! K8S422 (opt-in): a namespace with workloads has no default-deny ingress policy (one that
//! selects every pod and allows nothing).

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::isolation::{Traffic, default_deny, plugin_isolated};
use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;
use crate::project::NamespaceFacts;

pub struct NamespaceWithoutDefaultDeny;

impl ProjectRule for NamespaceWithoutDefaultDeny {
    fn code(&self) -> &'static str {
        "K8S422"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let findings = super::Findings::of(self.code());
        let policies = project.policies();
        // The finding is the namespace's: on its `Namespace` object when the run defines it,
        // else on its first workload.
        let mut defined: HashMap<&str, &NamespaceFacts> = HashMap::new();
        for n in &project.index.namespaces {
            defined.entry(n.name.as_str()).or_insert(n);
        }
        let mut seen = HashSet::new();
        for w in project.index.workloads.iter().filter(|w| !w.host_network && !plugin_isolated(project.index, w)) {
            if !seen.insert(w.namespace.as_str()) || policies.of(&w.namespace).deny_all(Traffic::Ingress) {
                continue;
            }
            let message = format!(
                "namespace `{}` has no default-deny ingress NetworkPolicy (`podSelector: {{}}`, no ingress rules): \
                 a pod no other policy selects accepts every connection",
                w.namespace
            );
            let (path, at, source, end) = match defined.get(w.namespace.as_str()) {
                Some(n) => (&n.path, n.at, n.source.as_ref(), n.file_end),
                None => (&w.path, w.at, w.source.as_ref(), w.file_end),
            };
            let Some(mut d) = findings.at(path, at, source, message) else { continue };
            d = d.with_help(
                "add a policy with `podSelector: {}` and `policyTypes: [Ingress]` to the namespace, then policies that \
                 allow what each workload needs",
            );
            // Not in a rendered Helm stream: the chart is what to change.
            if source.is_none() {
                d = d.with_fix(default_deny(&w.namespace, end, Traffic::Ingress));
            }
            out.push(d);
        }
    }
}
