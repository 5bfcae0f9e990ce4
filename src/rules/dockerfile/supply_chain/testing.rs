//! Test support for the family's rules.

use crate::config::{Config, Options};
use crate::{SourceFile, lint};

/// The findings of rule `code` on the Dockerfile `src`: (source text under the span, message).
pub fn findings(code: &str, src: &str) -> Vec<(String, String)> {
    let config = Config::new(Options { select: Some(vec![code.to_string()]), ..Default::default() }).expect("config");
    lint(&[SourceFile::new("Dockerfile", src)], &config)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| (d.span.slice(src).to_string(), d.message))
        .collect()
}

/// Only the source text under each finding's span.
pub fn spans(code: &str, src: &str) -> Vec<String> {
    findings(code, src).into_iter().map(|(s, _)| s).collect()
}

/// The source text under each finding of `code` for the one instruction `RUN {body}`.
pub fn run(code: &str, body: &str) -> Vec<String> {
    spans(code, &format!("FROM scratch\nRUN {body}\n"))
}
