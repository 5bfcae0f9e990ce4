//! Helm-rendered streams: each document's `# Source: chart/templates/x.yaml` line and hook, streams
//! told apart by Helm's labels when those comments are gone, and findings placed back on the
//! template line they came from ([`place`], with the templates the caller read).

pub mod chart;
mod path;
mod template;

use std::collections::HashMap;
use std::sync::Arc;

pub use path::{KeyPath, Segment};
pub use template::{Located, Template};

use crate::diagnostic::{Diagnostic, HelmSource, TemplateLocation};
use crate::model::kubernetes::Object;
use crate::span::Span;
use crate::syntax::yaml::{NodeRef, YamlFile};

/// The annotation that makes a document a hook, run at a point of a release's life instead of
/// being part of it.
pub const HOOK: &str = "helm.sh/hook";

/// The template a document (given by its span) was rendered from.
#[derive(Clone, Debug)]
pub struct Attribution {
    pub document: Span,
    pub source: HelmSource,
}

/// `# Source:` comments attributed to the document that contains them, each with the document's
/// hook and its rank among the documents of the same template.
pub fn sources(tree: &YamlFile) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    for c in &tree.comments {
        let Some(template) = c.text.trim_start().strip_prefix("Source:") else { continue };
        let template = template.trim();
        if template.is_empty() {
            continue;
        }
        // A `# Source:` line belongs to the document that follows it (it sits after `---`).
        let doc = tree
            .documents
            .iter()
            .find(|d| d.span.start <= c.span.start && c.span.start < d.span.end.max(d.span.start + 1))
            .or_else(|| tree.documents.iter().find(|d| d.span.start >= c.span.end));
        if let Some(d) = doc {
            let document = Span::new(d.span.start.min(c.span.start), d.span.end);
            let root = tree.root(d);
            let hook = root.and_then(|r| annotation(r, HOOK)).map(str::to_string);
            let kind = root.and_then(|r| r.get("kind")?.str()).map(str::to_string);
            let rank = out.iter().filter(|a| a.source.template == template).count();
            let source = HelmSource {
                template: template.to_string(),
                span: c.span,
                document: rank,
                kind,
                hook,
                ..Default::default()
            };
            out.push(Attribution { document, source });
        }
    }
    out
}

pub fn source_for(sources: &[Attribution], offset: usize) -> Option<HelmSource> {
    // The last one: a document starts where the one before it ends.
    sources.iter().rev().find(|a| a.document.start <= offset && offset <= a.document.end).map(|a| a.source.clone())
}

/// Gives each finding the Helm source of its document, with the key path of the place it points
/// at in that document.
pub fn attribute(tree: &YamlFile, sources: &[Attribution], diags: &mut [Diagnostic]) {
    if sources.is_empty() {
        return;
    }
    for d in diags {
        let Some(mut source) = source_for(sources, d.span.start) else { continue };
        let doc =
            tree.documents.iter().rev().find(|doc| doc.span.start <= d.span.start && d.span.start <= doc.span.end);
        if let Some(root) = doc.and_then(|doc| tree.root(doc)) {
            source.key_path = KeyPath::at(root, d.span.start);
        }
        d.source = Some(Box::new(source));
    }
}

/// Whether a stream is `helm template` output: it has `# Source:` comments, or (when they were
/// stripped) a document labelled by Helm (`helm.sh/chart`, `app.kubernetes.io/managed-by: Helm`).
pub fn is_rendered(tree: &YamlFile) -> bool {
    tree.comments.iter().any(|c| c.text.trim_start().starts_with("Source:"))
        || tree.documents.iter().filter_map(|d| tree.root(d)).any(|root| {
            let labels = root.path(&["metadata", "labels"]);
            labels.is_some_and(|l| {
                l.get("helm.sh/chart").is_some()
                    || l.get("app.kubernetes.io/managed-by").and_then(|v| v.str()) == Some("Helm")
            })
        })
}

/// Whether a `helm.sh/hook` value (a comma-separated list) makes the document a test, which
/// `helm test` runs and an install never does.
pub fn is_test_hook(hook: &str) -> bool {
    hook.split(',').map(str::trim).any(|h| matches!(h, "test" | "test-success" | "test-failure"))
}

