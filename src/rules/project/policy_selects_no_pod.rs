//! K8S423: a NetworkPolicy whose `podSelector` matches no workload of its namespace.

use std::collections::HashMap;

use super::ProjectRule;
use crate::diagnostic::Diagnostic;
use crate::project::{ProjectIndex, Workload};

pub struct PolicySelectsNoPod;

impl ProjectRule for PolicySelectsNoPod {
    fn code(&self) -> &'static str {
        "K8S423"
    }

    fn check(&self, index: &ProjectIndex, out: &mut Vec<Diagnostic>) {
        let findings = super::Findings::of(self.code());
        // Workloads by namespace, and by namespace and label: a policy that requires a label is
        // checked only against the workloads that have it.
        let mut by_namespace: HashMap<&str, Vec<&Workload>> = HashMap::new();
        let mut by_label: HashMap<(&str, &str, &str), Vec<&Workload>> = HashMap::new();
        for w in &index.workloads {
            by_namespace.entry(w.namespace.as_str()).or_default().push(w);
            for (k, v) in &w.pod_labels {
                by_label.entry((w.namespace.as_str(), k.as_str(), v.as_str())).or_default().push(w);
            }
        }
        for p in &index.policies {
            let Ok(selector) = &p.pod_selector else { continue };
            // Without a workload of the namespace in the run the pods may be defined elsewhere, and
            // an operator may run pods for a custom object of the namespace.
            let Some(local) = by_namespace.get(p.namespace.as_str()) else { continue };
            if index.custom_namespaces.contains(&p.namespace) {
                continue;
            }
            let ns = p.namespace.as_str();
            let selects = match selector.anchor() {
                Some((k, values)) => values
                    .iter()
                    .filter_map(|v| by_label.get(&(ns, k, v.as_str())))
                    .any(|ws| ws.iter().any(|w| selector.matches(&w.pod_labels))),
                None => local.iter().any(|w| selector.matches(&w.pod_labels)),
            };
            if selects {
                continue;
            }
            let message = format!(
                "NetworkPolicy {}/{} selects none of the workloads of namespace `{}`: it restricts nothing",
                p.namespace, p.name, p.namespace
            );
            if let Some(d) = findings.at(&p.path, p.at, p.source.as_ref(), message) {
                out.push(d.with_help(
                    "make `podSelector` match the labels of the pods it is meant for (their pod template's \
                     `metadata.labels`), or delete the policy",
                ));
            }
        }
    }
}
