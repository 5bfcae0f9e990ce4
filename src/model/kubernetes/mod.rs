//! Kubernetes objects and the one `PodSpecView` over every pod-bearing kind.

mod pod;
mod templates;
mod version;

pub use pod::{Container, ContainerGroup, Effective, Level, PodSpecView};
pub use templates::{PodTemplate, PodTemplates};
pub use version::KubeVersion;

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
    pod: Option<PodSpecView<'a>>,
}

/// Every object of a stream, with `kind: List` items unpacked; `templates` says where pod-bearing
/// kinds keep their pod spec.
pub fn objects<'a>(tree: &'a YamlFile, sources: &[helm::Attribution], templates: &PodTemplates) -> Vec<Object<'a>> {
    let mut out = Vec::new();
    for doc in &tree.documents {
        let Some(root) = tree.root(doc) else { continue };
        let source = helm::source_for(sources, doc.span.start);
        if root.get("kind").and_then(|k| k.str()).is_some_and(|k| k.ends_with("List")) {
            if let Some(items) = root.get("items") {
                out.extend(items.items().filter_map(|i| Object::new(i, i.span(), source.clone(), templates)));
            }
            continue;
        }
        out.extend(Object::new(root, doc.span, source, templates));
    }
    out
}

impl<'a> Object<'a> {
    fn new(root: NodeRef<'a>, span: Span, source: Option<HelmSource>, templates: &PodTemplates) -> Option<Object<'a>> {
        let api_version = root.get("apiVersion")?.str()?;
        let kind = root.get("kind")?.str()?;
        let metadata = root.get("metadata").filter(|m| m.is_mapping());
        let meta_str = |k: &str| metadata.and_then(|m| m.get(k)).and_then(|n| n.str());
        let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
        let pod = templates.find(group, kind).and_then(|t| PodSpecView::at(root, t));
        Some(Object {
            root,
            span,
            api_version,
            kind,
            name: meta_str("name"),
            namespace: meta_str("namespace"),
            metadata,
            source,
            pod,
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
        string_entries(self.metadata.and_then(|m| m.get("annotations")))
    }

    pub fn labels(&self) -> impl Iterator<Item = (&'a str, NodeRef<'a>)> {
        string_entries(self.metadata.and_then(|m| m.get("labels")))
    }

    /// `Kind/name` for messages.
    pub fn display_name(&self) -> String {
        format!("{}/{}", self.kind, self.name.unwrap_or("<unnamed>"))
    }

    /// Where to point a finding about the object as a whole: its `metadata.name` value, else
    /// its `kind` value.
    pub fn anchor(&self) -> Span {
        self.metadata
            .and_then(|m| m.get("name"))
            .or_else(|| self.root.get("kind"))
            .map_or(Span::point(self.span.start), |n| n.span())
    }

    /// The pod spec of any pod-bearing kind (built in, or declared in `[kubernetes] pod-templates`).
    pub fn pod_spec(&self) -> Option<PodSpecView<'a>> {
        self.pod
    }
}

/// The entries of a mapping whose keys are strings (labels, annotations, data).
pub fn string_entries<'a>(map: Option<NodeRef<'a>>) -> impl Iterator<Item = (&'a str, NodeRef<'a>)> {
    map.into_iter().flat_map(|a| a.entries()).filter_map(|(k, v)| Some((k.str()?, v)))
}

/// A value still to be filled in by a template engine: `{{ .Values.x }}` (Helm, Go templates),
/// `${VAR}` (envsubst, Flux post-build, Skaffold). Its real value is unknown, so rules never read
/// it as a literal.
pub fn is_templated(s: &str) -> bool {
    s.contains("{{") || s.contains("${")
}
