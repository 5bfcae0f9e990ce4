//! Kubernetes objects and the one `PodSpecView` over every pod-bearing kind.

use crate::diagnostic::HelmSource;
use crate::model::helm;
use crate::span::Span;
use crate::syntax::yaml::{NodeRef, YamlFile};

pub struct Object<'a> {
    pub root: NodeRef<'a>,
    /// The document (or `List` item) the object spans, for object-wide suppressions.
    pub span: Span,
    pub api_version: &'a str,
    pub kind: &'a str,
    pub name: Option<&'a str>,
    pub namespace: Option<&'a str>,
    pub metadata: Option<NodeRef<'a>>,
    pub source: Option<HelmSource>,
}

/// Every object of a stream, with `kind: List` items unpacked.
pub fn objects<'a>(tree: &'a YamlFile, sources: &[helm::Attribution]) -> Vec<Object<'a>> {
    let mut out = Vec::new();
    for doc in &tree.documents {
        let Some(root) = tree.root(doc) else { continue };
        let source = helm::source_for(sources, doc.span.start);
        if root.get("kind").and_then(|k| k.str()).is_some_and(|k| k.ends_with("List")) {
            if let Some(items) = root.get("items") {
                out.extend(items.items().filter_map(|i| Object::new(i, i.span(), source.clone())));
            }
            continue;
        }
        out.extend(Object::new(root, doc.span, source));
    }
    out
}

impl<'a> Object<'a> {
    fn new(root: NodeRef<'a>, span: Span, source: Option<HelmSource>) -> Option<Object<'a>> {
        let api_version = root.get("apiVersion")?.str()?;
        let kind = root.get("kind")?.str()?;
        let metadata = root.get("metadata").filter(|m| m.is_mapping());
        let meta_str = |k: &str| metadata.and_then(|m| m.get(k)).and_then(|n| n.str());
        Some(Object {
            root,
            span,
            api_version,
            kind,
            name: meta_str("name"),
            namespace: meta_str("namespace"),
            metadata,
            source,
        })
    }

    /// The API group (`apps` of `apps/v1`; empty for the core group).
    pub fn group(&self) -> &'a str {
        self.api_version.rsplit_once('/').map_or("", |(g, _)| g)
    }

    pub fn annotation(&self, key: &str) -> Option<&'a str> {
        self.metadata?.get("annotations")?.get(key)?.str()
    }

    pub fn annotations(&self) -> impl Iterator<Item = (&'a str, NodeRef<'a>)> {
        self.metadata
            .and_then(|m| m.get("annotations"))
            .into_iter()
            .flat_map(|a| a.entries())
            .filter_map(|(k, v)| Some((k.str()?, v)))
    }

    /// `Kind/name` for messages.
    pub fn display_name(&self) -> String {
        format!("{}/{}", self.kind, self.name.unwrap_or("<unnamed>"))
    }

    /// The pod spec of any pod-bearing kind.
    pub fn pod_spec(&self) -> Option<PodSpecView<'a>> {
        let path = pod_spec_path(self.group(), self.kind)?;
        let spec = self.root.path(path).filter(|s| s.is_mapping())?;
        Some(PodSpecView { spec })
    }
}

/// Where each pod-bearing kind keeps its pod spec.
fn pod_spec_path(group: &str, kind: &str) -> Option<&'static [&'static str]> {
    const TEMPLATE: &[&str] = &["spec", "template", "spec"];
    Some(match kind {
        "Pod" if group.is_empty() => &["spec"],
        "PodTemplate" if group.is_empty() => &["template", "spec"],
        "ReplicationController" if group.is_empty() => TEMPLATE,
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" if matches!(group, "apps" | "extensions") => TEMPLATE,
        "Job" if group == "batch" => TEMPLATE,
        "CronJob" if group == "batch" => &["spec", "jobTemplate", "spec", "template", "spec"],
        "Rollout" if group == "argoproj.io" => TEMPLATE,
        _ => return None,
    })
}

#[derive(Clone, Copy)]
pub struct PodSpecView<'a> {
    pub spec: NodeRef<'a>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerGroup {
    Containers,
    InitContainers,
    EphemeralContainers,
}

impl ContainerGroup {
    pub fn key(self) -> &'static str {
        match self {
            ContainerGroup::Containers => "containers",
            ContainerGroup::InitContainers => "initContainers",
            ContainerGroup::EphemeralContainers => "ephemeralContainers",
        }
    }
}

impl<'a> PodSpecView<'a> {
    pub fn security_context(&self) -> Option<NodeRef<'a>> {
        self.spec.get("securityContext").filter(|n| n.is_mapping())
    }

    /// Windows pods follow other rules (no runAsNonRoot semantics, no Linux options).
    pub fn is_windows(&self) -> bool {
        self.spec.path(&["os", "name"]).and_then(|n| n.str()) == Some("windows")
    }

    pub fn containers(&self) -> Vec<Container<'a>> {
        let pod_sc = self.security_context();
        let groups = [ContainerGroup::Containers, ContainerGroup::InitContainers, ContainerGroup::EphemeralContainers];
        groups
            .into_iter()
            .flat_map(|group| {
                self.spec.get(group.key()).into_iter().flat_map(|s| s.items()).filter(|c| c.is_mapping()).map(
                    move |node| Container {
                        node,
                        group,
                        name: node.get("name").and_then(|n| n.str()),
                        security_context: node.get("securityContext").filter(|n| n.is_mapping()),
                        pod_security_context: pod_sc,
                    },
                )
            })
            .collect()
    }
}

pub struct Container<'a> {
    pub node: NodeRef<'a>,
    pub group: ContainerGroup,
    pub name: Option<&'a str>,
    pub security_context: Option<NodeRef<'a>>,
    pub pod_security_context: Option<NodeRef<'a>>,
}

/// Where an effective security-context value was set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Container,
    Pod,
}

#[derive(Clone, Copy)]
pub struct Effective<'a> {
    pub value: NodeRef<'a>,
    /// The key node, to point a finding at `runAsUser:` rather than only its value.
    pub key: NodeRef<'a>,
    pub level: Level,
}

impl<'a> Container<'a> {
    /// A field shared by `PodSecurityContext` and `SecurityContext` (runAsUser, runAsNonRoot,
    /// seccompProfile, ...): the container's value wins over the pod's.
    pub fn effective(&self, field: &str) -> Option<Effective<'a>> {
        let pick = |sc: Option<NodeRef<'a>>, level| {
            let (key, value) = sc?.entry(field)?;
            (!value.is_null()).then_some(Effective { value, key, level })
        };
        pick(self.security_context, Level::Container).or_else(|| pick(self.pod_security_context, Level::Pod))
    }

    /// Where to point a finding about the container as a whole: its `name` value, else the item.
    pub fn anchor(&self) -> Span {
        self.node.get("name").map_or_else(|| first_line(self.node.span()), |n| n.span())
    }

    pub fn display_name(&self) -> String {
        let kind = match self.group {
            ContainerGroup::Containers => "container",
            ContainerGroup::InitContainers => "init container",
            ContainerGroup::EphemeralContainers => "ephemeral container",
        };
        format!("{kind} `{}`", self.name.unwrap_or("<unnamed>"))
    }
}

/// A span shortened to nothing, at its start: for "missing" findings on large nodes.
fn first_line(span: Span) -> Span {
    Span::point(span.start)
}
