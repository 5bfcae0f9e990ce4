//! Whether NetworkPolicies isolate a pod, per direction, as Kubernetes decides it: a pod is
//! isolated for ingress (egress) when any policy of its namespace that has `Ingress` (`Egress`)
//! in its policy types selects it. What the policies then allow does not matter here.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::project::network::Direction;
use crate::project::selector::{Pods, Selector, controller_keys};
use crate::project::{FileEnd, Policy, ProjectIndex, Workload};
use crate::span::Span;

/// One direction of traffic, for the two rules that share this check.
#[derive(Clone, Copy)]
pub enum Traffic {
    Ingress,
    Egress,
}

impl Traffic {
    fn of(self, policy: &Policy) -> &Direction {
        match self {
            Traffic::Ingress => &policy.ingress,
            Traffic::Egress => &policy.egress,
        }
    }

    fn policy_type(self) -> &'static str {
        match self {
            Traffic::Ingress => "Ingress",
            Traffic::Egress => "Egress",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Traffic::Ingress => {
                "add a NetworkPolicy to the namespace whose `podSelector` matches these pods (or a default-deny policy \
                 with `podSelector: {}` and `policyTypes: [Ingress]`), then allow only the ingress the pods need"
            }
            Traffic::Egress => {
                "add a NetworkPolicy to the namespace whose `podSelector` matches these pods (or a default-deny policy \
                 with `podSelector: {}` and `policyTypes: [Egress]`), then allow only the egress the pods need"
            }
        }
    }

    fn word(self) -> &'static str {
        match self {
            Traffic::Ingress => "ingress",
            Traffic::Egress => "egress",
        }
    }
}

/// The policies of one namespace, found by the labels they require: a workload is checked only
/// against the policies that could select it, so a run's cost grows with its size, not with
/// workloads times policies.
#[derive(Default)]
pub struct Policies<'a> {
    pub all: Vec<&'a Policy>,
    /// Policies whose selector requires a label (a `matchLabels` entry, an `In`), by each
    /// `key: value` it accepts.
    by_label: HashMap<(&'a str, &'a str), Vec<&'a Policy>>,
    /// The others: `{}`, selectors of only `NotIn`/`Exists`/..., and the ones not judged.
    rest: Vec<&'a Policy>,
}

impl<'a> Policies<'a> {
    fn add(&mut self, p: &'a Policy) {
        self.all.push(p);
        match p.pod_selector.as_ref().ok().and_then(Selector::anchor) {
            Some((key, values)) => {
                for v in values {
                    self.by_label.entry((key, v.as_str())).or_default().push(p);
                }
            }
            None => self.rest.push(p),
        }
    }

    /// Whether one of the policies selects every pod of the namespace and allows no `traffic`:
    /// a default deny.
    pub fn deny_all(&self, traffic: Traffic) -> bool {
        self.rest.iter().any(|p| {
            let direction = traffic.of(p);
            direction.isolates
                && direction.rules.is_empty()
                && p.pod_selector.as_ref().is_ok_and(Selector::selects_everything)
        })
    }

    /// `Some(isolated)` for `workload`, `None` when a policy that may select it cannot be judged
    /// (a templated or invalid pod selector).
    pub fn isolate(&self, workload: &Workload, traffic: Traffic) -> Option<bool> {
        let labelled = workload.pod_labels.iter().filter_map(|(k, v)| self.by_label.get(&(k.as_str(), v.as_str())));
        let candidates = labelled.flatten().chain(&self.rest);
        let mut unjudged = false;
        let keys = controller_keys(&workload.kind);
        for p in candidates.filter(|p| traffic.of(p).isolates) {
            match &p.pod_selector {
                // Isolated when every pod is selected (not one StatefulSet pod by its name).
                Ok(selector) if selector.selects_pods(&workload.pod_labels, keys) == Pods::All => return Some(true),
                Ok(_) => {}
                Err(_) => unjudged = true,
            }
        }
        (!unjudged).then_some(false)
    }
}

