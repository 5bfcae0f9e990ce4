//! NetworkPolicies as Kubernetes applies them: which pods a policy selects, which directions it
//! isolates (`policyTypes`, defaulted as the API server does), and what its rules allow.

use std::sync::Arc;

use super::selector::{Selector, Unjudged};
use crate::diagnostic::HelmSource;
use crate::model::kubernetes::Object;
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

/// One NetworkPolicy of the run.
#[derive(Clone, Debug)]
pub struct Policy {
    pub path: Arc<str>,
    /// Where findings about the policy point: its `metadata.name` value, else the document.
    pub at: Span,
    pub name: String,
    pub namespace: String,
    /// `spec.podSelector`: `Err` when it cannot be judged (templated, invalid).
    pub pod_selector: Result<Selector, Unjudged>,
    pub ingress: Direction,
    pub egress: Direction,
    /// The Helm template the policy was rendered from, its key path at `at`.
    pub source: Option<HelmSource>,
}

/// What a policy says about one direction of traffic.
#[derive(Clone, Debug, Default)]
pub struct Direction {
    /// The policy isolates the pods it selects in this direction (`policyTypes`).
    pub isolates: bool,
    /// Its rules (`ingress[]` or `egress[]`), each with the span of the rule.
    pub rules: Vec<TrafficRule>,
}

/// One `ingress[]`/`egress[]` rule: traffic from (or to) any of `peers` on any of its ports.
#[derive(Clone, Debug)]
pub struct TrafficRule {
    pub span: Span,
    /// `from`/`to` absent or empty: every peer, inside the cluster and out.
    pub peers: Vec<Peer>,
    /// `ports`, as written (`8080`, `http`, `53/UDP`, `8000-9000`); empty: every port.
    pub ports: Vec<String>,
    /// The Helm template the rule was rendered from, its key path at the rule.
    pub source: Option<HelmSource>,
}

#[derive(Clone, Debug)]
pub enum Peer {
    /// `podSelector` and/or `namespaceSelector`: pods of the policy's namespace (no
    /// `namespaceSelector`) or of the namespaces it selects.
    Pods { pods: Result<Selector, Unjudged>, namespaces: Option<Result<Selector, Unjudged>> },
    /// `ipBlock`: a CIDR and the ranges cut out of it.
    Block { cidr: String, except: Vec<String> },
    /// A peer the API server rejects or that is templated.
    Unjudged,
}

impl TrafficRule {
    /// Whether the rule admits every peer: no `from`/`to`, a peer that selects all pods of all
    /// namespaces (`namespaceSelector: {}` with an empty or no `podSelector`), or an ipBlock of
    /// the whole address space without exceptions.
    pub fn allows_everyone(&self) -> bool {
        self.peers.is_empty() || self.peers.iter().any(Peer::is_everyone)
    }

    /// Whether it also admits addresses outside the cluster (not only every pod).
    pub fn allows_outside(&self) -> bool {
        self.peers.is_empty() || self.peers.iter().any(|p| matches!(p, Peer::Block { .. }) && p.is_everyone())
    }
}

impl Peer {
    fn is_everyone(&self) -> bool {
        match self {
            Peer::Pods { pods: Ok(p), namespaces: Some(Ok(ns)) } => p.selects_everything() && ns.selects_everything(),
            Peer::Block { cidr, except } => except.is_empty() && matches!(cidr.as_str(), "0.0.0.0/0" | "::/0"),
            _ => false,
        }
    }
}

/// The policy `object` is, when it is a NetworkPolicy.
pub fn policy(path: &Arc<str>, object: &Object<'_>, namespaces: &super::Namespaces<'_>) -> Option<Policy> {
    if object.kind != "NetworkPolicy" || !object.api_version.starts_with("networking.k8s.io/") {
        return None;
    }
    let spec = object.root.get("spec");
    let pod_selector = match spec.and_then(|s| s.get("podSelector")) {
        Some(n) => Selector::parse(n),
        // Required by the API; a policy without it is rejected.
        None => Err(Unjudged),
    };
    let rules = |key: &str| -> Vec<TrafficRule> {
        let peers_key = if key == "ingress" { "from" } else { "to" };
        spec.and_then(|s| s.get(key)).map_or_else(Vec::new, |list| {
            list.items()
                .map(|r| TrafficRule {
                    span: r.span(),
                    peers: peers(r.get(peers_key)),
                    ports: ports(r.get("ports")),
                    source: super::helm_source(object, r.span()),
                })
                .collect()
        })
    };
    let (ingress_rules, egress_rules) = (rules("ingress"), rules("egress"));
    let types: Option<Vec<&str>> = spec
        .and_then(|s| s.get("policyTypes"))
        .filter(|t| t.is_sequence())
        .map(|t| t.items().filter_map(|i| i.str()).collect());
    // The API server's default: Ingress always, Egress when the policy has egress rules.
    let (isolates_in, isolates_out) = match types.filter(|t| !t.is_empty()) {
        Some(t) => (t.contains(&"Ingress"), t.contains(&"Egress")),
        None => (true, !egress_rules.is_empty()),
    };
    let name_node = object.metadata.and_then(|m| m.get("name"));
    let at = name_node.map_or(object.span, |n| n.span());
    Some(Policy {
        path: path.clone(),
        at,
        source: super::helm_source(object, at),
        name: object.name.unwrap_or("<unnamed>").to_string(),
        namespace: namespaces.of(object).to_string(),
        pod_selector,
        ingress: Direction { isolates: isolates_in, rules: ingress_rules },
        egress: Direction { isolates: isolates_out, rules: egress_rules },
    })
}

