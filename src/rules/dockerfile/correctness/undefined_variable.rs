//! DF714: a variable BuildKit expands in an instruction is not declared (BuildKit `UndefinedVar`).

use std::collections::HashMap;

use crate::model::dockerfile::{DockerfileModel, ScopeRef, Stage};
use crate::rules::dockerfile::correctness::var_refs::{self, PLATFORM_ARGS, PROXY_ARGS, SourceRef};
use crate::rules::dockerfile::correctness::{Lines, for_each_scoped, stage_chain};
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::{Instruction, InstructionKind as K};

pub struct UndefinedVariable;

impl Rule for UndefinedVariable {
    fn code(&self) -> &'static str {
        "DF714"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            let closed = rooted_in_scratch(file, stage);
            let declared = declarations(file, stage);
            for_each_scoped(file, stage, |at, ins, scope| {
                for r in expanded_refs(ins, cx.src, file.ast.escape) {
                    // BuildKit always sets PATH, even on `scratch`; the proxy ARGs come from
                    // `--build-arg` without a declaration.
                    if scope.get(&r.name).is_some() || r.name == "PATH" || PROXY_ARGS.contains(&r.name.as_str()) {
                        continue;
                    }
                    let why = Why::of(file, stage, closed, &declared, at, &r.name);
                    // An image's own ENV is invisible here: without evidence from the file, a
                    // name may well come from the base image.
                    if why.is_none() && !closed {
                        continue;
                    }
                    report(cx, &r, why, scope);
                }
            });
        }
    }
}

/// What the file says about an undeclared name: the evidence that lets us report it in a stage
/// whose base image may set variables we cannot see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Why {
    /// A global ARG (before the first `FROM`) that the stage does not redeclare.
    GlobalArg,
    /// A platform ARG, which BuildKit defines only in the global scope.
    PlatformArg,
    /// Declared later in the same stage, at this offset.
    DeclaredLater(usize),
}

impl Why {
    fn of(
        file: &DockerfileModel<'_>,
        stage: &Stage<'_>,
        closed: bool,
        declared: &Declared,
        at: usize,
        name: &str,
    ) -> Option<Why> {
        if file.global.get(name).is_some() {
            // `ARG NODE_VERSION` ... `FROM node:${NODE_VERSION}`: the image it picks usually
            // sets the same variable (node sets NODE_VERSION); `scratch` sets nothing.
            return (closed || !picks_base_image(file, stage, name)).then_some(Why::GlobalArg);
        }
        if PLATFORM_ARGS.contains(&name) {
            return Some(Why::PlatformArg);
        }
        let later = declared.get(name)?.iter().find(|&&i| i > at)?;
        Some(Why::DeclaredLater(stage.instructions.get(*later)?.keyword.start))
    }
}

/// For each name an `ARG` or `ENV` of the stage declares, the indexes of those instructions.
type Declared = HashMap<String, Vec<usize>>;

fn declarations(file: &DockerfileModel<'_>, stage: &Stage<'_>) -> Declared {
    let mut out: Declared = HashMap::new();
    for (at, ins) in stage.instructions.iter().enumerate() {
        if matches!(ins.kind, K::Arg | K::Env) {
            for kv in ins.key_values(file.ast.escape) {
                out.entry(kv.key.text).or_default().push(at);
            }
        }
    }
    out
}

/// Whether `name` appears in the `FROM` of the stage or of a stage it builds on.
fn picks_base_image(file: &DockerfileModel<'_>, stage: &Stage<'_>, name: &str) -> bool {
    stage_chain(file, stage)
        .iter()
        .any(|s| var_refs::in_args(s.from, file.src, file.ast.escape).iter().any(|r| r.name == name))
}

fn report(cx: &mut Context<'_>, r: &SourceRef, why: Option<Why>, scope: &ScopeRef<'_>) {
    let name = &r.name;
    let effect = r.unset_effect(cx.src);
    let (message, help) = match why {
        Some(Why::GlobalArg) => (
            format!("`${name}` is a global ARG that this stage does not redeclare: {effect}"),
            format!("add `ARG {name}` after this stage's `FROM` to bring the global value into the stage"),
        ),
        Some(Why::PlatformArg) => (
            format!("`${name}` is not declared in this stage: {effect}"),
            format!("add `ARG {name}` after this stage's `FROM`: BuildKit sets it only in the global scope"),
        ),
        Some(Why::DeclaredLater(offset)) => (
            format!("`${name}` is used before its declaration on line {}: {effect}", Lines::new(cx.src).of(offset)),
            format!("move the instruction that declares `{name}` above this one"),
        ),
        None => {
            // A "did you mean" among a human-sized scope; generated files can have thousands.
            let hint = (scope.len() <= 1000).then(|| var_refs::suggest(name, scope.names().chain(["PATH"]))).flatten();
            let typo = hint.map(|s| format!(" (did you mean `${s}`?)")).unwrap_or_default();
            (
                format!("`${name}` is not declared{typo}: {effect}"),
                format!("declare it with `ARG {name}` or `ENV {name}=...` before this instruction, or fix the name"),
            )
        }
    };
    let d = cx.diag(r.span, message).with_help(help);
    cx.emit(d);
}

/// Whether the stage's chain of `FROM <stage>` ends at `scratch`, whose only variable is `PATH`.
fn rooted_in_scratch(file: &DockerfileModel<'_>, stage: &Stage<'_>) -> bool {
    let root = stage_chain(file, stage).last().and_then(|s| s.base.as_deref());
    root.is_some_and(|b| b.eq_ignore_ascii_case("scratch"))
}