/// The policies of each namespace.
#[derive(Default)]
pub struct ByNamespace<'a> {
    namespaces: HashMap<&'a str, Policies<'a>>,
    none: Policies<'a>,
}

impl<'a> ByNamespace<'a> {
    pub fn new(index: &'a ProjectIndex) -> Self {
        let mut namespaces: HashMap<&str, Policies<'_>> = HashMap::new();
        for p in &index.policies {
            namespaces.entry(p.namespace.as_str()).or_default().add(p);
        }
        ByNamespace { namespaces, none: Policies::default() }
    }

    /// The policies of `namespace` (none when it has none).
    pub fn of(&self, namespace: &str) -> &Policies<'a> {
        self.namespaces.get(namespace).unwrap_or(&self.none)
    }
}

/// A finding on every pod-bearing workload no policy isolates for `traffic`. Pods on the host
/// network are left out: policies do not apply to their traffic.
pub fn report(code: &'static str, project: &super::Project<'_>, traffic: Traffic, out: &mut Vec<Diagnostic>) {
    let namespaces = project.policies();
    let findings = super::Findings::of(code);
    // One default-deny fix per file and namespace: the next pass of `--fix` sees it applied.
    let mut fixed: HashSet<(&str, &str)> = HashSet::new();
    for w in project.index.workloads.iter().filter(|w| !w.host_network && !plugin_isolated(project.index, w)) {
        let in_namespace = namespaces.of(&w.namespace);
        if in_namespace.isolate(w, traffic) != Some(false) {
            continue;
        }
        let policies = in_namespace.all.as_slice();
        let word = traffic.word();
        let others = match policies {
            [] => format!("namespace `{}` has no NetworkPolicy", w.namespace),
            [one] => format!(
                "the one NetworkPolicy of namespace `{}` (`{}`) does not select its pods for {word}",
                w.namespace, one.name
            ),
            all => format!(
                "none of the {} NetworkPolicies of namespace `{}` selects its pods for {word}",
                all.len(),
                w.namespace
            ),
        };
        let message = format!("{} {}/{} is not isolated for {word}: {others}", w.kind, w.namespace, w.name);
        let Some(mut d) = findings.at(&w.path, w.at, w.source.as_ref(), message) else { continue };
        d = d.with_help(traffic.help());
        // Not in a rendered Helm stream: the chart is what to change.
        if w.source.is_none() && fixed.insert((&w.path, &w.namespace)) {
            d = d.with_fix(default_deny(&w.namespace, w.file_end, traffic));
        }
        out.push(d);
    }
}

/// Whether a network plugin's policy (Cilium, Calico, Antrea, AdminNetworkPolicy) applies in the
/// workload's namespace: it may isolate the pods in ways NetworkPolicies do not show.
pub fn plugin_isolated(index: &ProjectIndex, w: &Workload) -> bool {
    !index.plugin_policies.is_empty()
        && (index.plugin_policies.contains(&None) || index.plugin_policies.contains(&Some(w.namespace.clone())))
}

/// A default-deny NetworkPolicy for `namespace`, appended as a new document at `end` of a file.
/// Unsafe: it blocks the traffic no other policy allows.
pub fn default_deny(namespace: &str, end: FileEnd, traffic: Traffic) -> Fix {
    let kind = traffic.policy_type();
    let name = format!("default-deny-{}", traffic.word());
    let lead = if end.needs_break { "\n" } else { "" };
    let text = format!(
        "{lead}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\n  namespace: {namespace}\n\
         spec:\n  podSelector: {{}}\n  policyTypes: [{kind}]\n"
    );
    let text = if end.line_break == "\r\n" { text.replace('\n', "\r\n") } else { text };
    Fix {
        message: format!("add a default-deny {kind} NetworkPolicy for namespace `{namespace}`"),
        applicability: Applicability::Unsafe,
        edits: vec![Edit { span: Span::point(end.offset), replacement: text }],
    }
}
