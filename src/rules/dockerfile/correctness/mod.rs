//! Correctness (DF7xx): instructions that do not do what they seem to, or that BuildKit warns about.
//!
//! The helpers below are shared by several rules of this family: how stages refer to each other
//! (`COPY --from`, `FROM <stage>`), what a stage inherits from the stages it is built on, and the
//! path forms Docker treats as absolute.

use std::collections::HashMap;

use crate::model::dockerfile::{DockerfileModel, ScopeRef, Stage};
use crate::model::vars;
use crate::rules::{Context, Rule};
use crate::span::{LineIndex, Span};
use crate::syntax::dockerfile::{Instruction, InstructionKind, Word};

pub mod cd_instead_of_workdir;
pub mod constant_platform;
pub mod copy_dest_missing_slash;
pub mod copy_from_current_stage;
pub mod copy_from_unknown_stage;
pub mod copy_relative_dest_without_workdir;
pub mod duplicate_stage_name;
pub mod empty_continuation_line;
pub mod env_self_reference;
pub mod forbidden_onbuild_trigger;
pub mod from_as_casing;
pub mod instruction_before_from;
pub mod instruction_casing;
pub mod invalid_expose;
pub mod invalid_label_key;
pub mod label_schema;
mod labels;
pub mod legacy_key_value_format;
pub mod maintainer_deprecated;
pub mod missing_pipefail;
pub mod multiple_cmd;
pub mod multiple_entrypoint;
pub mod multiple_healthcheck;
pub mod redundant_platform;
pub mod relative_workdir;
pub mod reserved_stage_name;
pub mod shell_form_cmd;
pub mod stage_name_casing;
pub mod undefined_arg_in_from;
pub mod undefined_variable;
mod var_refs;

pub static RULES: &[&dyn Rule] = &[
    &multiple_cmd::MultipleCmd,
    &multiple_entrypoint::MultipleEntrypoint,
    &multiple_healthcheck::MultipleHealthcheck,
    &shell_form_cmd::ShellFormCmd,
    &maintainer_deprecated::MaintainerDeprecated,
    &relative_workdir::RelativeWorkdir,
    &copy_relative_dest_without_workdir::CopyRelativeDestWithoutWorkdir,
    &copy_dest_missing_slash::CopyDestMissingSlash,
    &copy_from_unknown_stage::CopyFromUnknownStage,
    &copy_from_current_stage::CopyFromCurrentStage,
    &duplicate_stage_name::DuplicateStageName,
    &reserved_stage_name::ReservedStageName,
    &instruction_before_from::InstructionBeforeFrom,
    &forbidden_onbuild_trigger::ForbiddenOnbuildTrigger,
    &from_as_casing::FromAsCasing,
    &stage_name_casing::StageNameCasing,
    &missing_pipefail::MissingPipefail,
    &cd_instead_of_workdir::CdInsteadOfWorkdir,
    &env_self_reference::EnvSelfReference,
    &undefined_variable::UndefinedVariable,
    &undefined_arg_in_from::UndefinedArgInFrom,
    &constant_platform::ConstantPlatform,
    &redundant_platform::RedundantPlatform,
    &invalid_expose::InvalidExpose,
    &empty_continuation_line::EmptyContinuationLine,
    &instruction_casing::InstructionCasing,
    &legacy_key_value_format::LegacyKeyValueFormat,
    &invalid_label_key::InvalidLabelKey,
    &label_schema::LabelSchema,
];

/// Reports every `kind` instruction of a stage after the first, each labelled with the one it
/// replaces, which has no effect (hadolint DL4003/DL4004/DL3012 report the same lines, so their
/// `# hadolint ignore` pragmas keep working; BuildKit's `MultipleInstructionsDisallowed` points at
/// the replaced ones).
fn report_overridden(cx: &mut Context<'_>, file: &DockerfileModel<'_>, kind: InstructionKind) {
    let mut lines = Lines::new(cx.src);
    for stage in &file.stages {
        let all: Vec<&Instruction> = stage.instructions.iter().filter(|i| i.kind == kind).collect();
        for pair in all.windows(2) {
            let (earlier, later) = (pair[0], pair[1]);
            let line = lines.of(earlier.keyword.start);
            let d = cx
                .diag(
                    later.keyword,
                    format!("a second `{kind}` in the stage: the `{kind}` on line {line} has no effect"),
                )
                .with_label(earlier.keyword, format!("replaced by the `{kind}` below"))
                .with_help(format!("keep one `{kind}` per stage: remove the replaced one, or merge what it does"));
            cx.emit(d);
        }
    }
}

