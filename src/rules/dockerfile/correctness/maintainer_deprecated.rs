//! DF705: the deprecated `MAINTAINER` instruction.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::dockerfile::InstructionKind;

pub struct MaintainerDeprecated;

/// The OCI annotation that replaces `MAINTAINER`.
const AUTHORS: &str = "org.opencontainers.image.authors";

impl Rule for MaintainerDeprecated {
    fn code(&self) -> &'static str {
        "DF705"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for instr in file.ast.instructions.iter().filter(|i| i.kind == InstructionKind::Maintainer) {
            let Some(text) = instr.args.shell().filter(|t| !t.text.is_empty()) else { continue };
            let author = text.text.as_str();
            let label = format!("LABEL {AUTHORS}={}", quoted(author, file.ast.escape));
            let mut d = cx
                .diag(instr.keyword, format!("`MAINTAINER {author}` is deprecated"))
                .with_help(format!("use the OCI label instead: `{label}`"));
            // A continued MAINTAINER may hold comment lines that a one-line rewrite would drop.
            let whole = Span::new(instr.keyword.start, text.span.end);
            if !whole.slice(cx.src).contains('\n') {
                d = d.with_fix(Fix {
                    message: format!("replace with `LABEL {AUTHORS}`"),
                    applicability: Applicability::Safe,
                    edits: vec![Edit { span: whole, replacement: label }],
                });
            }
            cx.emit(d);
        }
    }
}

/// `value` as a double-quoted Dockerfile word that reads back literally: LABEL expands variables
/// and processes escapes inside double quotes, MAINTAINER does neither.
fn quoted(value: &str, escape: char) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '$' || c == escape {
            out.push(escape);
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::fixed;
    use crate::syntax::dockerfile::parse;

    #[test]
    fn fix_keeps_the_value_literal() {
        let src = "FROM alpine\nMAINTAINER Jane \"JD\" Doe <jane@example.com> $5\n";
        let out = fixed("DF705", src);
        assert_eq!(
            out,
            "FROM alpine\nLABEL org.opencontainers.image.authors=\"Jane \\\"JD\\\" Doe <jane@example.com> \\$5\"\n"
        );
        // The label reads back as the original text.
        let ast = parse(&out);
        let kv = ast.instructions[1].key_values(ast.escape);
        assert_eq!(kv[0].value.as_ref().map(|v| v.text.as_str()), Some("Jane \"JD\" Doe <jane@example.com> $5"));
    }

    #[test]
    fn fix_uses_the_file_escape_char() {
        let src = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nMAINTAINER C:\\Users\\me\n";
        assert!(fixed("DF705", src).ends_with("LABEL org.opencontainers.image.authors=\"C:\\Users\\me\"\n"));
    }
}
