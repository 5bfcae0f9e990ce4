//! Corpus smoke: every file of ../shared/corpus is linted with no panic; parse failures are listed
//! per folder and held to the targets (>= 99.5% of Dockerfiles, >= 99% of YAML files parse
//! without an error diagnostic). Finding counts per rule are printed for the record.

mod common;

use std::collections::BTreeMap;

use caulk::{SourceFile, lint};

#[test]
fn corpus_lints_without_panics_and_parses() {
    let config = common::all_rules();
    let mut any = false;
    for (folder, target) in [("dockerfile", 99.5), ("k8s", 99.0), ("helm-rendered", 99.0), ("compose", 99.0)] {
        let Some(dir) = common::corpus(folder) else {
            eprintln!("skipped: ../shared/corpus/{folder} is absent");
            continue;
        };
        any = true;
        let files: Vec<SourceFile> = common::files_in(&dir)
            .into_iter()
            .filter_map(|p| {
                let bytes = std::fs::read(&p).ok()?;
                let name = p.file_name()?.to_string_lossy().to_string();
                // Corpus names end with the original base name (`...__Dockerfile`).
                let base = name.rsplit("__").next().unwrap_or(&name).to_string();
                let kind = caulk::classify::by_name(std::path::Path::new(&base))
                    .or_else(|| folder.eq("dockerfile").then_some(caulk::FileKind::Dockerfile));
                Some(SourceFile { path: name.into(), bytes, kind })
            })
            .collect();
        let result = lint(&files, &config);
        let mut failed: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &result.diagnostics {
            *counts.entry(d.code).or_default() += 1;
            if d.is_parse_error() && d.severity == caulk::Severity::Error {
                failed.entry(&d.path).or_default().push(format!("{} {}", d.code, d.message));
            }
        }
        let ok = files.len() - failed.len();
        let rate = 100.0 * ok as f64 / files.len().max(1) as f64;
        eprintln!(
            "{folder}: {} files, {} linted, {} with parse errors ({rate:.2}% clean)",
            files.len(),
            result.files_linted,
            failed.len()
        );
        for (path, errs) in &failed {
            eprintln!("  {path}: {}", errs.join(" | "));
        }
        eprintln!("  findings by rule: {counts:?}");
        assert!(rate >= target, "{folder}: {rate:.2}% < {target}%");
        assert!(
            result.files_linted * 10 >= files.len() * 9,
            "{folder}: only {} of {} files recognised",
            result.files_linted,
            files.len()
        );
    }
    if !any {
        eprintln!("skipped: ../shared/corpus is absent");
    }
}
