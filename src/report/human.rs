//! Code frames for people: a header line per diagnostic, a miette frame with the labels, the help
//! and notes (fix available, Helm template), then the optional statistics and the summary line.
//!
//! ```text
//! Dockerfile:3:6 DF101 run-as-root [error]
//!   × The final stage runs as root
//!    ╭─[Dockerfile]
//!  2 │ RUN make
//!  3 │ USER root
//!    ·      ──┬─
//!    ·        ╰── The final stage runs as root
//!    ╰────
//!   help: Switch to a non-root user
//!   note: fix available (unsafe): Use USER 10001
//! ```
//!
//! A finding placed on its Helm template is shown there: the header and the frame are the
//! template's line, and a note gives the rendered place (`rendered at out.yaml:14:13
//! (spec.template.spec.containers[0].securityContext.privileged)`), its labels as
//! `out.yaml:line:col: message` notes.
//!
//! The secret values findings name (`Diagnostic::secret`) are masked in every frame of their file,
//! so that a terminal log never shows them. A label that would overlap another underline on the same line
//! (miette cannot draw nested labels) is listed as a `note: line:col: message` instead.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode, SourceSpan};
use rayon::prelude::*;

use crate::diagnostic::{Applicability, Diagnostic, Label, Severity};
use crate::span::Span;

use super::{FileText, Files, Report, Style, paint, placed, primary, rendered_notes, severity_style, write_footer};

/// The view of one diagnostic that miette renders.
struct Frame {
    message: String,
    severity: miette::Severity,
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
}

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Frame").field("message", &self.message).finish_non_exhaustive()
    }
}

impl fmt::Display for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Frame {}

impl miette::Diagnostic for Frame {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() { None } else { Some(Box::new(self.labels.iter().cloned())) }
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn source_span(span: Span) -> SourceSpan {
    SourceSpan::from((span.start, span.len()))
}

/// `file`'s text with the primary span of every secret finding in it masked. One `*` per byte
/// keeps every offset, and so every label, where it was.
fn masked_text(file: &FileText, secrets: impl Iterator<Item = Span>) -> Arc<str> {
    let mut bytes = file.text.as_bytes().to_vec();
    let mut changed = false;
    for span in secrets {
        let span = file.clamp(span);
        let Some(secret) = file.text.get(span.start..span.end) else { continue };
        for (i, c) in secret.char_indices() {
            if !c.is_whitespace() {
                let at = span.start + i;
                if let Some(slot) = bytes.get_mut(at..at + c.len_utf8()) {
                    slot.fill(b'*');
                    changed = true;
                }
            }
        }
    }
    if !changed {
        return file.text.clone();
    }
    // Whole characters were replaced by ASCII, so the bytes stay UTF-8.
    match String::from_utf8(bytes) {
        Ok(text) => Arc::from(text),
        Err(_) => file.text.clone(),
    }
}

/// The span miette underlines: inside the text, and an empty span at the very end of a file that
/// ends with a newline moved onto that newline, since miette draws no line after it.
fn frame_span(file: &FileText, span: Span) -> Span {
    let span = file.clamp(span);
    let text = &file.text;
    if span.is_empty() && span.start == text.len() && text.ends_with('\n') {
        let at = text.len() - if text.ends_with("\r\n") { 2 } else { 1 };
        return Span::point(at);
    }
    span
}

/// The 0-based line of a span's first and last character.
fn lines(file: &FileText, span: Span) -> (usize, usize) {
    let last = if span.is_empty() { span.start } else { span.end - 1 };
    (file.index.line_of(span.start), file.index.line_of(last))
}

/// Whether two underlines on one line would collide; miette cannot draw nested labels on a line.
fn collide(file: &FileText, a: Span, b: Span) -> bool {
    let (a_first, a_last) = lines(file, a);
    let (b_first, b_last) = lines(file, b);
    if a_first != a_last || b_first != b_last || a_first != b_first {
        return false;
    }
    // An empty span is drawn one column wide.
    let width = |s: Span| Span::new(s.start, s.end.max(s.start + 1));
    let (a, b) = (width(a), width(b));
    a.start < b.end && b.start < a.end
}

/// A frame of `span` in `path` with `labels` (of the same file), and the labels that could not
/// be drawn in it (as `line:col: message`).
fn frame(
    d: &Diagnostic,
    path: &str,
    span: Span,
    labels: &[Label],
    file: Option<(&FileText, Arc<str>)>,
) -> (Frame, Vec<String>) {
    let mut source = None;
    let mut drawn_labels = Vec::new();
    let mut overflow = Vec::new();
    if let Some((file, text)) = file {
        let primary = frame_span(file, span);
        source = Some(NamedSource::new(path, text));
        drawn_labels.push(LabeledSpan::new_primary_with_span(None, source_span(primary)));
        let mut drawn = vec![primary];
        for label in labels {
            let span = frame_span(file, label.span);
            if drawn.iter().any(|&other| collide(file, span, other)) {
                let at = file.position(label.span.start);
                overflow.push(format!("{}:{}: {}", at.line, at.column, label.message));
            } else {
                drawn.push(span);
                drawn_labels.push(LabeledSpan::new_with_span(Some(label.message.clone()), source_span(span)));
            }
        }
    } else {
        for label in labels {
            overflow.push(label.message.clone());
        }
    }
    let frame = Frame {
        message: d.message.clone(),
        severity: miette_severity(d.severity),
        source,
        labels: drawn_labels,
        help: d.help.clone(),
    };
    (frame, overflow)
}

fn notes(d: &Diagnostic, files: &Files) -> Vec<String> {
    let mut notes = Vec::new();
    // The labels of a finding shown on its template are places in the rendered stream.
    if placed(d).is_some() {
        for label in &d.labels {
            let at = files.position(&d.path, label.span.start);
            notes.push(format!("{}:{}:{}: {}", d.path, at.line, at.column, label.message));
        }
    }
    if let Some(fix) = &d.fix {
        notes.push(match fix.applicability {
            Applicability::Safe => format!("fix available (safe): {}", fix.message),
            Applicability::Unsafe => format!("fix available (unsafe, with --unsafe-fixes): {}", fix.message),
            Applicability::DisplayOnly => format!("suggested fix (apply by hand): {}", fix.message),
        });
    }
    match &d.source {
        Some(_) if placed(d).is_some() => notes.extend(rendered_notes(d, files)),
        Some(source) => {
            let mut note = format!("rendered from template {}", source.template);
            if !source.key_path.is_empty() {
                note.push_str(&format!(" ({})", source.key_path));
            }
            if let Some(hook) = &source.hook {
                note.push_str(&format!(", a `{hook}` hook"));
            }
            notes.push(note);
        }
        None => {}
    }
    notes
}

pub(super) fn render(report: &Report, files: &Files, out: &mut dyn Write) -> io::Result<()> {
    let color = report.color;
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).without_primary_span_start().with_width(100);
    // Secret values are masked in the stream and, for findings placed on a template, in the
    // value on the template's line when it is written there (not an action).
    let mut secrets: HashMap<&str, Vec<Span>> = HashMap::new();
    for d in report.diagnostics {
        if let Some(span) = d.secret {
            secrets.entry(&d.path).or_default().push(span);
            if let Some(at) = placed(d) {
                let template = files.get(&at.path);
                let literal = |v: &Span| template.as_ref().is_some_and(|t| !v.slice(&t.text).contains("{{"));
                secrets.entry(&at.path).or_default().extend(at.value.filter(literal));
            }
        }
    }
    // Each file's masked text, made once; then every finding is drawn on its own thread (a
    // frame is most of a large report's time) and written in order.
    let mut masked: HashMap<&Arc<str>, Arc<str>> = HashMap::new();
    for d in report.diagnostics {
        let (path, _) = primary(d);
        if !masked.contains_key(path)
            && let Some(file) = files.get(path).filter(|f| !f.text.is_empty())
        {
            let spans = secrets.get(path.as_ref()).map_or(&[][..], Vec::as_slice);
            masked.insert(path, masked_text(&file, spans.iter().copied()));
        }
    }
    let blocks: Vec<Vec<u8>> = report
        .diagnostics
        .par_iter()
        .map(|d| {
            let mut block = Vec::new();
            finding(&mut block, d, files, &masked, &handler, color)?;
            Ok(block)
        })
        .collect::<io::Result<_>>()?;
    blocks.iter().try_for_each(|b| out.write_all(b))?;
    write_footer(report, out)
}

