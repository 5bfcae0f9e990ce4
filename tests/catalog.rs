//! Every catalog entry is well-formed, and every example in it behaves as documented: a bad example
//! fires exactly on the lines its `# ^ CODE` markers point at, a good one is silent, and a fixed one
//! is exactly what `--fix --unsafe-fixes` writes with the rule's own fixes for the first bad example.

mod common;

use caulk::catalog::{ExampleKind, catalog};
use caulk::fix::{self, Mode};
use caulk::report::Format;
use caulk::span::LineIndex;

/// `(code, 0-based line)` for each marker: a comment `# ^ CODE` points at the closest line above
/// it that is not itself a marker.
fn markers(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let is_marker = |l: &str| l.trim_start().strip_prefix('#').is_some_and(|r| r.trim_start().starts_with("^ "));
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !is_marker(l) {
            continue;
        }
        let target = (0..i).rev().find(|&j| !is_marker(lines[j])).expect("a marker below a line");
        let codes = l.trim_start()[1..].trim_start()[1..].split_whitespace().next().unwrap_or("");
        for code in codes.split(',') {
            out.push((code.trim_end_matches(':').to_string(), target));
        }
    }
    out
}

#[test]
fn catalog_parses_and_every_rule_is_documented() {
    let cat = catalog();
    assert!(cat.errors.is_empty(), "catalog errors: {:?}", cat.errors);
    assert!(caulk::rules::undocumented().is_empty(), "rules without a catalog entry");
    for r in &cat.rules {
        assert!(r.file.starts_with(r.code), "{} is in {}", r.code, r.file);
        assert!(!r.summary().is_empty(), "{} has no `What it does`", r.code);
        assert!(r.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", r.name);
        assert!(["none", "safe", "unsafe", "display-only"].contains(&r.fix), "{}: fix {}", r.code, r.fix);
        for section in ["## What it does", "## Why is this bad?"] {
            assert!(r.body.contains(section), "{} lacks {section}", r.code);
        }
        if !r.code.starts_with('E') {
            assert!(caulk::rules::domain_formats(r.domain).is_some(), "{}: unknown domain {}", r.code, r.domain);
        }
        let has_impl = caulk::rules::registry().iter().any(|x| x.doc.code == r.code)
            || caulk::rules::project::PROJECT_RULES.iter().any(|p| p.code() == r.code);
        assert!(has_impl || r.code.starts_with('E'), "{} documented but not implemented", r.code);
    }
    // Codes, names within a domain, and aliases are unambiguous.
    let mut keys = std::collections::HashMap::new();
    for r in &cat.rules {
        for k in std::iter::once(r.code.to_string()).chain(r.aliases.iter().map(|a| a.to_string())) {
            if let Some(other) = keys.insert(k.to_ascii_lowercase(), r.code) {
                panic!("`{k}` names both {other} and {}", r.code);
            }
        }
    }
}

#[test]
fn examples_behave_as_documented() {
    let mut checked = 0;
    for rule in &catalog().rules {
        let config = match rule.example_config() {
            Some(toml) => common::all_rules_with(toml),
            None => common::all_rules(),
        };
        let first_bad = rule.examples().iter().find(|e| e.kind == ExampleKind::Bad);
        for (n, ex) in rule.examples().iter().enumerate() {
            // The example's file, linted with the other files it spans (`part` fences).
            let mut files: Vec<caulk::SourceFile> =
                ex.parts.iter().map(|(name, text)| caulk::SourceFile::new(name, text.as_str())).collect();
            files.push(caulk::SourceFile::new(&ex.filename, ex.text.as_str()));
            let all = caulk::lint(&files, &config).diagnostics;
            let diags: Vec<_> = all.into_iter().filter(|d| *d.path == *ex.filename).collect();
            let idx = LineIndex::new(&ex.text);
            let mut found: Vec<(String, usize)> = diags
                .iter()
                .filter(|d| d.code == rule.code)
                .map(|d| (d.code.to_string(), idx.line_of(d.span.start)))
                .collect();
            found.sort();
            match ex.kind {
                ExampleKind::Bad => {
                    let mut want: Vec<_> = markers(&ex.text).into_iter().filter(|(c, _)| c == rule.code).collect();
                    want.sort();
                    assert!(!want.is_empty(), "{} bad example {n} has no `# ^ {}` marker", rule.code, rule.code);
                    assert_eq!(found, want, "{} bad example {n}:\n{}\n{diags:#?}", rule.code, ex.text);
                    // The snapshot shows this rule's findings only, so other rules do not churn it.
                    let own: Vec<_> = diags.iter().filter(|d| d.code == rule.code).cloned().collect();
                    let human = common::render(Format::Human, &[(&ex.filename, &ex.text)], &own, 1);
                    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
                        insta::assert_snapshot!(format!("{}-example-{n}", rule.code), human);
                    });
                }
                ExampleKind::Good => {
                    assert!(found.is_empty(), "{} good example {n} fires:\n{}\n{diags:#?}", rule.code, ex.text)
                }
                ExampleKind::Fixed => {
                    let bad = first_bad.expect("a fixed example needs a bad one");
                    let (fixed, _) = fix_to_fixpoint(rule.code, &bad.filename, &bad.text, &config);
                    assert_eq!(fixed, ex.text, "{}: --fix output differs from the fixed example", rule.code);
                    // Fixing again changes nothing.
                    assert_eq!(
                        fix_to_fixpoint(rule.code, &bad.filename, &fixed, &config).1,
                        0,
                        "{}: fix not idempotent",
                        rule.code
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} examples ran");
}

/// What `--fix --unsafe-fixes` writes with the fixes of rule `code` only, so that a fixed example
/// documents its own rule's edit.
fn fix_to_fixpoint(code: &str, name: &str, text: &str, config: &caulk::Config) -> (String, usize) {
    let mut text = text.to_string();
    let mut total = 0;
    for _ in 0..10 {
        let diags = common::lint_one(name, &text, config);
        let refs: Vec<_> = diags.iter().filter(|d| d.code == code).collect();
        let (next, n) = fix::apply(&text, &refs, Mode::Unsafe);
        if n == 0 {
            break;
        }
        total += n;
        text = next;
    }
    (text, total)
}

#[test]
fn marker_parsing() {
    let text = "a\n  # ^ X1\nb\n# ^ Y2: note\n# ^ Z3\n";
    assert_eq!(markers(text), vec![("X1".into(), 0), ("Y2".into(), 2), ("Z3".into(), 2)]);
}
