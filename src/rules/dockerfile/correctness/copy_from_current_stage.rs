//! DF710: `COPY --from` naming the stage the instruction is in.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

use super::FromTarget;

pub struct CopyFromCurrentStage;

impl Rule for CopyFromCurrentStage {
    fn code(&self) -> &'static str {
        "DF710"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let names = super::stage_names(file);
        for (stage, value, span) in super::copy_from_flags(file) {
            if super::from_target(file, &names, stage.index, value) != FromTarget::Current {
                continue;
            }
            let name_span = super::stage_alias(file, stage).map_or(stage.from.keyword, |(_, name)| name.span);
            let d = cx
                .diag(span, format!("`COPY --from={value}` copies from the stage it is in"))
                .with_label(name_span, "the current stage")
                .with_help(
                    "a stage cannot copy from itself (the build fails with a circular dependency): copy from an \
                     earlier stage, or from the build context without `--from`",
                );
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans;

    #[test]
    fn by_name_and_by_index() {
        let src = "FROM alpine AS base\nCOPY --from=base /a /a\nCOPY --from=0 /a /a\n\
                   FROM base AS app\nCOPY --from=base /a /a\nCOPY --from=App /a /a\nCOPY --from=1 /a /a\n";
        assert_eq!(spans("DF710", src), ["base", "0", "App", "1"]);
    }
}
