//! DF201: an `ARG` or `ENV` whose name says it holds a secret (BuildKit's SecretsUsedInArgOrEnv).

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::secrets::names::buildkit_secret;
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::dockerfile::{Instruction, InstructionKind, KeyValue};

pub struct SecretInArgEnv;

impl Rule for SecretInArgEnv {
    fn code(&self) -> &'static str {
        "DF201"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        // Like BuildKit, only a stage's ARG and ENV: an ARG before the first FROM reaches no
        // layer unless a stage declares it again.
        for instr in file.stages.iter().flat_map(|s| s.instructions) {
            let why = match instr.kind {
                InstructionKind::Arg => "build arguments are recorded in the image history",
                InstructionKind::Env => "environment variables are stored in the image configuration",
                _ => continue,
            };
            let pairs = instr.key_values(file.ast.escape);
            for kv in pairs.iter().filter(|kv| buildkit_secret(&kv.key.text)) {
                let name = &kv.key.text;
                let mut d = cx.diag(kv.key.span, format!("`{} {name}` looks like a secret: {why}", instr.kind));
                // The value, if the file gives one, is not shown.
                if let Some(value) = kv.value.as_ref().filter(|v| !v.span.is_empty()) {
                    d = d.with_secret(value.span);
                }
                let d = d
                    .with_help(format!(
                        "pass it to the step that needs it as a build secret, which no layer or history keeps: \
                         `RUN --mount=type=secret,id={name},env={name} <command>` (Dockerfile syntax 1.10+) with \
                         `docker build --secret id={name},env={name}`"
                    ))
                    .with_fix(Fix {
                        message: format!(
                            "remove `{} {name}` and read it from a secret mount in the `RUN` that uses it",
                            instr.kind
                        ),
                        applicability: Applicability::DisplayOnly,
                        edits: vec![Edit { span: removal(cx.src, instr, &pairs, kv), replacement: String::new() }],
                    });
                cx.emit(d);
            }
        }
    }
}

/// What removing the pair deletes: the pair, or the whole line when it is the only pair.
fn removal(src: &str, instr: &Instruction, pairs: &[KeyValue], kv: &KeyValue) -> Span {
    if pairs.len() > 1 {
        return kv.span;
    }
    let end = instr.span.end;
    let newline =
        src.get(end..).map_or(0, |rest| if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with('\n')) });
    Span::new(instr.span.start, end + newline)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn stage_args_and_env_only() {
        let src = "ARG NPM_TOKEN\nFROM node:22\nARG NPM_TOKEN\nENV DB_PASSWORD=x APP=1\nENV API_KEY legacy value\n\
                   LABEL secret=1\n";
        let got: Vec<String> = findings("DF201", src).into_iter().map(|(span, m)| format!("{span} | {m}")).collect();
        assert_eq!(
            got,
            [
                "NPM_TOKEN | `ARG NPM_TOKEN` looks like a secret: build arguments are recorded in the image history",
                "DB_PASSWORD | `ENV DB_PASSWORD` looks like a secret: environment variables are stored in the image configuration",
                "API_KEY | `ENV API_KEY` looks like a secret: environment variables are stored in the image configuration",
            ]
        );
    }
}
