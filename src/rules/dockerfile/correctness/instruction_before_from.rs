//! DF727: an instruction other than `ARG` before the first `FROM`.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct InstructionBeforeFrom;

impl Rule for InstructionBeforeFrom {
    fn code(&self) -> &'static str {
        "DF727"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let first_from = file.stages.first().map(|s| s.from.keyword);
        for instr in file.ast.instructions.iter().take_while(|i| i.kind != InstructionKind::From) {
            if instr.kind == InstructionKind::Arg {
                continue;
            }
            let kind = instr.kind;
            let mut d = cx
                .diag(instr.keyword, format!("`{kind}` before the first `FROM`: there is no stage for it to run in"))
                .with_help(
                    "start the Dockerfile with `FROM` (only `ARG`, comments and parser directives may come before \
                     it) and move this instruction into a stage",
                );
            if let Some(from) = first_from {
                d = d.with_label(from, "the first stage starts here");
            }
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans;

    #[test]
    fn only_args_may_precede_from() {
        let src =
            "# syntax=docker/dockerfile:1\n# comment\nARG BASE=alpine\nENV A=1\nLABEL x=y\nFROM $BASE\nRUN true\n";
        assert_eq!(spans("DF727", src), ["ENV", "LABEL"]);
    }
}
