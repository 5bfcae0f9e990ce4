//! Unit-test support for rules: lint one in-memory Dockerfile or manifest with one rule selected,
//! and look at what it found or what its fixes write.

use crate::config::{Config, Options};
use crate::diagnostic::Diagnostic;
use crate::engine::{SourceFile, lint};
use crate::fix::{self, Mode};

/// The findings of rule `code` (only) on the Dockerfile `src`, under `options` (its `select` is
/// replaced).
pub fn diagnostics_with(code: &str, src: &str, options: Options) -> Vec<Diagnostic> {
    lint_as(code, "Dockerfile", src, options)
}

/// The findings of rule `code` (only) on `src` read as a file called `name`.
pub fn lint_as(code: &str, name: &str, src: &str, options: Options) -> Vec<Diagnostic> {
    let options = Options { select: Some(vec![code.to_string()]), ..options };
    let config = Config::new(options).unwrap_or_else(|e| panic!("selecting {code}: {e}"));
    lint(&[SourceFile::new(name, src)], &config).diagnostics.into_iter().filter(|d| d.code == code).collect()
}

/// The findings of rule `code` on the Kubernetes manifest `src`.
pub fn k8s_diagnostics(code: &str, src: &str) -> Vec<Diagnostic> {
    lint_as(code, "manifest.yaml", src, Options::default())
}

/// The source text under each finding's span in the manifest `src`.
/// The text under each `code` finding of `src` linted as `compose.yaml`.
pub fn compose_spans(code: &str, src: &str) -> Vec<String> {
    lint_as(code, "compose.yaml", src, Options::default()).iter().map(|d| d.span.slice(src).to_string()).collect()
}

pub fn k8s_spans(code: &str, src: &str) -> Vec<String> {
    k8s_diagnostics(code, src).iter().map(|d| d.span.slice(src).to_string()).collect()
}

/// A Deployment whose pod spec is `spec` (written unindented): `pod("containers:\n- name: a")`.
pub fn pod(spec: &str) -> String {
    let body: String = spec.lines().map(|l| format!("      {l}\n")).collect();
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {{app: web}}\n  template:\n    metadata:\n      labels: {{app: web}}\n    spec:\n{body}"
    )
}

pub fn diagnostics(code: &str, src: &str) -> Vec<Diagnostic> {
    diagnostics_with(code, src, Options::default())
}

/// `(source text under the span, message)` of each finding.
pub fn findings(code: &str, src: &str) -> Vec<(String, String)> {
    diagnostics(code, src).into_iter().map(|d| (d.span.slice(src).to_string(), d.message)).collect()
}

/// The source text under each finding's span.
pub fn spans(code: &str, src: &str) -> Vec<String> {
    diagnostics(code, src).iter().map(|d| d.span.slice(src).to_string()).collect()
}

/// [`spans`] for the one instruction `RUN {body}`.
pub fn run(code: &str, body: &str) -> Vec<String> {
    spans(code, &format!("FROM scratch\nRUN {body}\n"))
}

/// `src` after applying the rule's fixes (unsafe ones too) until nothing changes.
pub fn fixed(code: &str, src: &str) -> String {
    fixed_as(code, "Dockerfile", src)
}

/// The manifest `src` after applying the rule's fixes (unsafe ones too) until nothing changes.
pub fn k8s_fixed(code: &str, src: &str) -> String {
    fixed_as(code, "manifest.yaml", src)
}

/// `src`, read as a file called `name`, after the rule's fixes (unsafe ones too) to a fixpoint.
pub fn fixed_as(code: &str, name: &str, src: &str) -> String {
    let mut text = src.to_string();
    for _ in 0..10 {
        let diags = lint_as(code, name, &text, Options::default());
        let refs: Vec<&Diagnostic> = diags.iter().collect();
        let (next, n) = fix::apply(&text, &refs, Mode::Unsafe);
        if n == 0 {
            break;
        }
        text = next;
    }
    text
}
