//! DF728: `ONBUILD` with a trigger Docker does not allow (`ONBUILD`, `FROM`, `MAINTAINER`).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct ForbiddenOnbuildTrigger;

impl Rule for ForbiddenOnbuildTrigger {
    fn code(&self) -> &'static str {
        "DF728"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for instr in file.ast.instructions.iter().filter(|i| i.kind == InstructionKind::Onbuild) {
            let Some(trigger) = instr.trigger.as_deref() else { continue };
            let why = match trigger.kind {
                InstructionKind::Onbuild => "triggers cannot be chained",
                InstructionKind::From => "a trigger cannot start a new stage",
                InstructionKind::Maintainer => "`MAINTAINER` is deprecated and never a trigger",
                _ => continue,
            };
            let kind = trigger.kind;
            let d = cx.diag(trigger.keyword, format!("`ONBUILD {kind}` is not allowed: {why}")).with_help(match kind {
                InstructionKind::Maintainer => {
                    "remove it, or set `LABEL org.opencontainers.image.authors=...` directly: the build fails \
                         on this line"
                }
                _ => "remove this trigger: the build fails on this line",
            });
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans;

    #[test]
    fn forbidden_triggers_only() {
        let src = "FROM alpine\nONBUILD RUN make\nONBUILD FROM x\nonbuild maintainer me\nONBUILD ONBUILD RUN x\n\
                   ONBUILD COPY . /src\n";
        assert_eq!(spans("DF728", src), ["FROM", "maintainer", "ONBUILD"]);
    }
}