/// Whether the object is a Helm test hook.
pub fn is_test(object: &Object<'_>) -> bool {
    object.annotation(HOOK).is_some_and(is_test_hook)
}

fn annotation<'a>(root: NodeRef<'a>, key: &str) -> Option<&'a str> {
    root.path(&["metadata", "annotations"])?.get(key)?.str()
}

/// A template file as the caller read it.
#[derive(Clone, Debug)]
pub struct TemplateFile {
    /// As reports name it (relative to the current directory when it was found so).
    pub path: Arc<str>,
    pub text: Arc<str>,
}

/// Places every finding of a rendered stream on its template file: `template(stream, name)`
/// gives the file a stream's `# Source: name` was rendered from, when it is known.
pub fn place<'t>(diags: &mut [Diagnostic], template: impl Fn(&str, &str) -> Option<&'t TemplateFile>) {
    let mut outlines: HashMap<Arc<str>, Template> = HashMap::new();
    for d in diags {
        let Some(source) = &mut d.source else { continue };
        let Some(file) = template(&d.path, &source.template) else { continue };
        let outline = outlines.entry(file.path.clone()).or_insert_with(|| Template::parse(&file.text));
        let found = outline.locate(source.document, source.kind.as_deref(), &source.key_path);
        source.location = Some(TemplateLocation {
            path: file.path.clone(),
            span: found.line,
            value: found.value,
            matched: found.matched,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml;

    const STREAM: &str = "---\n# Source: app/templates/a.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n\
                          ---\n# Source: app/templates/a.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  \
                          annotations:\n    helm.sh/hook: test\n";

    #[test]
    fn documents_of_one_template_are_ranked_and_hooks_kept() {
        let tree = yaml::parse(STREAM, &yaml::Limits::default());
        let s = sources(&tree);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].source.document, s[0].source.hook.as_deref()), (0, None));
        assert_eq!((s[1].source.document, s[1].source.hook.as_deref()), (1, Some("test")));
    }

    #[test]
    fn findings_get_their_key_path() {
        let tree = yaml::parse(STREAM, &yaml::Limits::default());
        let at = STREAM.rfind("name: b").unwrap() + 6;
        let mut d = vec![Diagnostic::new("X1", "x", crate::Severity::Info, Arc::from("s.yaml"), Span::point(at), "m")];
        attribute(&tree, &sources(&tree), &mut d);
        let source = d[0].source.as_ref().unwrap();
        assert_eq!((source.document, source.key_path.to_string().as_str()), (1, "metadata.name"));
    }

    #[test]
    fn test_hooks() {
        assert!(is_test_hook("test"));
        assert!(is_test_hook("pre-install, test-success"));
        assert!(!is_test_hook("pre-install,post-upgrade"));
        assert!(!is_test_hook("testing"));
    }

    #[test]
    fn streams_without_source_lines_are_known_by_labels() {
        let rendered = |s: &str| is_rendered(&yaml::parse(s, &yaml::Limits::default()));
        assert!(rendered(STREAM));
        let labelled = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels:\n";
        assert!(rendered(&format!("{labelled}    app.kubernetes.io/managed-by: Helm\n")));
        assert!(rendered(&format!("{labelled}    helm.sh/chart: app-1.0.0\n")));
        assert!(!rendered(&format!("{labelled}    app.kubernetes.io/managed-by: kustomize\n")));
        assert!(!rendered("apiVersion: v1\nkind: Service\n# Sourced from elsewhere\n"));
    }

    #[test]
    fn findings_are_placed_on_template_lines() {
        let tree = yaml::parse(STREAM, &yaml::Limits::default());
        let at = STREAM.rfind("name: b").unwrap() + 6;
        let mut d = vec![Diagnostic::new("X1", "x", crate::Severity::Info, Arc::from("s.yaml"), Span::point(at), "m")];
        attribute(&tree, &sources(&tree), &mut d);
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n";
        let file = TemplateFile { path: Arc::from("app/templates/a.yaml"), text: Arc::from(text) };
        place(&mut d, |stream, name| (stream == "s.yaml" && name == "app/templates/a.yaml").then_some(&file));
        let at = d[0].source.as_ref().unwrap().location.as_ref().unwrap();
        assert_eq!(at.span.slice(text), "name: {{ .Values.name }}");
        assert_eq!(at.matched, 2);
    }
}
