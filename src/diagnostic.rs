//! What every rule produces and every output format consumes.

use std::sync::Arc;

use serde::Serialize;

use crate::model::helm::KeyPath;
use crate::span::Span;

/// Ordered so that `a >= b` reads "a is at least as serious as b".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "info" | "note" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// How far a fix may be trusted; see DESIGN.md "fixes".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Applied by `--fix`: keeps behaviour.
    Safe,
    /// Changes behaviour: applied only with `--unsafe-fixes`.
    Unsafe,
    /// Shown to the user, never applied.
    DisplayOnly,
}

/// Replace the bytes under `span` with `replacement` (an insertion when the span is empty).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    #[serde(skip)]
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// A secondary location that explains the finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// The Helm template a rendered document came from (`# Source:` line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelmSource {
    /// As the `# Source:` line names it: `mychart/templates/deployment.yaml`.
    pub template: String,
    /// The `# Source:` comment in the rendered stream.
    pub span: Span,
    /// Which of the documents rendered from this template the finding is in (0-based): a
    /// template with `---` parts, or a `range` over documents, renders several.
    pub document: usize,
    /// The document's `kind`, which tells apart the parts of a template that writes several.
    pub kind: Option<String>,
    /// The document's `helm.sh/hook` annotation (`pre-install`, `test`, ...).
    pub hook: Option<String>,
    /// Where the finding is in the rendered document.
    pub key_path: KeyPath,
    /// Where the finding is in the template file, once the chart is known
    /// ([`crate::model::helm::place`]).
    pub location: Option<TemplateLocation>,
}

/// A finding placed on its template file: the line of the deepest key of its path found there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateLocation {
    /// The template file, as reports name it.
    pub path: Arc<str>,
    /// From the key to the end of its value on that line.
    pub span: Span,
    /// The value written on that line, masked in frames when the finding is about a secret.
    pub value: Option<Span>,
    /// How many segments of [`HelmSource::key_path`] the template has: fewer when the rest comes
    /// from a value or a helper (`toYaml`, `include`).
    pub matched: usize,
}

impl HelmSource {
    /// The part of the key path the template has, when it is not all of it.
    pub fn nearest(&self) -> Option<KeyPath> {
        let at = self.location.as_ref()?;
        (at.matched < self.key_path.len()).then(|| self.key_path.prefix(at.matched))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub path: Arc<str>,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<Label>,
    pub fix: Option<Box<Fix>>,
    pub source: Option<Box<HelmSource>>,
    /// The bytes of a secret value the finding is about: every output that shows source text
    /// masks them.
    pub secret: Option<Span>,
}

impl Diagnostic {
    pub fn new(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        path: Arc<str>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            name,
            severity,
            path,
            span,
            message: message.into(),
            help: None,
            labels: Vec::new(),
            fix: None,
            source: None,
            secret: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into() });
        self
    }

    /// Marks `span` as a secret value, masked wherever source text is shown.
    pub fn with_secret(mut self, span: Span) -> Self {
        self.secret = Some(span);
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    /// A file that could not be (fully) read: an `E0xx` diagnostic at error level. Duplicate keys
    /// and templates are reported, but the file was read.
    pub fn is_parse_error(&self) -> bool {
        self.code.starts_with("E0") && self.severity == Severity::Error
    }
}

/// A secret as messages show it: at most its first 4 characters (a third of it when short) and
/// its length, e.g. `"hunt…" (12 chars)`.
pub fn redact(secret: &str) -> String {
    let n = secret.chars().count();
    let shown: String = secret.chars().take((n / 3).min(4)).collect();
    format!("\"{shown}…\" ({n} chars)")
}

#[cfg(test)]
mod tests {
    #[test]
    fn redaction_keeps_little() {
        assert_eq!(super::redact("hunter2hunter"), "\"hunt…\" (13 chars)");
        assert_eq!(super::redact("abcdef"), "\"ab…\" (6 chars)");
        assert_eq!(super::redact("ab"), "\"…\" (2 chars)");
    }
}
