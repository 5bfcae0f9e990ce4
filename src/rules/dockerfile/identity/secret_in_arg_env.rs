//! DF201: an `ARG` or `ENV` whose name says it holds a secret (BuildKit's SecretsUsedInArgOrEnv).

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::dockerfile::{Instruction, InstructionKind, KeyValue};

pub struct SecretInArgEnv;

/// BuildKit's tokens: a name matches when one of its `_`-separated parts is one of these
/// (case-insensitively), as in `(?i)(?:_|^)(?:apikey|auth|...)(?:_|$)`.
const SECRET_TOKENS: [&str; 10] =
    ["apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"];
/// BuildKit's allow list: a name with one of these parts is not reported (`PUBLIC_KEY`,
/// `PASSWORD_FILE`, `TOKEN_VERSION`).
const ALLOW_TOKENS: [&str; 3] = ["public", "file", "version"];

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
            for kv in pairs.iter().filter(|kv| looks_secret(&kv.key.text)) {
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

fn looks_secret(name: &str) -> bool {
    let parts: Vec<String> = name.split('_').map(str::to_ascii_lowercase).collect();
    let has = |set: &[&str]| parts.iter().any(|p| set.contains(&p.as_str()));
    has(&SECRET_TOKENS) && !has(&ALLOW_TOKENS) && !names_signing_key(&parts)
}

/// caulk's one departure from BuildKit: `GPG_KEY`, `PGP_KEY` (as in the official `python`
/// images) hold the fingerprint of the key that verifies a download, which is public. A name
/// that also says `private` or matches another secret part (`GPG_SECRET_KEY`) is still reported.
fn names_signing_key(parts: &[String]) -> bool {
    let matched: Vec<&String> = parts.iter().filter(|p| SECRET_TOKENS.contains(&p.as_str())).collect();
    parts.iter().any(|p| matches!(p.as_str(), "gpg" | "pgp" | "gnupg"))
        && matched.iter().all(|p| p.as_str() == "key")
        && !parts.iter().any(|p| p == "private")
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
    use super::looks_secret;
    use crate::rules::testing::findings;

    #[test]
    fn buildkit_tokens() {
        for secret in [
            "GITHUB_TOKEN",
            "api_key",
            "DATABASE_PASSWORD",
            "secret_MESSAGE",
            "AUTH",
            "AWS_SECRET_ACCESS_KEY",
            "apikey",
            "GPG_PRIVATE_KEY",
            "GPG_SECRET_KEY",
        ] {
            assert!(looks_secret(secret), "{secret}");
        }
        // Parts are split at `_` only, as BuildKit does: `APIKEY_X` matches, `MYAPIKEY` does not.
        for fine in [
            "PUBLIC_KEY",
            "PASSWORD_FILE",
            "TOKEN_VERSION",
            "KEYCLOAK_URL",
            "MYTOKEN",
            "api-key",
            "GPG_KEY",
            "GPG_KEYS",
            "PGP_KEY",
            "TOKENS",
            "NODE_VERSION",
        ] {
            assert!(!looks_secret(fine), "{fine}");
        }
    }

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
