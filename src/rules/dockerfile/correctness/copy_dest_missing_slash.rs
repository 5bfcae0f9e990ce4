//! DF708: `COPY`/`ADD` of several sources to a destination that does not end with `/`.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::model::vars;
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::dockerfile::InstructionKind;

pub struct CopyDestMissingSlash;

impl Rule for CopyDestMissingSlash {
    fn code(&self) -> &'static str {
        "DF708"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            for (at, instr) in stage.instructions.iter().enumerate() {
                if !matches!(instr.kind, InstructionKind::Copy | InstructionKind::Add) {
                    continue;
                }
                // Heredoc markers (`<<EOF`) are among the words: each is a source.
                let words = instr.words(file.ast.escape);
                let Some((dest, sources)) = words.split_last() else { continue };
                if sources.len() < 2 {
                    continue;
                }
                let path = match super::resolve(file, stage, at, &dest.text) {
                    Some(path) => path,
                    // The variable's value may end with `/`.
                    None if vars::has_interpolation(&dest.text, false) => continue,
                    None => dest.text.clone(),
                };
                if path.is_empty() || path.ends_with(['/', '\\']) {
                    continue;
                }
                let kind = instr.kind;
                let mut d = cx
                    .diag(
                        dest.span,
                        format!("`{kind}` of {} sources to `{path}`, which does not end with `/`", sources.len()),
                    )
                    .with_help(format!(
                        "end the destination with `/` (`{path}/`): with several sources it must be a directory; the \
                         classic builder refuses the copy, and BuildKit may overwrite a file instead"
                    ));
                if let Some(at) = slash_position(cx.src, dest.span, file.ast.escape) {
                    d = d.with_fix(Fix {
                        message: format!("append `/` to `{path}`"),
                        applicability: Applicability::Safe,
                        edits: vec![Edit { span: Span::point(at), replacement: "/".into() }],
                    });
                }
                cx.emit(d);
            }
        }
    }
}

/// Where a `/` goes at the end of a raw word: before its closing quote when it ends quoted
/// (`"/app"`, JSON strings too); `None` when the word ends with an escaped quote.
fn slash_position(src: &str, word: Span, escape: char) -> Option<usize> {
    let raw = word.slice(src);
    let Some(body) = raw.strip_suffix(['"', '\'']) else { return Some(word.end) };
    (!body.ends_with(escape) && !body.ends_with('\\') && !body.is_empty()).then_some(word.end - 1)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed, spans};

    #[test]
    fn counts_heredocs_and_skips_variables() {
        let src = "FROM alpine\nCOPY a b /dst\nCOPY a /single\nCOPY <<EOF <<EOT /etc/conf\nx\nEOF\ny\nEOT\n\
                   COPY --from=build a b ./\nCOPY a b $DEST\nARG OUT=/out\nCOPY a b ${OUT}\nCOPY a b ${OUT}/\n";
        assert_eq!(spans("DF708", src), ["/dst", "/etc/conf", "${OUT}"]);
    }

    #[test]
    fn fix_goes_inside_quotes() {
        let src = "FROM alpine\nCOPY a b \"/my dir\"\nCOPY [\"a\", \"b\", \"/x\"]\nADD a b .\n";
        let want = "FROM alpine\nCOPY a b \"/my dir/\"\nCOPY [\"a\", \"b\", \"/x/\"]\nADD a b ./\n";
        assert_eq!(fixed("DF708", src), want);
    }
}
