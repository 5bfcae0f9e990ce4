//! Output formats: human code frames, concise lines, JSON, SARIF 2.1.0 and GitHub annotations.
//!
//! Every format is a pure function of a [`Report`] written to an `io::Write`; none of them reads
//! files or the environment. File text (for code frames and line/column positions) comes from the
//! caller through [`Report::source`], and each file's [`LineIndex`] is built at most once per call
//! to [`render`].

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use crate::diagnostic::{Applicability, Diagnostic, Severity, TemplateLocation};
use crate::span::{LineIndex, Position, Span};

mod concise;
mod github;
mod human;
pub mod json;
mod pretty_json;
mod sarif;
mod statistics;

#[cfg(test)]
mod tests;

/// An output format, chosen with `--output-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

impl Format {
    /// Every accepted name, in the order `--help` lists them.
    pub const NAMES: &[&str] = &["human", "concise", "json", "sarif", "github"];

    /// Parses a format name, ignoring ASCII case.
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "human" | "full" => Some(Format::Human),
            "concise" => Some(Format::Concise),
            "json" => Some(Format::Json),
            "sarif" => Some(Format::Sarif),
            "github" => Some(Format::Github),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
        }
    }
}

/// What the report needs to know about one rule (SARIF `rules[]`).
#[derive(Clone, Debug)]
pub struct RuleInfo<'a> {
    pub code: &'a str,
    pub name: &'a str,
    /// One sentence.
    pub summary: &'a str,
    /// The whole catalog entry body, in Markdown.
    pub help_markdown: &'a str,
    pub severity: Severity,
    /// 0.0 to 10.0, as GitHub code scanning reads it.
    pub security_severity: Option<f64>,
    pub tags: Vec<&'a str>,
    pub help_uri: Option<&'a str>,
}

/// Totals for the summary line and the JSON `summary` object; computed by the caller.
#[derive(Default, Clone, Debug)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub parse_errors: usize,
    pub fixable: usize,
}

impl Summary {
    /// The totals of `diags` over `files` linted files.
    pub fn of(diags: &[Diagnostic], files: usize) -> Summary {
        let mut s = Summary { files, ..Default::default() };
        for d in diags {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
            s.parse_errors += usize::from(d.is_parse_error());
            // What plain `--fix` would apply; unsafe fixes need `--unsafe-fixes`.
            s.fixable += usize::from(is_fixable(d));
        }
        s
    }
}

/// Everything one rendering needs.
pub struct Report<'a> {
    /// Already sorted by path, then span.
    pub diagnostics: &'a [Diagnostic],
    /// The text of a file by path (for code frames and positions).
    pub source: &'a (dyn Fn(&str) -> Option<Arc<str>> + Sync),
    /// Every rule (for SARIF `rules[]`).
    pub rules: &'a [RuleInfo<'a>],
    pub summary: Summary,
    /// `--statistics`: append a per-code count table (human and concise only).
    pub statistics: bool,
    /// ANSI colour (human and concise only).
    pub color: bool,
    pub tool_version: &'a str,
}

/// Writes `report` to `out` in `format`.
pub fn render(format: Format, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let files = Files::new(report.source);
    match format {
        Format::Human => human::render(report, &files, out),
        Format::Concise => concise::render(report, &files, out),
        Format::Json => json::render(report, &files, out),
        Format::Sarif => sarif::render(report, &files, out),
        Format::Github => github::render(report, &files, out),
    }
}

/// One file's text and line index.
pub(crate) struct FileText {
    pub text: Arc<str>,
    pub index: LineIndex,
}

impl FileText {
    pub fn position(&self, offset: usize) -> Position {
        self.index.position(&self.text, offset)
    }

    /// The text of the 0-based `line`, without its line terminator.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.index.line_start(line);
        let end = if line + 1 < self.index.line_count() { self.index.line_start(line + 1) } else { self.text.len() };
        let line = self.text.get(start..end).unwrap_or("");
        line.trim_end_matches(['\n', '\r'])
    }

    /// `span` shrunk into the text and onto char boundaries.
    pub fn clamp(&self, span: Span) -> Span {
        let floor = |mut offset: usize| {
            offset = offset.min(self.text.len());
            while !self.text.is_char_boundary(offset) {
                offset -= 1;
            }
            offset
        };
        let start = floor(span.start);
        Span::new(start, floor(span.end).max(start))
    }
}

/// File texts and line indexes by path, each looked up and built at most once per render.
pub(crate) struct Files<'a> {
    source: &'a (dyn Fn(&str) -> Option<Arc<str>> + Sync),
    cache: Mutex<HashMap<Arc<str>, Option<Arc<FileText>>>>,
}

impl<'a> Files<'a> {
    pub fn new(source: &'a (dyn Fn(&str) -> Option<Arc<str>> + Sync)) -> Self {
        Files { source, cache: Mutex::new(HashMap::new()) }
    }

