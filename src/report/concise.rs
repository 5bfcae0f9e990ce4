//! One line per diagnostic: `path:line:col: CODE [severity] message`, then the summary line. A
//! finding placed on its Helm template is given at the template's line, followed by
//! `(rendered at out.yaml:line:col)`.

use std::io::{self, Write};

use super::{Files, Report, Style, paint, placed, primary, severity_style, write_footer};

pub(super) fn render(report: &Report, files: &Files, out: &mut dyn Write) -> io::Result<()> {
    let color = report.color;
    for d in report.diagnostics {
        let (path, span) = primary(d);
        let start = files.position(path, span.start);
        let location = format!("{}:{}:{}:", path, start.line, start.column);
        let rendered = match placed(d) {
            Some(_) => {
                let at = files.position(&d.path, d.span.start);
                format!(" (rendered at {}:{}:{})", d.path, at.line, at.column)
            }
            None => String::new(),
        };
        writeln!(
            out,
            "{} {} [{}] {}{rendered}",
            paint(color, Style::Bold, &location),
            paint(color, severity_style(d.severity), d.code),
            d.severity.as_str(),
            d.message
        )?;
    }
    write_footer(report, out)
}
