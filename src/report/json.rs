//! `--output-format json`: one pretty-printed JSON object. **This schema is a stable public
//! contract**: fields may be added in a later `version`, never renamed or removed within one.
//!
//! ```text
//! {
//!   "version": 1,
//!   "diagnostics": [
//!     {
//!       "code": "DF101",                      // rule code (E0xx for parse and input errors)
//!       "name": "run-as-root",                // rule name (kebab-case)
//!       "severity": "error",                  // "error" | "warning" | "info"
//!       "path": "app/Dockerfile",             // as given on the command line or discovered
//!       "start": { "line": 3, "column": 1, "offset": 42 },
//!       "end":   { "line": 3, "column": 10, "offset": 51 },
//!       "message": "...",
//!       "help": "..." | null,
//!       "labels": [ { "start": {...}, "end": {...}, "message": "..." } ],
//!       "fix": null | {
//!         "message": "...",
//!         "applicability": "safe" | "unsafe" | "display-only",
//!         "edits": [ { "start": {...}, "end": {...}, "replacement": "..." } ]
//!       },
//!       "source": null | {
//!         "template": "mychart/templates/deployment.yaml",   // as the `# Source:` line names it
//!         "document": 0,                  // which document rendered from that template
//!         "hook": null | "pre-install",   // the document's `helm.sh/hook`
//!         "key_path": "spec.template.spec.containers[0].securityContext.privileged",
//!         "location": null | {            // the template line, when the chart is known
//!           "path": "charts/mychart/templates/deployment.yaml",
//!           "start": {...}, "end": {...},
//!           "key_path": "spec.template.spec.containers[0].securityContext",
//!           "exact": false                // false: only this ancestor is written there
//!         }
//!       }
//!     }
//!   ],
//!   "summary": {
//!     "files": 4,
//!     "findings": { "error": 2, "warning": 1, "info": 0 },
//!     "parse_errors": 0,
//!     "fixable": 1
//!   }
//! }
//! ```
//!
//! Positions: `line` and `column` are 1-based, `column` counts Unicode scalar values, `offset` is
//! the byte offset into the file; `end` is exclusive (the position just after the last character).
//! `diagnostics` are sorted by path, then position. `source` names the Helm template a rendered
//! document came from; `path`, `start` and `end` stay the place in the rendered stream (where
//! `fix` edits apply) and `source.location` is the template line the finding was placed on.
//! `summary.fixable` counts findings that `--fix` would fix.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::span::Position;

use super::{Files, Report, pretty_json};

/// The value of the top-level `version` key.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    path: &'a str,
    start: Position,
    end: Position,
    message: &'a str,
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
    fix: Option<JsonFix<'a>>,
    source: Option<JsonSource<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    start: Position,
    end: Position,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: Position,
    end: Position,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    template: &'a str,
    document: usize,
    hook: Option<&'a str>,
    key_path: String,
    location: Option<JsonTemplateLocation<'a>>,
}

#[derive(Serialize)]
struct JsonTemplateLocation<'a> {
    path: &'a str,
    start: Position,
    end: Position,
    key_path: String,
    exact: bool,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    findings: JsonFindings,
    parse_errors: usize,
    fixable: usize,
}

#[derive(Serialize)]
struct JsonFindings {
    error: usize,
    warning: usize,
    info: usize,
}

fn diagnostic<'a>(d: &'a Diagnostic, files: &Files) -> JsonDiagnostic<'a> {
    let (start, end) = files.range(&d.path, d.span);
    JsonDiagnostic {
        code: d.code,
        name: d.name,
        severity: d.severity,
        path: &d.path,
        start,
        end,
        message: &d.message,
        help: d.help.as_deref(),
        labels: d
            .labels
            .iter()
            .map(|l| {
                let (start, end) = files.range(&d.path, l.span);
                JsonLabel { start, end, message: &l.message }
            })
            .collect(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            message: &f.message,
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| {
                    let (start, end) = files.range(&d.path, e.span);
                    JsonEdit { start, end, replacement: &e.replacement }
                })
                .collect(),
        }),
        source: d.source.as_ref().map(|s| JsonSource {
            template: &s.template,
            document: s.document,
            hook: s.hook.as_deref(),
            key_path: s.key_path.to_string(),
            location: s.location.as_ref().map(|at| {
                let (start, end) = files.range(&at.path, at.span);
                JsonTemplateLocation {
                    path: &at.path,
                    start,
                    end,
                    key_path: s.key_path.prefix(at.matched).to_string(),
                    exact: at.matched == s.key_path.len(),
                }
            }),
        }),
    }
}

pub(super) fn render(report: &Report, files: &Files, out: &mut dyn Write) -> io::Result<()> {
    // The same bytes as `serde_json::to_writer_pretty(out, &document(..))`, the findings
    // converted and written in parallel.
    write!(out, "{{\n  \"version\": {SCHEMA_VERSION},\n  \"diagnostics\": ")?;
    pretty_json::write_array(out, report.diagnostics, 1, |buf, d, depth| {
        pretty_json::write_at(buf, &diagnostic(d, files), depth)
    })?;
    out.write_all(b",\n  \"summary\": ")?;
    pretty_json::write_at(&mut *out, &summary(report), 1)?;
    out.write_all(b"\n}\n")
}

fn summary(report: &Report) -> JsonSummary {
    let s = &report.summary;
    JsonSummary {
        files: s.files,
        findings: JsonFindings { error: s.errors, warning: s.warnings, info: s.infos },
        parse_errors: s.parse_errors,
        fixable: s.fixable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole document as one value, as serde_json would write it.
    #[derive(Serialize)]
    struct JsonReport<'a> {
        version: u32,
        diagnostics: Vec<JsonDiagnostic<'a>>,
        summary: JsonSummary,
    }

    #[test]
    fn the_document_is_serde_jsons_pretty_output() {
        let source = |_: &str| Some(std::sync::Arc::<str>::from("line one\nline two\n"));
        let files = Files::new(&source);
        for count in [0, 1, 40] {
            let diagnostics: Vec<Diagnostic> = (0..count)
                .map(|n| {
                    let span = crate::span::Span::new(n % 18, n % 18 + 1);
                    Diagnostic::new("DC101", "run-as-root", Severity::Warning, "a.yaml".into(), span, "m \"q\"")
                        .with_help("h")
                })
                .collect();
            let totals = super::super::Summary { files: 2, warnings: count, ..Default::default() };
            let report = Report {
                diagnostics: &diagnostics,
                source: &source,
                rules: &[],
                summary: totals,
                statistics: false,
                color: false,
                tool_version: "0",
            };
            let mut ours = Vec::new();
            render(&report, &files, &mut ours).expect("renders");
            let doc = JsonReport {
                version: SCHEMA_VERSION,
                diagnostics: diagnostics.iter().map(|d| diagnostic(d, &files)).collect(),
                summary: summary(&report),
            };
            let mut expected = serde_json::to_vec_pretty(&doc).expect("serialises");
            expected.push(b'\n');
            assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&expected));
        }
    }
}
