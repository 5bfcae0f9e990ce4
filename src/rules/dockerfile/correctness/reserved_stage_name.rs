//! DF712: a stage named `scratch` or `context`, names BuildKit reserves.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct ReservedStageName;

impl Rule for ReservedStageName {
    fn code(&self) -> &'static str {
        "DF712"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            let Some(name) = stage.name.as_deref().filter(|n| matches!(*n, "scratch" | "context")) else { continue };
            let Some((_, word)) = super::stage_alias(file, stage) else { continue };
            let meaning = if name == "scratch" {
                "`FROM scratch` means the empty image"
            } else {
                "`context` is the name BuildKit gives the build context"
            };
            let d = cx.diag(word.span, format!("stage name `{}` is reserved: {meaning}", word.text)).with_help(
                "choose another name, e.g. `base` or `build`, and update the `--from=` and `FROM` that use it",
            );
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans;

    #[test]
    fn reserved_names_in_any_case() {
        let src = "FROM alpine AS Scratch\nFROM alpine AS context\nFROM scratch\nFROM scratch AS scratchpad\n";
        assert_eq!(spans("DF712", src), ["Scratch", "context"]);
    }
}
