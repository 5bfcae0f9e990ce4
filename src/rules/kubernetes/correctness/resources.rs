//! What K8S501-K8S505 share: whether a container sets a request or a limit for one resource.
//!
//! A request that is not written defaults to the limit of the same resource, so only a container
//! with neither is missing its request. A pod-level `spec.resources` (Kubernetes 1.32+) bounds
//! every container, so it counts too. Values are not judged: a templated or odd quantity is set.

use crate::model::kubernetes::{ContainerGroup, Object};
use crate::rules::Context;
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Request,
    Limit,
}

/// One resource as the messages name it.
pub struct Resource {
    /// The key under `requests`/`limits`.
    pub key: &'static str,
    /// How a message names it (`CPU`, `memory`).
    pub label: &'static str,
}

pub const CPU: Resource = Resource { key: "cpu", label: "CPU" };
pub const MEMORY: Resource = Resource { key: "memory", label: "memory" };
pub const EPHEMERAL_STORAGE: Resource = Resource { key: "ephemeral-storage", label: "ephemeral-storage" };

/// What a `requests` or `limits` map says about one resource.
enum Said {
    Set,
    Missing,
    /// The map is not a mapping (templated, malformed): no guess.
    Unknown,
}

fn said(map: Option<NodeRef<'_>>, key: &str) -> Said {
    match map.filter(|m| !m.is_null()) {
        None => Said::Missing,
        Some(m) if !m.is_mapping() => Said::Unknown,
        Some(m) => match m.get(key) {
            Some(v) if !v.is_null() => Said::Set,
            _ => Said::Missing,
        },
    }
}

/// Whether `resources` (a `resources:` value) sets `bound` of `resource`, `None` when unknown.
fn sets(resources: NodeRef<'_>, resource: &Resource, bound: Bound) -> Option<bool> {
    if !resources.is_mapping() {
        return None;
    }
    let limit = said(resources.get("limits"), resource.key);
    let request = said(resources.get("requests"), resource.key);
    match (bound, limit, request) {
        (_, Said::Set, _) => Some(true),
        (Bound::Request, _, Said::Set) => Some(true),
        (_, Said::Unknown, _) | (Bound::Request, _, Said::Unknown) => None,
        _ => Some(false),
    }
}

/// Reports every container and init container of `object` that does not set `bound` of
/// `resource`. Ephemeral containers cannot have resources and are skipped.
pub fn check(cx: &mut Context<'_>, object: &Object<'_>, resource: &Resource, bound: Bound, help: &str) {
    let Some(pod) = object.pod_spec() else { return };
    if let Some((_, r)) = pod.field("resources")
        && sets(r, resource, bound) != Some(false)
    {
        return;
    }
    for c in pod.containers() {
        // An image-less container is a patch, or completed by a deploy tool: its resources come
        // from elsewhere.
        if c.group == ContainerGroup::EphemeralContainers || c.node.get("image").is_none() {
            continue;
        }
        let field = c.field("resources");
        let at = match field {
            None => c.anchor(),
            Some((key, value)) => match sets(value, resource, bound) {
                Some(false) => where_missing(key, value, bound),
                _ => continue,
            },
        };
        let what = match bound {
            Bound::Request => format!("no {} request (and no {0} limit it would default to)", resource.label),
            Bound::Limit => format!("no {} limit", resource.label),
        };
        let msg = format!("{} of {} has {what}", c.display_name(), object.display_name());
        let d = cx.diag(at, msg).with_help(help);
        cx.emit(d);
    }
}

/// The `requests:`/`limits:` key the value belongs under when it exists, else `resources:`.
fn where_missing(key: NodeRef<'_>, value: NodeRef<'_>, bound: Bound) -> Span {
    let sub = match bound {
        Bound::Request => "requests",
        Bound::Limit => "limits",
    };
    value.entry(sub).filter(|(_, v)| v.is_mapping()).map_or(key.span(), |(k, _)| k.span())
}
