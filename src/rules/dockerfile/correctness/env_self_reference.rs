//! DF713: an `ENV` value refers to a variable set earlier in the same `ENV` (hadolint DL3044).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::correctness::{for_each_scoped, var_refs};
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct EnvSelfReference;

impl Rule for EnvSelfReference {
    fn code(&self) -> &'static str {
        "DF713"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            for_each_scoped(file, stage, |_, ins, before| {
                if ins.kind != InstructionKind::Env {
                    return;
                }
                let pairs = ins.key_values(file.ast.escape);
                if pairs.len() < 2 {
                    return;
                }
                let pairs = var_refs::Pairs::new(&pairs);
                for r in var_refs::in_args(ins, cx.src, file.ast.escape) {
                    let Some(set) = pairs.set_before(&r) else { continue };
                    // A name declared before this ENV is what the author means to read (hadolint
                    // allows `ARG V` then `ENV V=${V} ...`).
                    if before.get(&r.name).is_some() {
                        continue;
                    }
                    let set_text = set.span.slice(cx.src);
                    let d = cx
                        .diag(
                            r.span,
                            format!(
                                "`${}` does not see `{set_text}` set earlier in this `ENV`: BuildKit expands every \
                                 value of an `ENV` before it sets any",
                                r.name
                            ),
                        )
                        .with_label(set.span, format!("`{}` is set here, in the same instruction", r.name))
                        .with_help(format!(
                            "move `{set_text}` into its own `ENV` before this one, so that `${}` sees it",
                            r.name
                        ));
                    cx.emit(d);
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    fn found(src: &str) -> Vec<String> {
        crate::rules::testing::spans("DF713", src)
    }

    #[test]
    fn same_instruction_references() {
        assert_eq!(found("FROM alpine\nENV A=1 B=$A\n"), vec!["$A"]);
        assert_eq!(found("FROM alpine\nENV A=1 \\\n    B=\"${A}/x\"\n"), vec!["${A}"]);
        // PATH set twice in one ENV: the second one sees the base image's PATH.
        assert_eq!(found("FROM alpine\nENV PATH=/a:$PATH PATH=/b:$PATH\n"), vec!["$PATH"]);
    }

    #[test]
    fn what_hadolint_and_buildkit_allow() {
        // Declared before: the old value is what is meant.
        assert!(found("FROM alpine\nARG A\nENV A=${A} B=$A\n").is_empty());
        assert!(found("FROM alpine\nENV A=0\nENV A=1 B=$A\n").is_empty());
        // Its own right-hand side, a reference before the definition, a longer name, single quotes.
        assert!(found("FROM alpine\nENV PATH=/bla:${PATH}\n").is_empty());
        assert!(found("FROM alpine\nENV B=$A A=1\n").is_empty());
        assert!(found("FROM alpine\nENV A=1 B=$AB C=${A_B}\n").is_empty());
        assert!(found("FROM alpine\nENV A=1 B='$A' C=\\$A\n").is_empty());
        // Separate instructions see each other.
        assert!(found("FROM alpine\nENV A=1\nENV B=$A\n").is_empty());
    }
}
