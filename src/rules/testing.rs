//! Unit-test support for rules: lint one in-memory file with one rule selected.

use crate::config::{Config, Options};
use crate::engine::{SourceFile, lint};

/// The source text under each finding of `code` when `text` is linted as `name`, in order.
pub fn flagged(code: &str, name: &str, text: &str) -> Vec<String> {
    let config = Config::new(Options { select: Some(vec![code.to_string()]), ..Default::default() });
    let Ok(config) = config else { panic!("selecting {code} must compile") };
    let result = lint(&[SourceFile::new(name, text)], &config);
    result.diagnostics.iter().filter(|d| d.code == code).map(|d| d.span.slice(text).to_string()).collect()
}