    pub fn get(&self, path: &Arc<str>) -> Option<Arc<FileText>> {
        // A poisoned lock only means another thread panicked while holding it; the map is
        // still whole (every insert is one call).
        let cache = || self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(hit) = cache().get(path) {
            return hit.clone();
        }
        let file = (self.source)(path).map(|text| {
            let index = LineIndex::new(&text);
            Arc::new(FileText { text, index })
        });
        cache().insert(path.clone(), file.clone());
        file
    }

    /// The 1-based position of `offset` in `path`. Without the file's text the position is
    /// line 1, column 1 with the offset kept.
    pub fn position(&self, path: &Arc<str>, offset: usize) -> Position {
        match self.get(path) {
            Some(file) => file.position(offset),
            None => Position { line: 1, column: 1, offset },
        }
    }

    pub fn range(&self, path: &Arc<str>, span: Span) -> (Position, Position) {
        (self.position(path, span.start), self.position(path, span.end))
    }
}

/// Where a finding is shown first: on its template line when it was placed on one (see
/// [`crate::model::helm::place`]), else where it is.
pub(crate) fn primary(d: &Diagnostic) -> (&Arc<str>, Span) {
    match placed(d) {
        Some(at) => (&at.path, at.span),
        None => (&d.path, d.span),
    }
}

/// The template line a finding was placed on, if any.
pub(crate) fn placed(d: &Diagnostic) -> Option<&TemplateLocation> {
    d.source.as_ref()?.location.as_ref()
}

/// What a finding placed on its template says of the rendered stream, as lines:
/// `rendered at out.yaml:14:13 (spec.containers[0].securityContext.privileged) from template
/// chart/templates/x.yaml`, and, when the template has only part of that path, which part.
pub(crate) fn rendered_notes(d: &Diagnostic, files: &Files) -> Vec<String> {
    let Some(source) = d.source.as_ref().filter(|s| s.location.is_some()) else { return Vec::new() };
    let at = files.position(&d.path, d.span.start);
    let mut line = format!("rendered at {}:{}:{}", d.path, at.line, at.column);
    if !source.key_path.is_empty() {
        line.push_str(&format!(" ({})", source.key_path));
    }
    line.push_str(&format!(" from template {}", source.template));
    if let Some(hook) = &source.hook {
        line.push_str(&format!(", a `{hook}` hook"));
    }
    let mut notes = vec![line];
    match source.nearest() {
        Some(nearest) if nearest.is_empty() => {
            notes.push("the template writes none of that path: placed on its first line".into());
        }
        Some(nearest) => notes.push(format!("the template writes `{nearest}`; the rest comes from values or helpers")),
        None => {}
    }
    notes
}

/// Whether `--fix` would apply the diagnostic's fix.
pub(crate) fn is_fixable(d: &Diagnostic) -> bool {
    d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe)
}

pub(crate) fn applicability_str(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
        Applicability::DisplayOnly => "display-only",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The closing line of the human and concise formats, e.g.
/// `Found 3 problems (2 errors, 1 warning) in 4 files; 1 fixable with --fix.`
pub fn summary_line(s: &Summary) -> String {
    let problems = s.errors + s.warnings + s.infos;
    let files = plural(s.files, "file", "files");
    let mut line = if problems == 0 {
        format!("No problems found in {files}")
    } else {
        let parts: Vec<String> =
            [(s.errors, "error", "errors"), (s.warnings, "warning", "warnings"), (s.infos, "info", "infos")]
                .into_iter()
                .filter(|(n, _, _)| *n > 0)
                .map(|(n, one, many)| plural(n, one, many))
                .collect();
        format!("Found {} ({}) in {files}", plural(problems, "problem", "problems"), parts.join(", "))
    };
    if s.parse_errors > 0 {
        line.push_str(&format!("; {}", plural(s.parse_errors, "parse error", "parse errors")));
    }
    if s.fixable > 0 {
        line.push_str(&format!("; {} fixable with --fix", s.fixable));
    }
    line.push('.');
    line
}

/// Minimal ANSI styling, applied only when colour is on.
#[derive(Clone, Copy)]
pub(crate) enum Style {
    Bold,
    Error,
    Warning,
    Info,
    Help,
}

pub(crate) fn paint(color: bool, style: Style, text: &str) -> String {
    if !color {
        return text.to_string();
    }
    let code = match style {
        Style::Bold => "1",
        Style::Error => "1;31",
        Style::Warning => "1;33",
        Style::Info => "1;36",
        Style::Help => "36",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

pub(crate) fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => Style::Error,
        Severity::Warning => Style::Warning,
        Severity::Info => Style::Info,
    }
}

/// The statistics table (when asked for) and the summary line, shared by human and concise.
pub(crate) fn write_footer(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.statistics {
        statistics::render(report.diagnostics, out)?;
    }
    writeln!(out, "{}", paint(report.color, Style::Bold, &summary_line(&report.summary)))
}

/// `path` with forward slashes and without leading `./`, as code-scanning services expect.
pub(crate) fn normalize_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped.trim_start_matches('/');
    }
    rest.to_string()
}