/// One finding: its header line, its frame and its notes.
fn finding(
    out: &mut Vec<u8>,
    d: &Diagnostic,
    files: &Files,
    masked: &HashMap<&Arc<str>, Arc<str>>,
    handler: &GraphicalReportHandler,
    color: bool,
) -> io::Result<()> {
    let (path, span) = primary(d);
    let labels: &[Label] = if placed(d).is_some() { &[] } else { &d.labels };
    let start = files.position(path, span.start);
    let location = format!("{}:{}:{}", path, start.line, start.column);
    writeln!(
        out,
        "{} {} {} [{}]",
        paint(color, Style::Bold, &location),
        paint(color, severity_style(d.severity), d.code),
        paint(color, Style::Bold, d.name),
        paint(color, severity_style(d.severity), d.severity.as_str())
    )?;
    let file = files.get(path);
    let with_text = file.as_deref().zip(masked.get(path).cloned());
    let (frame_with_code, mut overflow) = frame(d, path, span, labels, with_text);
    let mut text = String::new();
    if handler.render_report(&mut text, &frame_with_code).is_err() {
        // A frame that cannot be drawn must not lose the finding: retry without the code.
        text.clear();
        let (bare, bare_overflow) = frame(d, path, span, labels, None);
        overflow = bare_overflow;
        handler.render_report(&mut text, &bare).map_err(|_| io::Error::other("cannot render a diagnostic"))?;
    }
    out.write_all(text.trim_end_matches('\n').as_bytes())?;
    writeln!(out)?;
    let note = paint(color, Style::Help, "note:");
    for label in overflow {
        writeln!(out, "  {note} {label}")?;
    }
    for n in notes(d, files) {
        writeln!(out, "  {note} {n}")?;
    }
    writeln!(out)
}
