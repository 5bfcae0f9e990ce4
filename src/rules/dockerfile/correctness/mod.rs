//! Correctness (DF7xx): instructions that do not do what they seem to, or that BuildKit warns about.

use crate::model::dockerfile::{DockerfileModel, Scope, Stage};
use crate::rules::Rule;
use crate::syntax::dockerfile::Instruction;

pub mod constant_platform;
pub mod empty_continuation_line;
pub mod env_self_reference;
pub mod instruction_casing;
pub mod invalid_expose;
pub mod invalid_label_key;
pub mod label_schema;
mod labels;
pub mod legacy_key_value_format;
pub mod redundant_platform;
pub mod undefined_arg_in_from;
pub mod undefined_variable;
mod var_refs;

pub static RULES: &[&dyn Rule] = &[
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
/// it (what `scope_at` gives, in one linear walk).
fn for_each_scoped<'a>(
    file: &DockerfileModel<'a>,
    stage: &Stage<'a>,
    mut f: impl FnMut(usize, &'a Instruction, &Scope),
) {
    let mut scope = file.scope_at(stage, 0);
    for (at, ins) in stage.instructions.iter().enumerate() {
        f(at, ins, &scope);
        file.apply(&mut scope, ins);
    }
}

/// The 1-based line of a byte offset.
fn line_of(src: &str, offset: usize) -> usize {
    src.get(..offset).map_or(0, |s| s.matches('\n').count()) + 1
}

/// The source text under each finding of rule `code` in the Dockerfile `src`.
#[cfg(test)]
fn test_spans(code: &str, src: &str) -> Vec<String> {
    test_lint(code, src).iter().map(|d| d.span.slice(src).to_string()).collect()
}

/// `src` after applying every fix of rule `code` (safe and unsafe) once.
#[cfg(test)]
fn test_fix(code: &str, src: &str) -> String {
    let diags = test_lint(code, src);
    let refs: Vec<_> = diags.iter().collect();
    crate::fix::apply(src, &refs, crate::fix::Mode::Unsafe).0
}

#[cfg(test)]
fn test_lint(code: &str, src: &str) -> Vec<crate::Diagnostic> {
    let options = crate::config::Options { select: Some(vec![code.into()]), ..Default::default() };
    let config = crate::config::Config::new(options).unwrap_or_default();
    crate::engine::lint(&[crate::engine::SourceFile::new("Dockerfile", src)], &config).diagnostics
}