/// 1-based line numbers for messages that point at another instruction; the index is built on
/// first use, as most files need none.
struct Lines<'s> {
    src: &'s str,
    index: Option<LineIndex>,
}

impl<'s> Lines<'s> {
    fn new(src: &'s str) -> Self {
        Lines { src, index: None }
    }

    fn of(&mut self, offset: usize) -> usize {
        self.index.get_or_insert_with(|| LineIndex::new(self.src)).line_of(offset) + 1
    }
}

/// The earlier stage a stage is built on (`FROM <stage>`).
fn base_of(stage: &Stage<'_>) -> Option<usize> {
    stage.base_stage.filter(|&b| b < stage.index)
}

/// Per stage: whether it, or a stage it is built on, has a `kind` instruction. One pass in file
/// order, since a stage can only build on an earlier one.
fn chain_has(file: &DockerfileModel<'_>, kind: InstructionKind) -> Vec<bool> {
    let mut has: Vec<bool> = Vec::with_capacity(file.stages.len());
    for stage in &file.stages {
        let inherited = base_of(stage).and_then(|b| has.get(b).copied()).unwrap_or(false);
        has.push(inherited || stage.instructions.iter().any(|i| i.kind == kind));
    }
    has
}

/// Whether `stage` inherits what `chain` (from [`chain_has`]) records from the stages it is built on.
fn inherits(stage: &Stage<'_>, chain: &[bool]) -> bool {
    base_of(stage).and_then(|b| chain.get(b).copied()).unwrap_or(false)
}

/// Per stage: whether its `FROM <stage>` chain starts at `scratch`.
fn scratch_rooted(file: &DockerfileModel<'_>) -> Vec<bool> {
    let mut out: Vec<bool> = Vec::with_capacity(file.stages.len());
    for stage in &file.stages {
        let scratch = match base_of(stage) {
            Some(b) => out.get(b).copied().unwrap_or(false),
            None => stage.base.as_deref().is_some_and(|b| b.eq_ignore_ascii_case("scratch")),
        };
        out.push(scratch);
    }
    out
}

/// `text` with its variables expanded in the scope before `stage.instructions[at]`; `None` when a
/// variable is unknown. Text without variables skips the (linear) scope computation.
fn resolve(file: &DockerfileModel<'_>, stage: &Stage<'_>, at: usize, text: &str) -> Option<String> {
    if vars::has_interpolation(text, false) { file.scope_at(stage, at).expand(text) } else { Some(text.to_string()) }
}

/// Absolute in a Linux or a Windows image: `/app`, `\app`, `C:\app`, `c:/app`.
fn is_absolute_path(path: &str) -> bool {
    let b = path.as_bytes();
    match b {
        [b'/' | b'\\', ..] => true,
        [drive, b':', b'\\' | b'/', ..] => drive.is_ascii_alphabetic(),
        _ => false,
    }
}

/// Where a `COPY --from=<value>` points, resolved as BuildKit does: a number is a stage index, a
/// name is the last stage defined with that name (case-insensitively), anything else is an image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FromTarget {
    /// A stage defined before the current one.
    Earlier,
    /// The stage the instruction is in.
    Current,
    /// A stage defined after the current one (by index or name): the build fails.
    Later(usize),
    /// A number with no stage at that index: the build fails.
    NoSuchIndex,
    /// A plain name that is no stage: BuildKit pulls it as an image (or takes a named build
    /// context), which is rarely what the author meant.
    NoSuchStage,
    /// An image reference (it has a `/`, `:` or `@`) or a value with a variable: not judged.
    Image,
}

/// The last stage of each (lowercased) name, as BuildKit resolves `--from=<name>`.
fn stage_names<'m>(file: &'m DockerfileModel<'_>) -> HashMap<&'m str, usize> {
    file.stages.iter().filter_map(|s| Some((s.name.as_deref()?, s.index))).collect()
}

