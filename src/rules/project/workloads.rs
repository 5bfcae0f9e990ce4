//! The workloads of the run by namespace and by pod label, for the rules that ask whether
//! something selects or names a workload, and which namespaces they can judge. Every lookup is
//! within one namespace, so each namespace has its own label table: the table a lookup touches
//! grows with the namespace, not with the run.

use foldhash::{HashMap, HashMapExt};

use super::grouped::Grouped;
use crate::project::selector::{Pods, Selector, controller_keys};
use crate::project::{ProjectIndex, Workload};

pub struct Workloads<'a> {
    index: &'a ProjectIndex,
    namespaces: HashMap<&'a str, Namespace<'a>>,
}

/// The workloads of one namespace.
pub struct Namespace<'a> {
    pub workloads: Vec<&'a Workload>,
    by_label: Grouped<(&'a str, &'a str), &'a Workload>,
}

impl<'a> Workloads<'a> {
    pub fn new(index: &'a ProjectIndex) -> Self {
        let mut members: HashMap<&str, Vec<&Workload>> = HashMap::new();
        for w in &index.workloads {
            members.entry(w.namespace.as_str()).or_default().push(w);
        }
        let namespaces = members
            .into_iter()
            .map(|(name, workloads)| {
                let labels = workloads.iter().flat_map(|&w| w.pod_labels.iter().map(move |(k, v)| ((&**k, &**v), w)));
                let count = workloads.iter().map(|w| w.pod_labels.len()).sum();
                let by_label = Grouped::new(labels, count);
                (name, Namespace { workloads, by_label })
            })
            .collect();
        Workloads { index, namespaces }
    }

    /// The workloads of `namespace`, when the run shows its pods: it has a workload, and no
    /// custom object an operator may run pods for.
    pub fn judged(&self, namespace: &str) -> Option<&Namespace<'a>> {
        let local = self.namespaces.get(namespace)?;
        (!self.index.custom_namespaces.contains(namespace)).then_some(local)
    }
}

impl<'a> Namespace<'a> {
    /// The workloads whose pods carry `key: value`.
    fn labelled<'s>(&'s self, key: &'s str, value: &'s str) -> &'s [&'s Workload] {
        self.by_label.get(&(key, value))
    }

    /// Whether `selector` selects a pod of a workload: only the workloads that carry a label it
    /// requires are tried.
    pub fn any_selected(&self, selector: &Selector) -> bool {
        let selects = |w: &&Workload| selector.selects_pods(&w.pod_labels, controller_keys(&w.kind)) != Pods::None;
        match selector.anchor() {
            Some((k, values)) => values.iter().any(|v| self.labelled(k, v).iter().any(selects)),
            None => self.workloads.iter().any(selects),
        }
    }
}
