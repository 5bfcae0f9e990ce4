//! The workloads of the run by namespace and by pod label, for the rules that ask whether
//! something selects or names a workload, and which namespaces they can judge.

use foldhash::{HashMap, HashMapExt};

use crate::project::selector::Selector;
use crate::project::{ProjectIndex, Workload};

pub struct Workloads<'a> {
    index: &'a ProjectIndex,
    by_namespace: HashMap<&'a str, Vec<&'a Workload>>,
    by_label: HashMap<(&'a str, &'a str, &'a str), Vec<&'a Workload>>,
}

impl<'a> Workloads<'a> {
    pub fn new(index: &'a ProjectIndex) -> Self {
        let mut by_namespace: HashMap<&str, Vec<&Workload>> = HashMap::new();
        let mut by_label: HashMap<(&str, &str, &str), Vec<&Workload>> = HashMap::with_capacity(index.workloads.len());
        for w in &index.workloads {
            by_namespace.entry(w.namespace.as_str()).or_default().push(w);
            for (k, v) in &w.pod_labels {
                by_label.entry((w.namespace.as_str(), k.as_str(), v.as_str())).or_default().push(w);
            }
        }
        Workloads { index, by_namespace, by_label }
    }

    /// The workloads of `namespace`, when the run shows its pods: it has a workload, and no
    /// custom object an operator may run pods for.
    pub fn judged(&self, namespace: &str) -> Option<&[&'a Workload]> {
        let local = self.by_namespace.get(namespace)?;
        (!self.index.custom_namespaces.contains(namespace)).then_some(local.as_slice())
    }

    /// The workloads of `namespace` whose pods carry `key: value`.
    pub fn labelled(&self, namespace: &'a str, key: &'a str, value: &'a str) -> &[&'a Workload] {
        self.by_label.get(&(namespace, key, value)).map_or(&[], Vec::as_slice)
    }

    /// Whether `selector` selects a workload of `namespace` (whose pods are `local`): only the
    /// workloads that carry a label it requires are tried.
    pub fn any_selected(&self, namespace: &'a str, local: &[&'a Workload], selector: &'a Selector) -> bool {
        match selector.anchor() {
            Some((k, values)) => {
                values.iter().any(|v| self.labelled(namespace, k, v).iter().any(|w| selector.matches(&w.pod_labels)))
            }
            None => local.iter().any(|w| selector.matches(&w.pod_labels)),
        }
    }
}