/// The references BuildKit expands and checks in `ins`: the arguments of the instructions it
/// expands (not RUN, CMD, ENTRYPOINT, whose shell expands them; not ONBUILD, expanded in the
/// image built from this one; not FROM, which DF715 covers) and the `--chown`/`--chmod` flags
/// of COPY and ADD (`--from` is not expanded with the stage's variables).
fn expanded_refs(ins: &Instruction, src: &str, escape: char) -> Vec<SourceRef> {
    match ins.kind {
        K::Add | K::Copy => {
            let flags = ins
                .flags
                .iter()
                .filter(|f| matches!(f.name.as_str(), "chown" | "chmod"))
                .filter_map(|f| f.value_span)
                .flat_map(|v| var_refs::in_flag_value(v, src, escape));
            flags.chain(var_refs::in_args(ins, src, escape)).collect()
        }
        K::Expose | K::Stopsignal | K::User | K::Volume | K::Workdir | K::Label => var_refs::in_args(ins, src, escape),
        K::Env | K::Arg => own_pair_refs_removed(ins, src, escape),
        _ => Vec::new(),
    }
}

/// ENV and ARG references, without those to a key set earlier in the same instruction (for ENV
/// that is DF713's finding; for ARG BuildKit sees the earlier pair).
fn own_pair_refs_removed(ins: &Instruction, src: &str, escape: char) -> Vec<SourceRef> {
    let pairs = ins.key_values(escape);
    let pairs = var_refs::Pairs::new(&pairs);
    var_refs::in_args(ins, src, escape).into_iter().filter(|r| pairs.set_before(r).is_none()).collect()
}

#[cfg(test)]
mod tests {
    fn found(src: &str) -> Vec<String> {
        crate::rules::testing::spans("DF714", src)
    }

    #[test]
    fn what_the_file_shows_is_missing() {
        // A global ARG is not visible in a stage until redeclared.
        assert_eq!(found("ARG V=1\nFROM alpine\nLABEL v=$V\n"), vec!["$V"]);
        assert!(found("ARG V=1\nFROM alpine\nARG V\nLABEL v=$V\n").is_empty());
        // Platform ARGs are only global.
        assert_eq!(found("FROM alpine\nCOPY bin/${TARGETARCH}/app /app\n"), vec!["${TARGETARCH}"]);
        assert!(found("FROM alpine\nARG TARGETARCH\nCOPY bin/${TARGETARCH}/app /app\n").is_empty());
        // Used before its declaration.
        assert_eq!(found("FROM alpine\nWORKDIR $HOME_DIR\nENV HOME_DIR=/srv\n"), vec!["$HOME_DIR"]);
        // Flags of COPY are expanded too.
        assert_eq!(found("ARG U=1\nFROM alpine\nCOPY --chown=$U a /b\n"), vec!["$U"]);
        // `--from` is not expanded with the stage's variables (BuildKit rejects or uses globals).
        assert!(found("ARG IMG=x\nFROM alpine\nCOPY --from=$IMG a /b\n").is_empty());
    }

    #[test]
    fn scratch_has_no_hidden_environment() {
        assert_eq!(found("FROM scratch\nCOPY $SRC /\n"), vec!["$SRC"]);
        // Through a chain of stages ending at scratch, and with a default.
        assert_eq!(found("FROM scratch AS a\nFROM a\nLABEL v=${V:-1}\n"), vec!["${V:-1}"]);
        // PATH is always set; ENV of a grandparent stage is inherited.
        assert!(found("FROM scratch\nENV PATH=/bin:$PATH\n").is_empty());
        assert!(found("FROM scratch\nLABEL proxy=$HTTPS_PROXY no=$no_proxy\n").is_empty());
        assert!(found("FROM scratch AS a\nENV A=1\nFROM a AS b\nENV B=2\nFROM b\nLABEL a=$A b=$B\n").is_empty());
    }

    #[test]
    fn base_image_variables_are_not_guessed() {
        // python sets PYTHON_VERSION; we cannot see it, so it is not reported.
        assert!(found("FROM python:3.12\nLABEL v=$PYTHON_VERSION\n").is_empty());
        assert!(found("ARG BASE=debian\nFROM $BASE\nENV LD_LIBRARY_PATH=/opt/lib:$LD_LIBRARY_PATH\n").is_empty());
        // A global ARG that picks the base image is usually set by that image too.
        assert!(found("ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}\nLABEL node=$NODE_VERSION\n").is_empty());
        assert!(found("ARG GO=1.23\nFROM golang:${GO} AS b\nFROM b\nLABEL go=$GO\n").is_empty());
    }

    #[test]
    fn not_expanded_or_left_to_other_rules() {
        // The shell expands RUN, CMD and ENTRYPOINT; ONBUILD runs in another build; FROM is DF715.
        let src = "ARG V=1\nFROM scratch\nRUN echo $X\nCMD echo $X\nONBUILD COPY $X /\nFROM $Y\n";
        assert!(found(src).is_empty());
        // Quoted or escaped, there is nothing to expand.
        assert!(found("FROM scratch\nLABEL a='$X' b=\\$X\n").is_empty());
        // Set earlier in the same ENV: DF713's finding. Earlier in the same ARG: visible.
        assert!(found("FROM scratch\nENV A=1 B=$A\nARG C=1 D=$C\n").is_empty());
    }
}
