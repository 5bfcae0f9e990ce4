//! DF101: the final stage runs as root.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::{DockerfileModel, RunUser, Stage};
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::dockerfile::InstructionKind;

pub struct RunAsRoot;

/// The unprivileged user the fix switches to: above every distribution's system range.
const FIX_USER: &str = "10001";

impl Rule for RunAsRoot {
    fn code(&self) -> &'static str {
        "DF101"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let Some(stage) = file.final_stage() else { return };
        match file.run_user(stage) {
            RunUser::Root(instr, stage_index) => {
                let value = instr.words(file.ast.escape).into_iter().next();
                let span = value.as_ref().map_or(instr.span, |w| w.span);
                let mut d = cx.diag(instr.span, "the final stage runs as root: the last `USER` is root").with_help(
                    format!("switch to an unprivileged user, e.g. `USER {FIX_USER}`, after the steps that need root"),
                );
                // A root USER inherited from an earlier stage is fixed there, by hand.
                if stage_index == stage.index {
                    d = d.with_fix(Fix {
                        message: format!("run as UID {FIX_USER}"),
                        applicability: Applicability::Unsafe,
                        edits: vec![Edit { span: user_name_span(cx.src, span), replacement: FIX_USER.into() }],
                    });
                }
                cx.emit(d);
            }
            RunUser::Missing if !nonroot_base(stage) => {
                let base = stage.base.as_deref().unwrap_or("its base image");
                let message = format!(
                    "the final stage has no `USER`: the container runs as `{base}`'s user, which is root unless that image sets one"
                );
                let mut d = cx
                    .diag(stage.from.span, message)
                    .with_help(format!("add `USER {FIX_USER}` (an unprivileged UID) before `CMD`/`ENTRYPOINT`"));
                if let Some(edit) = insert_user(cx.src, stage, file.ast.escape) {
                    d = d.with_fix(Fix {
                        message: format!("add `USER {FIX_USER}`"),
                        applicability: Applicability::Unsafe,
                        edits: vec![edit],
                    });
                }
                cx.emit(d);
            }
            _ => {}
        }
    }
}

/// Images built to run unprivileged (`distroless/...:nonroot`, `*-nonroot`) set their own user.
fn nonroot_base(stage: &Stage<'_>) -> bool {
    stage.base.as_deref().is_some_and(|b| b.contains("nonroot") || b.contains("non-root"))
}

/// Only the user part of `root:group` is replaced.
fn user_name_span(src: &str, word: Span) -> Span {
    let text = word.slice(src);
    Span::new(word.start, word.start + text.find(':').unwrap_or(text.len()))
}

/// Insert `USER` on its own line before the first CMD/ENTRYPOINT of the stage, else at its end.
/// `None` when the stage ends in a continuation or an unterminated heredoc that runs into the end
/// of the file: a line added there would join the last instruction.
fn insert_user(src: &str, stage: &Stage<'_>, escape: char) -> Option<Edit> {
    let before =
        stage.instructions.iter().find(|i| matches!(i.kind, InstructionKind::Cmd | InstructionKind::Entrypoint));
    let newline = if src.contains("\r\n") { "\r\n" } else { "\n" };
    match before {
        Some(i) => {
            let line_start = src.get(..i.span.start).and_then(|s| s.rfind('\n')).map_or(0, |n| n + 1);
            let indent = src.get(line_start..i.span.start).unwrap_or("");
            Some(Edit { span: Span::point(line_start), replacement: format!("{indent}USER {FIX_USER}{newline}") })
        }
        None => {
            let last = stage.instructions.last();
            if last.is_some_and(|i| i.heredocs.iter().any(|h| h.terminator.is_none())) {
                return None;
            }
            let end = last.map_or(stage.from.span.end, |i| i.span.end);
            let last_line = src.get(..end).and_then(|s| s.lines().last()).unwrap_or("");
            if last_line.trim_end().ends_with(escape) {
                return None;
            }
            let line_end = src.get(end..).and_then(|s| s.find('\n')).map_or(src.len(), |n| end + n + 1);
            let lead = if line_end == src.len() && !src.ends_with('\n') { newline } else { "" };
            Some(Edit { span: Span::point(line_end), replacement: format!("{lead}USER {FIX_USER}{newline}") })
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{diagnostics, fixed};

    #[test]
    fn no_user_line_is_added_into_a_dangling_continuation_or_heredoc() {
        let src = "FROM alpine:3.20\nENV A=1 \\\n    # a comment\n";
        assert_eq!(diagnostics("DF101", src).len(), 1);
        assert_eq!(fixed("DF101", src), src);
        let open_heredoc = "FROM alpine:3.20\nRUN cat <<EOF\nno terminator\n";
        assert_eq!(fixed("DF101", open_heredoc), open_heredoc);
        assert_eq!(fixed("DF101", "FROM alpine:3.20\nENV A=1\n"), "FROM alpine:3.20\nENV A=1\nUSER 10001\n");
    }
}
