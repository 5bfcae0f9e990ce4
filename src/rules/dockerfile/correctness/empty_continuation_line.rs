//! DF719: a blank line inside a continued instruction (BuildKit `NoEmptyContinuation`).

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::span::Span;

pub struct EmptyContinuationLine;

impl Rule for EmptyContinuationLine {
    fn code(&self) -> &'static str {
        "DF719"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for ins in &file.ast.instructions {
            for &line in &ins.empty_continuation_lines {
                let d = cx
                    .diag(line, format!("empty line inside the continuation of this `{}`", ins.kind))
                    .with_label(ins.keyword, "the instruction continues past the empty line")
                    .with_help(
                        "remove the empty line (BuildKit will reject it in a future release); to separate parts \
                         of a long instruction, use a comment line",
                    )
                    .with_fix(Fix {
                        message: "remove the empty line".into(),
                        applicability: Applicability::Safe,
                        edits: vec![Edit { span: with_line_break(cx.src, line), replacement: String::new() }],
                    });
                cx.emit(d);
            }
        }
    }
}

/// The line and the line break that ends it.
fn with_line_break(src: &str, line: Span) -> Span {
    let rest = src.get(line.end..).unwrap_or("");
    let brk = if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with('\n') || rest.starts_with('\r')) };
    Span::new(line.start, line.end + brk)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed as test_fix, spans as test_spans};

    #[test]
    fn blank_lines_in_continuations() {
        let src = "FROM a\nRUN a \\\n\n  \t\n    && b\nRUN c\n\nRUN d\n";
        assert_eq!(test_spans("DF719", src), vec!["", "  \t"]);
        assert_eq!(test_fix("DF719", src), "FROM a\nRUN a \\\n    && b\nRUN c\n\nRUN d\n");
        let crlf = "FROM a\r\nRUN a \\\r\n\r\n  b\r\n";
        assert_eq!(test_fix("DF719", crlf), "FROM a\r\nRUN a \\\r\n  b\r\n");
        // Comment lines inside a continuation are fine.
        assert!(test_spans("DF719", "FROM a\nRUN a \\\n# note\n  b\n").is_empty());
    }
}
