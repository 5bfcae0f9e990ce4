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
    // Finding counts per folder and rule, tracked as a snapshot: a change in what the rules find
    // on real files shows up in review.
    let mut tracked = String::new();
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
                Some(SourceFile { path: name.into(), bytes, kind, context: false })
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
        tracked.push_str(&format!("{folder}: {} files, {} with parse errors\n", files.len(), failed.len()));
        for (code, n) in &counts {
            tracked.push_str(&format!("  {code} {n}\n"));
        }
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
        return;
    }
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("corpus-finding-counts", tracked);
    });
}

/// The shell model over every RUN of the corpus: tree-sitter-bash must parse nearly all of them
/// without error recovery (the rest are listed), and commands must be found in most RUNs.
#[test]
fn corpus_run_bodies_parse_as_shell() {
    let Some(dir) = common::corpus("dockerfile") else {
        eprintln!("skipped: ../shared/corpus/dockerfile is absent");
        return;
    };
    let (mut runs, mut with_error, mut with_commands, mut commands) = (0, 0, 0, 0);
    for path in common::files_in(&dir) {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let ast = caulk::syntax::dockerfile::parse(&text);
        let model = caulk::model::dockerfile::DockerfileModel::new(&text, &ast);
        for run in model.runs() {
            runs += 1;
            commands += run.script.commands.len();
            with_commands += usize::from(!run.script.commands.is_empty());
            if run.script.has_error {
                with_error += 1;
                let line = text[..run.instr.span.start].lines().count() + 1;
                eprintln!("  shell parse error: {}:{line}", path.file_name().unwrap_or_default().to_string_lossy());
            }
        }
    }
    eprintln!("{runs} POSIX RUN instructions, {commands} commands, {with_error} with shell parse errors");
    assert!(runs > 4000, "only {runs} RUNs");
    assert!(with_error * 100 <= runs, "{with_error} of {runs} RUNs failed to parse as shell");
    assert!(with_commands * 100 >= runs * 99, "{with_commands} of {runs} RUNs yielded commands");
}

/// Every fix (unsafe ones too) applied to every corpus Dockerfile until nothing changes: the
/// fixpoint comes within the passes `--fix` makes, no file gains a parse error, and fixing again
/// changes nothing.
#[test]
fn corpus_dockerfile_fixes_reach_a_fixpoint_and_keep_parsing() {
    use caulk::fix::{self, Mode};
    let Some(dir) = common::corpus("dockerfile") else {
        eprintln!("skipped: ../shared/corpus/dockerfile is absent");
        return;
    };
    let config = common::all_rules();
    let mut files: Vec<SourceFile> = common::files_in(&dir)
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            Some(SourceFile {
                path: p.display().to_string().into(),
                bytes,
                kind: Some(caulk::FileKind::Dockerfile),
                context: false,
            })
        })
        .collect();
    let errors = |r: &caulk::LintResult| r.diagnostics.iter().filter(|d| d.is_parse_error()).count();
    let before = errors(&lint(&files, &config));
    let (mut applied, mut passes) = (0, 0);
    loop {
        let result = lint(&files, &config);
        let mut changed = 0;
        for f in &mut files {
            let Ok(text) = std::str::from_utf8(&f.bytes) else { continue };
            let diags: Vec<_> = result.diagnostics.iter().filter(|d| d.path == f.path).collect();
            let (next, n) = fix::apply(text, &diags, Mode::Unsafe);
            if n > 0 {
                f.bytes = next.into_bytes();
                changed += n;
            }
        }
        if changed == 0 {
            break;
        }
        applied += changed;
        passes += 1;
        assert!(passes < 10, "no fixpoint after {passes} passes");
    }
    let after = errors(&lint(&files, &config));
    eprintln!("{applied} fixes in {passes} passes; parse errors {before} before, {after} after");
    assert!(applied > 1000, "only {applied} fixes applied");
    assert_eq!(after, before, "fixes introduced parse errors");
}
