//! DF711: two stages with the same name.

use std::collections::HashMap;

use crate::model::dockerfile::{DockerfileModel, Stage};
use crate::rules::{Context, Rule};

pub struct DuplicateStageName;

impl Rule for DuplicateStageName {
    fn code(&self) -> &'static str {
        "DF711"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let mut lines = super::Lines::new(cx.src);
        let mut first_of: HashMap<&str, &Stage<'_>> = HashMap::new();
        for stage in &file.stages {
            let Some(name) = stage.name.as_deref() else { continue };
            let Some(first) = first_of.get(name).copied() else {
                first_of.insert(name, stage);
                continue;
            };
            let (Some((_, word)), Some((_, first_word))) =
                (super::stage_alias(file, stage), super::stage_alias(file, first))
            else {
                continue;
            };
            let line = lines.of(first_word.span.start);
            let d = cx
                .diag(word.span, format!("stage name `{}` is already used by the stage on line {line}", word.text))
                .with_label(first_word.span, "first defined here")
                .with_help(format!(
                    "give each stage its own name: `--from={name}` and `FROM {name}` cannot tell them apart (BuildKit \
                     takes the last stage of that name for `--from`)"
                ));
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans;

    #[test]
    fn case_insensitive_and_every_repeat() {
        let src =
            "FROM alpine AS build\nFROM alpine AS test\nFROM alpine AS Build\nFROM alpine\nFROM alpine as BUILD\n";
        assert_eq!(spans("DF711", src), ["Build", "BUILD"]);
    }
}
