//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod generate;

use std::path::PathBuf;
use std::sync::Arc;

use caulk::catalog::catalog;
use caulk::config::{Config, Options};
use caulk::report::{self, Format, RuleInfo, Summary};
use caulk::{Diagnostic, SourceFile};

/// Every rule selected, opt-in ones too.
pub fn all_rules() -> Config {
    Config::new(Options { select: Some(vec!["ALL".into()]), ..Default::default() }).expect("config")
}

/// Every rule selected, with the other options of a `caulk.toml` text.
pub fn all_rules_with(toml: &str) -> Config {
    let options = Options::from_toml(toml).expect("example config");
    Config::new(Options { select: Some(vec!["ALL".into()]), ..options }).expect("config")
}

pub fn lint_one(name: &str, text: &str, config: &Config) -> Vec<Diagnostic> {
    caulk::lint(&[SourceFile::new(name, text)], config).diagnostics
}

/// Renders diagnostics of in-memory files in `format`, without colour.
pub fn render(format: Format, files: &[(&str, &str)], diags: &[Diagnostic], files_linted: usize) -> String {
    let sources: Vec<(String, Arc<str>)> = files.iter().map(|(p, t)| (p.to_string(), Arc::from(*t))).collect();
    let lookup = |p: &str| sources.iter().find(|(n, _)| n == p).map(|(_, t)| t.clone());
    let infos: Vec<RuleInfo> = catalog()
        .rules
        .iter()
        .map(|r| RuleInfo {
            code: r.code,
            name: r.name,
            summary: r.summary(),
            help_markdown: r.body,
            severity: r.severity,
            security_severity: r.security_severity,
            tags: vec![r.domain, r.category],
            help_uri: None,
        })
        .collect();
    let summary = Summary::of(diags, files_linted);
    let rep = report::Report {
        diagnostics: diags,
        source: &lookup,
        rules: &infos,
        summary,
        statistics: false,
        color: false,
        tool_version: "0.0.0-test",
    };
    let mut out = Vec::new();
    report::render(format, &rep, &mut out).expect("render");
    String::from_utf8(out).expect("utf-8 report")
}

/// `../shared/corpus/<folder>`, when present.
pub fn corpus(folder: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").join(folder);
    dir.is_dir().then_some(dir)
}

pub fn files_in(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    v.sort();
    v
}