/// A rule's `ports`, each as `port[-endPort][/protocol]` (the protocol when it is not TCP).
fn ports(list: Option<NodeRef<'_>>) -> Vec<String> {
    let Some(list) = list.filter(|l| l.is_sequence()) else { return Vec::new() };
    list.items()
        .map(|p| {
            let field = |k: &str| p.get(k).and_then(|v| v.str());
            let mut text = field("port").unwrap_or("every port").to_string();
            if let Some(end) = field("endPort") {
                text = format!("{text}-{end}");
            }
            match field("protocol") {
                Some(protocol) if protocol != "TCP" => format!("{text}/{protocol}"),
                _ => text,
            }
        })
        .collect()
}

fn peers(list: Option<NodeRef<'_>>) -> Vec<Peer> {
    let Some(list) = list.filter(|l| !l.is_null()) else { return Vec::new() };
    list.items()
        .map(|p| {
            if let Some(block) = p.get("ipBlock") {
                let Some(cidr) = block.get("cidr").and_then(|c| c.str()) else { return Peer::Unjudged };
                let except = block
                    .get("except")
                    .map_or_else(Vec::new, |e| e.items().filter_map(|i| i.str().map(str::to_string)).collect());
                return Peer::Block { cidr: cidr.trim().to_string(), except };
            }
            let pods = p.get("podSelector");
            let namespaces = p.get("namespaceSelector");
            if pods.is_none() && namespaces.is_none() {
                return Peer::Unjudged;
            }
            Peer::Pods {
                pods: pods.map_or_else(|| Ok(Selector::everything()), Selector::parse),
                namespaces: namespaces.map(Selector::parse),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::helm;
    use crate::syntax::yaml;

    fn parse(spec: &str) -> Policy {
        let src =
            format!("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p}}\nspec:\n{spec}");
        let tree = yaml::parse(&src, &yaml::Limits::default());
        let objects = crate::model::kubernetes::objects(&tree, &helm::sources(&tree), &Default::default());
        policy(&Arc::from("p.yaml"), &objects[0], &super::super::Namespaces { default: "default", forced: None })
            .expect("a policy")
    }

    #[test]
    fn policy_types_default_as_the_api_server_does() {
        let types = |spec: &str| {
            let p = parse(spec);
            (p.ingress.isolates, p.egress.isolates)
        };
        assert_eq!(types("  podSelector: {}\n"), (true, false));
        assert_eq!(types("  podSelector: {}\n  egress: [{}]\n"), (true, true));
        assert_eq!(types("  podSelector: {}\n  egress: []\n"), (true, false));
        assert_eq!(types("  podSelector: {}\n  policyTypes: [Egress]\n  ingress: [{}]\n"), (false, true));
        assert_eq!(types("  podSelector: {}\n  policyTypes: []\n"), (true, false));
    }

    #[test]
    fn rules_that_admit_everyone() {
        let everyone = |spec: &str| parse(spec).ingress.rules.iter().any(TrafficRule::allows_everyone);
        assert!(everyone("  podSelector: {}\n  ingress: [{}]\n"));
        assert!(everyone("  podSelector: {}\n  ingress: [{from: []}]\n"));
        assert!(everyone("  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {}}]}]\n"));
        assert!(everyone("  podSelector: {}\n  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]\n"));
        assert!(!everyone(
            "  podSelector: {}\n  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]}]\n"
        ));
        assert!(!everyone("  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]\n"), "own namespace only");
        assert!(!everyone("  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {team: a}}}]}]\n"));
    }

    #[test]
    fn rule_ports_as_written() {
        let p = parse(
            "  podSelector: {}\n  ingress:\n    - ports: [{port: 8080}, {port: http}, {protocol: UDP, port: 53}, \
             {port: 8000, endPort: 9000}, {protocol: SCTP}]\n    - {}\n",
        );
        assert_eq!(p.ingress.rules[0].ports, ["8080", "http", "53/UDP", "8000-9000", "every port/SCTP"]);
        assert!(p.ingress.rules[1].ports.is_empty());
    }

    #[test]
    fn namespaces_and_unjudged_selectors() {
        assert_eq!(parse("  podSelector: {}\n").namespace, "default");
        assert!(parse("  podSelector: {matchLabels: {app: \"{{ .Values.app }}\"}}\n").pod_selector.is_err());
        assert!(parse("  ingress: []\n").pod_selector.is_err(), "podSelector is required");
    }
}
