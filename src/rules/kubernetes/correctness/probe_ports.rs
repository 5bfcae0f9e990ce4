//! What K8S512 and K8S513 share: every probe port of every container, against the ports the
//! container declares.

use crate::model::kubernetes::{Container, Object, is_templated};
use crate::syntax::yaml::NodeRef;

const PROBES: &[&str] = &["livenessProbe", "readinessProbe", "startupProbe"];
const HANDLERS: &[&str] = &["httpGet", "tcpSocket", "grpc"];

/// A probe's `port`, with what its container declares.
pub struct ProbePort<'a> {
    pub node: NodeRef<'a>,
    pub target: Target<'a>,
    /// The container's port names and `containerPort` numbers.
    pub names: Vec<&'a str>,
    pub numbers: Vec<i64>,
    /// `the livenessProbe of container `web` of Deployment/web`, for messages.
    pub who: String,
}

pub enum Target<'a> {
    Number(i64),
    Name(&'a str),
}

/// Every readable probe port of `object`'s containers; templated ports, and containers whose
/// `ports` cannot be read, are left out.
pub fn probe_ports<'a>(object: &Object<'a>) -> Vec<ProbePort<'a>> {
    let Some(pod) = object.pod_spec() else { return Vec::new() };
    let mut out = Vec::new();
    for c in pod.containers() {
        let Some((names, numbers)) = declared(&c) else { continue };
        for probe in PROBES {
            let Some((_, p)) = c.field(probe) else { continue };
            for node in HANDLERS.iter().filter_map(|h| p.path(&[h, "port"])) {
                let Some(raw) = node.str().filter(|s| !s.is_empty() && !is_templated(s)) else { continue };
                let target = number(node).map_or(Target::Name(raw), Target::Number);
                let who = format!("the {probe} of {} of {}", c.display_name(), object.display_name());
                out.push(ProbePort { node, target, names: names.clone(), numbers: numbers.clone(), who });
            }
        }
    }
    out
}

/// The declared ports of a container: `(names, numbers)`, or `None` when one is unreadable.
fn declared<'a>(c: &Container<'a>) -> Option<(Vec<&'a str>, Vec<i64>)> {
    let (mut names, mut numbers) = (Vec::new(), Vec::new());
    if c.field("ports").is_some_and(|(_, v)| !v.is_sequence()) {
        return None;
    }
    for p in c.list("ports") {
        if let Some(name) = p.get("name").and_then(|n| n.str()).filter(|n| !n.is_empty()) {
            names.push(name);
        }
        if let Some(n) = p.get("containerPort") {
            numbers.push(number(n)?);
        }
    }
    Some((names, numbers))
}

/// A port number written as an integer or a numeric string (the kubelet accepts both).
fn number(n: NodeRef<'_>) -> Option<i64> {
    n.as_i64().or_else(|| n.str().and_then(|s| s.parse().ok()))
}
