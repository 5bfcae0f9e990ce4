//! Unit-test helpers for Dockerfile rules: lint a snippet with one rule selected.

use crate::config::{Config, Options};
use crate::diagnostic::Diagnostic;
use crate::engine::{SourceFile, lint};

/// The diagnostics of rule `code` (only) for `src`, under `options` (its `select` is replaced).
pub fn diagnostics_with(code: &str, src: &str, options: Options) -> Vec<Diagnostic> {
    let options = Options { select: Some(vec![code.to_string()]), ..options };
    let config = Config::new(options).expect("test config");
    lint(&[SourceFile::new("Dockerfile", src)], &config).diagnostics.into_iter().filter(|d| d.code == code).collect()
}

/// `(text under the span, message)` of each finding of rule `code` for `src`.
pub fn findings(code: &str, src: &str) -> Vec<(String, String)> {
    diagnostics_with(code, src, Options::default())
        .into_iter()
        .map(|d| (d.span.slice(src).to_string(), d.message))
        .collect()
}
