//! DF715: `FROM` uses a variable that is not a global ARG (BuildKit `UndefinedArgInFrom`).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::correctness::Lines;
use crate::rules::dockerfile::correctness::var_refs::{self, PLATFORM_ARGS, SourceRef};
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::{Instruction, InstructionKind};

pub struct UndefinedArgInFrom;

impl Rule for UndefinedArgInFrom {
    fn code(&self) -> &'static str {
        "DF715"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let escape = file.ast.escape;
        let globals: Vec<&str> = file.global.names().collect();
        for stage in &file.stages {
            for r in from_refs(stage.from, cx.src, escape) {
                if file.global.get(&r.name).is_some() || PLATFORM_ARGS.contains(&r.name.as_str()) {
                    continue;
                }
                let name = &r.name;
                let hint = var_refs::suggest(name, globals.iter().copied().chain(PLATFORM_ARGS));
                let typo = hint.map(|s| format!(" (did you mean `${s}`?)")).unwrap_or_default();
                let help = match stage_arg_line(file, name) {
                    Some(line) => format!(
                        "the `ARG {name}` on line {line} is inside a stage, where `FROM` cannot see it: declare \
                         `ARG {name}` before the first `FROM`"
                    ),
                    None => format!("declare `ARG {name}=<default>` before the first `FROM`"),
                };
                let d = cx
                    .diag(r.span, format!("`${name}` in `FROM` is not a global ARG{typo}: {}", r.unset_effect(cx.src)))
                    .with_help(help);
                cx.emit(d);
            }
        }
    }
}

/// The references BuildKit expands with the global ARGs: the base image and `--platform`.
fn from_refs(from: &Instruction, src: &str, escape: char) -> Vec<SourceRef> {
    let image = from.words(escape).into_iter().next().map(|w| w.span);
    let in_image = var_refs::in_args(from, src, escape)
        .into_iter()
        .filter(|r| image.is_some_and(|w| w.start <= r.span.start && r.span.end <= w.end));
    let platform = from.flag("platform").and_then(|f| f.value_span);
    let in_platform = platform.into_iter().flat_map(|v| var_refs::in_flag_value(v, src, escape));
    in_platform.chain(in_image).collect()
}

/// The line of an `ARG name` inside a stage, the usual cause of this finding.
fn stage_arg_line(file: &DockerfileModel<'_>, name: &str) -> Option<usize> {
    let arg = file.stages.iter().flat_map(|s| s.instructions).find(|i| {
        i.kind == InstructionKind::Arg && i.key_values(file.ast.escape).iter().any(|kv| kv.key.text == name)
    })?;
    Some(Lines::new(file.src).of(arg.keyword.start))
}

#[cfg(test)]
mod tests {
    fn found(src: &str) -> Vec<String> {
        crate::rules::testing::spans("DF715", src)
    }

    #[test]
    fn undeclared_in_image_and_platform() {
        assert_eq!(found("FROM alpine:${TAG}\n"), vec!["${TAG}"]);
        assert_eq!(found("FROM --platform=$PLAT alpine\n"), vec!["$PLAT"]);
        // An ARG between stages is not global.
        assert_eq!(found("FROM alpine AS a\nARG V=1\nFROM alpine:$V\n"), vec!["$V"]);
        // A default does not make it declared: `--build-arg TAG=...` would be ignored.
        assert_eq!(found("FROM ${IMAGE:-alpine}\n"), vec!["${IMAGE:-alpine}"]);
    }

    #[test]
    fn declared_and_predefined() {
        assert!(found("ARG TAG\nFROM alpine:${TAG}\n").is_empty());
        assert!(found("ARG TAG=3\nFROM alpine:${TAG} AS base\nFROM base\n").is_empty());
        assert!(found("FROM --platform=$BUILDPLATFORM golang AS build\n").is_empty());
        assert!(found("FROM build_${TARGETARCH}\n").is_empty());
        // Not in the image word: `AS` names are not expanded.
        assert!(found("ARG A\nFROM alpine AS x\n").is_empty());
    }
}
