//! Dockerfile stages: base images, names, the ARG/ENV scope at each instruction, the final stage.

use std::cell::OnceCell;

use crate::model::image::ImageRef;
use crate::model::vars;
use crate::syntax::dockerfile::{Dockerfile, Instruction, InstructionKind, KeyValue};

/// Who a stage's process runs as, following `FROM <stage>` chains.
#[derive(Clone, Debug)]
pub enum RunUser<'a> {
    /// The last `USER` resolves to root (`root`, `0`, `root:grp`); the index of its stage.
    Root(&'a Instruction, usize),
    /// The last `USER` resolves to this non-root user (its variables expanded where it stands).
    User(&'a Instruction, String),
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

/// One declared variable; `None` is declared without a value.
#[derive(Clone, Debug)]
struct Var {
    name: String,
    value: Option<String>,
    /// Declared by ENV (which later stages inherit), not ARG.
    env: bool,
}

/// Variables in scope: later entries shadow earlier ones.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    vars: Vec<Var>,
}

impl Scope {
    pub fn get(&self, name: &str) -> Option<Option<String>> {
        self.view().get(name)
    }

    /// Expands `$VAR` forms; `None` when any variable is unknown.
    pub fn expand(&self, text: &str) -> Option<String> {
        self.view().expand(text)
    }

    /// The names declared, each once.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.view().names()
    }

    fn view(&self) -> ScopeRef<'_> {
        ScopeRef { vars: &self.vars }
    }

    fn set(&mut self, name: &str, value: Option<String>, env: bool) {
        self.vars.push(Var { name: name.to_string(), value, env });
    }
}

/// The variables in scope at one point of a stage: a prefix of the stage's declarations, so
/// asking costs nothing.
#[derive(Clone, Copy, Debug)]
pub struct ScopeRef<'s> {
    vars: &'s [Var],
}

impl<'s> ScopeRef<'s> {
    /// The names declared, each once (latest declaration first).
    pub fn names(&self) -> impl Iterator<Item = &'s str> + use<'s> {
        let mut seen = std::collections::HashSet::new();
        self.vars.iter().rev().map(|v| v.name.as_str()).filter(move |n| seen.insert(*n))
    }

    /// How many declarations are in scope (an upper bound of the names).
    pub fn len(&self) -> usize {
        self.vars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }

    pub fn get(&self, name: &str) -> Option<Option<String>> {
        self.vars.iter().rev().find(|v| v.name == name).map(|v| v.value.clone())
    }

    /// Expands `$VAR` forms; `None` when any variable is unknown.
    pub fn expand(&self, text: &str) -> Option<String> {
        vars::expand(text, &|n| self.get(n), false)
    }
}

/// A stage's declarations in order (inherited ENVs first) and, per instruction, how many of them
/// are in scope just before it.
struct StageVars {
    scope: Scope,
    marks: Vec<usize>,
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
    /// RUN scripts, parsed when a shell-aware rule first asks (see `model::run`).
    pub(crate) scripts: OnceCell<Vec<crate::model::run::Parsed>>,
    /// Every stage's variables, worked out once when first asked.
    vars: OnceCell<Vec<StageVars>>,
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
                    global.set(&kv.key.text, value, false);
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
        DockerfileModel { src, ast, global, stages, scripts: OnceCell::new(), vars: OnceCell::new() }
    }

    /// A Windows stage (a `windows`, `nanoserver` or `servercore` base, or the backtick escape):
    /// no numeric users, `cmd` as the default shell.
    pub fn is_windows(&self, stage: &Stage<'a>) -> bool {
        let base = stage.base.as_deref().unwrap_or("").to_ascii_lowercase();
        ["windows", "nanoserver", "servercore"].iter().any(|w| base.contains(w)) || self.ast.escape == '`'
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
                    Some(user) => RunUser::User(instr, user),
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
    pub fn scope_at(&self, stage: &Stage<'a>, upto: usize) -> ScopeRef<'_> {
        let all = self.vars.get_or_init(|| self.stage_vars());
        match all.get(stage.index) {
            Some(sv) => {
                let n = sv.marks.get(upto).or(sv.marks.last()).copied().unwrap_or(0);
                ScopeRef { vars: sv.scope.vars.get(..n).unwrap_or(&[]) }
            }
            None => ScopeRef { vars: &[] },
        }
    }

    /// One pass over every stage, in file order (a stage only builds on an earlier one).
    fn stage_vars(&self) -> Vec<StageVars> {
        let mut out: Vec<StageVars> = Vec::with_capacity(self.stages.len());
        for stage in &self.stages {
            // Only ENV survives into a stage built on this one (from anywhere up its chain).
            let inherited = match stage.base_stage.filter(|&b| b < stage.index).and_then(|b| out.get(b)) {
                Some(base) => base.scope.vars.iter().filter(|v| v.env).cloned().collect(),
                None => Vec::new(),
            };
            let mut scope = Scope { vars: inherited };
            let mut marks = Vec::with_capacity(stage.instructions.len() + 1);
            for i in stage.instructions {
                marks.push(scope.vars.len());
                self.apply(&mut scope, i);
            }
            marks.push(scope.vars.len());
            out.push(StageVars { scope, marks });
        }
        out
    }

    fn apply(&self, scope: &mut Scope, i: &Instruction) {
        let declare = |scope: &mut Scope, kv: KeyValue, is_arg: bool| {
            let value = match &kv.value {
                Some(v) => scope.expand(&v.text),
                // `ARG NAME` in a stage takes the global default.
                None if is_arg => self.global.get(&kv.key.text).flatten(),
                None => None,
            };
            scope.set(&kv.key.text, value, !is_arg);
        };
        match i.kind {
            InstructionKind::Arg => i.key_values(self.ast.escape).into_iter().for_each(|kv| declare(scope, kv, true)),
            InstructionKind::Env => i.key_values(self.ast.escape).into_iter().for_each(|kv| declare(scope, kv, false)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DockerfileModel;
    use crate::syntax::dockerfile;

    #[test]
    fn env_is_inherited_down_the_stage_chain_and_arg_is_not() {
        let src =
            "ARG V=1\nFROM alpine AS one\nENV X=a\nFROM one AS two\nARG Y=b\nENV Z=$X$Y\nFROM two\nARG V\nENV W=$V\n";
        let ast = dockerfile::parse(src);
        let m = DockerfileModel::new(src, &ast);
        let last = &m.stages[2];
        let start = m.scope_at(last, 0);
        assert_eq!(start.get("X"), Some(Some("a".into())), "from the grandparent");
        assert_eq!(start.get("Z"), Some(Some("ab".into())));
        assert_eq!(start.get("Y"), None, "ARG values do not survive FROM");
        assert_eq!(m.scope_at(last, 2).get("W"), Some(Some("1".into())), "a redeclared global ARG");
        assert_eq!(m.scope_at(last, 0).get("V"), None);
        assert_eq!(m.scope_at(last, 99).get("W"), Some(Some("1".into())), "past the end: the whole stage");
    }
}
