//! Unit-test support for rules: lint one in-memory Dockerfile with one rule selected, and look at
//! what it found or what its fixes write.

use crate::config::{Config, Options};
use crate::diagnostic::Diagnostic;
use crate::engine::{SourceFile, lint};
use crate::fix::{self, Mode};

/// The findings of rule `code` (only) on the Dockerfile `src`, under `options` (its `select` is
/// replaced).
pub fn diagnostics_with(code: &str, src: &str, options: Options) -> Vec<Diagnostic> {
    let options = Options { select: Some(vec![code.to_string()]), ..options };
    let config = Config::new(options).unwrap_or_else(|e| panic!("selecting {code}: {e}"));
    lint(&[SourceFile::new("Dockerfile", src)], &config).diagnostics.into_iter().filter(|d| d.code == code).collect()
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
    let mut text = src.to_string();
    for _ in 0..10 {
        let diags = diagnostics(code, &text);
        let refs: Vec<&Diagnostic> = diags.iter().collect();
        let (next, n) = fix::apply(&text, &refs, Mode::Unsafe);
        if n == 0 {
            break;
        }
        text = next;
    }
    text
}
