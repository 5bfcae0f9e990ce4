//! Correctness (DF7xx): instructions that do not do what they seem to, or that BuildKit warns about.
//!
//! The helpers below are shared by several rules of this family: how stages refer to each other
//! (`COPY --from`, `FROM <stage>`), what a stage inherits from the stages it is built on, and the
//! path forms Docker treats as absolute.

use crate::model::dockerfile::{DockerfileModel, Stage};
use crate::model::vars;
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::dockerfile::{Instruction, InstructionKind, Word};

pub mod copy_dest_missing_slash;
pub mod copy_from_current_stage;
pub mod copy_from_unknown_stage;
pub mod copy_relative_dest_without_workdir;
pub mod duplicate_stage_name;
pub mod forbidden_onbuild_trigger;
pub mod from_as_casing;
pub mod instruction_before_from;
pub mod maintainer_deprecated;
pub mod multiple_cmd;
pub mod multiple_entrypoint;
pub mod multiple_healthcheck;
pub mod relative_workdir;
pub mod reserved_stage_name;
pub mod shell_form_cmd;
pub mod stage_name_casing;

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
];

/// Reports every `kind` instruction of a stage but the last, which is the only one that takes
/// effect (BuildKit's `MultipleInstructionsDisallowed`, hadolint DL4003/DL4004/DL3012).
fn report_overridden(cx: &mut Context<'_>, file: &DockerfileModel<'_>, kind: InstructionKind) {
    for stage in &file.stages {
        let all: Vec<&Instruction> = stage.instructions.iter().filter(|i| i.kind == kind).collect();
        let Some((last, overridden)) = all.split_last() else { continue };
        let last_line = line_of(cx.src, last.keyword.start);
        for instr in overridden {
            let d = cx
                .diag(instr.keyword, format!("this `{kind}` has no effect: a later `{kind}` in the stage replaces it"))
                .with_label(last.keyword, format!("only this `{kind}` (line {last_line}) takes effect"))
                .with_help(format!("remove the overridden `{kind}`, or merge what it does into the last one"));
            cx.emit(d);
        }
    }
}

/// 1-based line of a byte offset, for messages that point at another instruction.
fn line_of(src: &str, offset: usize) -> usize {
    src.get(..offset).map_or(0, |s| s.matches('\n').count()) + 1
}

/// The stage and the stages it is built on (`FROM <stage>`), nearest first.
fn stage_chain<'m, 'a>(file: &'m DockerfileModel<'a>, stage: &'m Stage<'a>) -> Vec<&'m Stage<'a>> {
    let mut chain = vec![stage];
    let mut current = stage;
    // Each hop goes to an earlier stage, so the chain is at most as long as the file.
    while let Some(base) = current.base_stage.and_then(|b| file.stages.get(b)).filter(|b| b.index < current.index) {
        chain.push(base);
        current = base;
    }
    chain
}

/// The last `kind` instruction that runs before `stage.instructions[upto]`: earlier in the stage,
/// or anywhere in a stage it is built on.
fn inherited<'a>(
    file: &DockerfileModel<'a>,
    stage: &Stage<'a>,
    upto: usize,
    kind: InstructionKind,
) -> Option<&'a Instruction> {
    let own = stage.instructions.get(..upto).unwrap_or(stage.instructions);
    let bases = stage_chain(file, stage).into_iter().skip(1).map(|s| s.instructions);
    std::iter::once(own).chain(bases).find_map(|instrs| instrs.iter().rev().find(|i| i.kind == kind))
}

/// The base image at the root of the stage's `FROM <stage>` chain, as written (expanded).
fn root_base<'m>(file: &'m DockerfileModel<'_>, stage: &'m Stage<'_>) -> Option<&'m str> {
    stage_chain(file, stage).last().and_then(|s| s.base.as_deref())
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

fn from_target(file: &DockerfileModel<'_>, current: usize, value: &str) -> FromTarget {
    if vars::has_interpolation(value, false) || value.contains(['/', ':', '@']) {
        return FromTarget::Image;
    }
    let target = match value.parse::<usize>() {
        Ok(index) if index < file.stages.len() => index,
        Ok(_) => return FromTarget::NoSuchIndex,
        // `-1` and the like are numbers to BuildKit too.
        Err(_) if value.parse::<i64>().is_ok() => return FromTarget::NoSuchIndex,
        Err(_) => {
            let name = value.to_ascii_lowercase();
            match file.stages.iter().rposition(|s| s.name.as_deref() == Some(name.as_str())) {
                Some(index) => index,
                None => return FromTarget::NoSuchStage,
            }
        }
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

/// The JSON array (exec form) for `words`, as Docker's documentation writes it.
fn json_array(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| json_string(w)).collect();
    format!("[{}]", quoted.join(", "))
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::config::{Config, Options};
    use crate::diagnostic::Diagnostic;
    use crate::engine::{SourceFile, lint};
    use crate::fix::{self, Mode};

    /// The findings of one rule on `src`, linted as `Dockerfile`.
    pub fn findings(code: &str, src: &str) -> Vec<Diagnostic> {
        let config = Config::new(Options { select: Some(vec![code.into()]), ..Default::default() }).expect("config");
        lint(&[SourceFile::new("Dockerfile", src)], &config)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == code)
            .collect()
    }

    /// The text each finding points at.
    pub fn spans(code: &str, src: &str) -> Vec<String> {
        findings(code, src).iter().map(|d| d.span.slice(src).to_string()).collect()
    }

    /// `src` after applying this rule's fixes (unsafe ones too) to a fixpoint.
    pub fn fixed(code: &str, src: &str) -> String {
        let mut text = src.to_string();
        for _ in 0..10 {
            let diags = findings(code, &text);
            let refs: Vec<&Diagnostic> = diags.iter().collect();
            let (next, n) = fix::apply(&text, &refs, Mode::Unsafe);
            if n == 0 {
                break;
            }
            text = next;
        }
        text
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
    fn json_escaping() {
        assert_eq!(json_array(&["say \"hi\"".into(), "a\\b".into()]), r#"["say \"hi\"", "a\\b"]"#);
    }
}
