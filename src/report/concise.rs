//! One line per diagnostic: `path:line:col: CODE [severity] message`, then the summary line.

use std::io::{self, Write};

use super::{Files, Report, Style, paint, severity_style, write_footer};

pub(super) fn render(report: &Report, files: &Files, out: &mut dyn Write) -> io::Result<()> {
    let color = report.color;
    for d in report.diagnostics {
        let start = files.position(&d.path, d.span.start);
        let location = format!("{}:{}:{}:", d.path, start.line, start.column);
        writeln!(
            out,
            "{} {} [{}] {}",
            paint(color, Style::Bold, &location),
            paint(color, severity_style(d.severity), d.code),
            d.severity.as_str(),
            d.message
        )?;
    }
    write_footer(report, out)
}
