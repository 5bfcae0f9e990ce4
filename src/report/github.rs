//! GitHub Actions workflow commands, one per diagnostic:
//! `::error file=P,line=L,col=C,endLine=L,endColumn=C,title=CODE name::message`.
//! Severity `warning` becomes `::warning`, `info` becomes `::notice`. The help text, when there is
//! one, follows the message on a second line of the annotation. A finding placed on its Helm
//! template is annotated on the template's line (the file in the repository), with the rendered
//! place on a last line.

use std::io::{self, Write};

use crate::diagnostic::Severity;

use super::{Files, Report, normalize_path, primary, rendered_notes};

/// Escapes a command's data (the part after `::`).
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a command property value (`file=`, `title=`, ...).
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn render(report: &Report, files: &Files, out: &mut dyn Write) -> io::Result<()> {
    for d in report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let (path, span) = primary(d);
        let (start, end) = files.range(path, span);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        for line in rendered_notes(d, files) {
            message.push('\n');
            message.push_str(&line);
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&normalize_path(path)),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} {}", d.code, d.name)),
            escape_data(&message)
        )?;
    }
    Ok(())
}