fn from_target(file: &DockerfileModel<'_>, names: &HashMap<&str, usize>, current: usize, value: &str) -> FromTarget {
    if vars::has_interpolation(value, false) || value.contains(['/', ':', '@']) {
        return FromTarget::Image;
    }
    let target = match value.parse::<usize>() {
        Ok(index) if index < file.stages.len() => index,
        Ok(_) => return FromTarget::NoSuchIndex,
        // `-1` and the like are numbers to BuildKit too.
        Err(_) if value.parse::<i64>().is_ok() => return FromTarget::NoSuchIndex,
        Err(_) => match names.get(value.to_ascii_lowercase().as_str()) {
            Some(&index) => index,
            None => return FromTarget::NoSuchStage,
        },
    };
    match target.cmp(&current) {
        std::cmp::Ordering::Less => FromTarget::Earlier,
        std::cmp::Ordering::Equal => FromTarget::Current,
        std::cmp::Ordering::Greater => FromTarget::Later(target),
    }
}

/// Each `COPY --from=<value>` of a stage: the stage, the flag's value and the value's raw span.
fn copy_from_flags<'m, 'a>(file: &'m DockerfileModel<'a>) -> impl Iterator<Item = (&'m Stage<'a>, &'a str, Span)> + 'm {
    file.stages.iter().flat_map(|stage| {
        stage.instructions.iter().filter(|i| i.kind == InstructionKind::Copy).filter_map(move |i| {
            let flag = i.flag("from")?;
            Some((stage, flag.value.as_deref()?, flag.value_span?))
        })
    })
}

/// `FROM image AS name`: the `AS` word and the name word.
fn stage_alias(file: &DockerfileModel<'_>, stage: &Stage<'_>) -> Option<(Word, Word)> {
    let mut words = stage.from.words(file.ast.escape).into_iter();
    let (_, kw, name) = (words.next()?, words.next()?, words.next()?);
    kw.text.eq_ignore_ascii_case("as").then_some((kw, name))
}

/// The stage and the earlier stages it is built `FROM`, nearest first.
fn stage_chain<'m, 'a>(file: &'m DockerfileModel<'a>, stage: &'m Stage<'a>) -> Vec<&'m Stage<'a>> {
    let mut chain = vec![stage];
    let mut s = stage;
    // Each step goes to an earlier stage, so this ends.
    while let Some(base) = s.base_stage.and_then(|b| file.stages.get(b)).filter(|b| b.index < s.index) {
        chain.push(base);
        s = base;
    }
    chain
}

/// Calls `f` with each instruction of `stage`, its index and the variables in scope just before
/// it.
fn for_each_scoped<'a>(
    file: &DockerfileModel<'a>,
    stage: &Stage<'a>,
    mut f: impl FnMut(usize, &'a Instruction, &ScopeRef<'_>),
) {
    for (at, ins) in stage.instructions.iter().enumerate() {
        f(at, ins, &file.scope_at(stage, at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths() {
        for p in ["/app", "\\app", "C:\\app", "c:/app", "/"] {
            assert!(is_absolute_path(p), "{p}");
        }
        for p in ["app", ".", "./app", "1:/x", "", "C:app"] {
            assert!(!is_absolute_path(p), "{p}");
        }
    }

    #[test]
    fn overridden_instructions_are_counted_per_stage() {
        let src = "FROM golang AS build\nCMD [\"a\"]\nONBUILD CMD [\"b\"]\n\
                   FROM alpine\nCMD [\"c\"]\nENTRYPOINT [\"x\"]\nCMD d\nHEALTHCHECK NONE\nCMD [\"e\"]\n";
        assert_eq!(crate::rules::testing::spans("DF701", src), ["CMD", "CMD"]);
        let lines: Vec<usize> =
            crate::rules::testing::diagnostics("DF701", src).iter().map(|d| Lines::new(src).of(d.span.start)).collect();
        assert_eq!(lines, [7, 9]);
        assert!(crate::rules::testing::diagnostics("DF702", src).is_empty());
        assert!(crate::rules::testing::diagnostics("DF703", src).is_empty());
    }
}
