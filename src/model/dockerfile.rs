//! Dockerfile stages: base images, names, the ARG/ENV scope at each instruction, the final stage.

use std::collections::BTreeMap;

use crate::model::image::ImageRef;
use crate::model::vars;
use crate::syntax::dockerfile::{Dockerfile, Instruction, InstructionKind, KeyValue};

/// Who a stage's process runs as, following `FROM <stage>` chains.
#[derive(Clone, Copy, Debug)]
pub enum RunUser<'a> {
    /// The last `USER` resolves to root (`root`, `0`, `root:grp`); the index of its stage.
    Root(&'a Instruction, usize),
    /// The last `USER` resolves to this non-root user.
    User(&'a Instruction),
    /// `USER $X` with `X` unknown: no guess.
    Unknown,
    /// No `USER` anywhere in the stage chain: the base image decides.
    Missing,
}

/// `root`, `0`, `root:grp`, `0:0`.
pub fn is_root_user(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user);
    name == "root" || name == "0"
}

/// Variables in scope, each with its latest declaration; `None` is declared without a value.
/// A map, so that a lookup stays cheap in stages with thousands of variables.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    vars: BTreeMap<String, Option<String>>,
}

impl Scope {
    pub fn get(&self, name: &str) -> Option<Option<String>> {
        self.vars.get(name).cloned()
    }

    /// The declared names, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.vars.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.vars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }

    fn set(&mut self, name: &str, value: Option<String>) {
        self.vars.insert(name.to_string(), value);
    }

    /// Expands `$VAR` forms; `None` when any variable is unknown.
    pub fn expand(&self, text: &str) -> Option<String> {
        vars::expand(text, &|n| self.get(n), false)
    }
}

pub struct Stage<'a> {
    pub index: usize,
    pub from: &'a Instruction,
    /// The base as written, expanded with the global ARGs when possible.
    pub base: Option<String>,
    /// The base image, when the base is not an earlier stage and is known.
    pub image: Option<ImageRef>,
    /// The earlier stage this one builds on (`FROM builder`).
    pub base_stage: Option<usize>,
    pub name: Option<String>,
    /// The instructions after `FROM`, up to the next `FROM`.
    pub instructions: &'a [Instruction],
}

pub struct DockerfileModel<'a> {
    pub src: &'a str,
    pub ast: &'a Dockerfile,
    /// ARGs declared before the first FROM.
    pub global: Scope,
    pub stages: Vec<Stage<'a>>,
}

impl<'a> DockerfileModel<'a> {
    pub fn new(src: &'a str, ast: &'a Dockerfile) -> Self {
        let mut global = Scope::default();
        let mut stages: Vec<Stage<'a>> = Vec::new();
        let instrs = &ast.instructions;
        let froms: Vec<usize> =
            instrs.iter().enumerate().filter(|(_, i)| i.kind == InstructionKind::From).map(|(n, _)| n).collect();
        let first_from = froms.first().copied().unwrap_or(instrs.len());
        for i in &instrs[..first_from] {
            if i.kind == InstructionKind::Arg {
                for kv in i.key_values(ast.escape) {
                    let value = kv.value.as_ref().and_then(|v| global.expand(&v.text));
                    global.set(&kv.key.text, value);
                }
            }
        }
        for (n, &at) in froms.iter().enumerate() {
            let end = froms.get(n + 1).copied().unwrap_or(instrs.len());
            let from = &instrs[at];
            let words: Vec<_> = from.words(ast.escape);
            let base = words.first().and_then(|w| global.expand(&w.text));
            let name = match words.as_slice() {
                [_, kw, name, ..] if kw.text.eq_ignore_ascii_case("as") => Some(name.text.to_ascii_lowercase()),
                _ => None,
            };
            let base_stage = base.as_deref().and_then(|b| {
                let b = b.to_ascii_lowercase();
                stages.iter().position(|s| s.name.as_deref() == Some(b.as_str()))
            });
            let image = if base_stage.is_some() { None } else { base.as_deref().and_then(ImageRef::parse) };
            stages.push(Stage {
                index: n,
                from,
                base,
                image,
                base_stage,
                name,
                instructions: instrs.get(at + 1..end).unwrap_or(&[]),
            });
        }
        DockerfileModel { src, ast, global, stages }
    }

    /// The stage `docker build` produces without `--target`.
    pub fn final_stage(&self) -> Option<&Stage<'a>> {
        self.stages.last()
    }

    /// The user `stage` runs as.
    pub fn run_user(&self, stage: &Stage<'a>) -> RunUser<'a> {
        let mut stage = stage;
        // Each hop goes to an earlier stage, so this ends; the bound is belt and braces.
        for _ in 0..=self.stages.len() {
            let last = stage.instructions.iter().enumerate().rev().find(|(_, i)| i.kind == InstructionKind::User);
            if let Some((at, instr)) = last {
                let Some(word) = instr.words(self.ast.escape).into_iter().next() else { return RunUser::Unknown };
                return match self.scope_at(stage, at).expand(&word.text) {
                    Some(user) if is_root_user(&user) => RunUser::Root(instr, stage.index),
                    Some(_) => RunUser::User(instr),
                    None => RunUser::Unknown,
                };
            }
            match stage.base_stage.and_then(|b| self.stages.get(b)) {
                Some(base) if base.index < stage.index => stage = base,
                _ => return RunUser::Missing,
            }
        }
        RunUser::Missing
    }

    /// The variables in scope just before `stage.instructions[upto]`: the stage's own ARGs (global
    /// ones must be redeclared to be seen) and ENVs, plus ENVs inherited from a base stage.
    pub fn scope_at(&self, stage: &Stage<'a>, upto: usize) -> Scope {
        let mut scope = match stage.base_stage.and_then(|b| self.stages.get(b)) {
            Some(base) if base.index < stage.index => self.inherited_env(base),
            _ => Scope::default(),
        };
        for i in stage.instructions.iter().take(upto) {
            self.apply(&mut scope, i);
        }
        scope
    }

    /// The ENV a stage passes on: what it inherited plus its own ENVs (its ARGs do not survive,
    /// but ENV values may use them).
    fn inherited_env(&self, stage: &Stage<'a>) -> Scope {
        let mut full = self.scope_at(stage, 0);
        let mut env = full.clone();
        for i in stage.instructions {
            self.apply(&mut full, i);
            if i.kind == InstructionKind::Env {
                for kv in i.key_values(self.ast.escape) {
                    env.set(&kv.key.text, full.get(&kv.key.text).flatten());
                }
            }
        }
        env
    }

    /// Adds what `i` declares (an `ARG` or `ENV` of a stage) to `scope`: walking a stage from
    /// `scope_at(stage, 0)` and applying each instruction gives every `scope_at` in linear time.
    pub fn apply(&self, scope: &mut Scope, i: &Instruction) {
        let declare = |scope: &mut Scope, kv: KeyValue, is_arg: bool| {
            let value = match &kv.value {
                Some(v) => scope.expand(&v.text),
                // `ARG NAME` in a stage takes the global default.
                None if is_arg => self.global.get(&kv.key.text).flatten(),
                None => None,
            };
            scope.set(&kv.key.text, value);
        };
        match i.kind {
            InstructionKind::Arg => i.key_values(self.ast.escape).into_iter().for_each(|kv| declare(scope, kv, true)),
            InstructionKind::Env => i.key_values(self.ast.escape).into_iter().for_each(|kv| declare(scope, kv, false)),
            _ => {}
        }
    }
}
