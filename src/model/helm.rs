//! Helm-rendered streams: each document's `# Source: chart/templates/x.yaml` line.

use crate::diagnostic::HelmSource;
use crate::span::Span;
use crate::syntax::yaml::YamlFile;

/// The template a document (given by its span) was rendered from.
#[derive(Clone, Debug)]
pub struct Attribution {
    pub document: Span,
    pub source: HelmSource,
}

/// `# Source:` comments attributed to the document that contains them.
pub fn sources(tree: &YamlFile) -> Vec<Attribution> {
    let mut out = Vec::new();
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
            out.push(Attribution { document, source: HelmSource { template: template.to_string(), span: c.span } });
        }
    }
    out
}

pub fn source_for(sources: &[Attribution], offset: usize) -> Option<HelmSource> {
    sources.iter().find(|a| a.document.start <= offset && offset <= a.document.end).map(|a| a.source.clone())
}
