//! DF201: an `ARG` or `ENV` whose name says it holds a secret (BuildKit's SecretsUsedInArgOrEnv).

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::secrets::names::buildkit_secret;
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::dockerfile::{Args, Instruction, InstructionKind, KeyValue};

pub struct SecretInArgEnv;

impl Rule for SecretInArgEnv {
    fn code(&self) -> &'static str {
        "DF201"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        // Like BuildKit, only a stage's ARG and ENV: an ARG before the first FROM reaches no
        // layer unless a stage declares it again.
        for stage in &file.stages {
            for (i, instr) in stage.instructions.iter().enumerate() {
                let why = match instr.kind {
                    InstructionKind::Arg => "build arguments are recorded in the image history",
                    InstructionKind::Env => "environment variables are stored in the image configuration",
                    _ => continue,
                };
                let later = stage.instructions.get(i + 1..).unwrap_or_default();
                let pairs = instr.key_values(file.ast.escape);
                for kv in pairs.iter().filter(|kv| buildkit_secret(&kv.key.text)) {
                    let name = &kv.key.text;
                    let id = name.to_ascii_lowercase();
                    let mount = format!("--mount=type=secret,id={id},env={name}");
                    let mut d = cx.diag(kv.key.span, format!("`{} {name}` looks like a secret: {why}", instr.kind));
                    // The value, if the file gives one, is not shown.
                    if let Some(value) = kv.value.as_ref().filter(|v| !v.span.is_empty()) {
                        d = d.with_secret(value.span);
                    }
                    let d = d
                        .with_help(format!(
                            "pass it to the step that needs it as a build secret, which no layer or history keeps: \
                             `RUN {mount} <command>` (needs Dockerfile frontend 1.10+: `# syntax=docker/dockerfile:1` \
                             on the first line) with `docker build --secret id={id},env={name}`"
                        ))
                        .with_fix(suggestion(cx.src, instr, &pairs, kv, later, &mount));
                    cx.emit(d);
                }
            }
        }
    }
}

/// Display-only: removes the pair and adds `mount` to the later `RUN`s of the stage that read
/// the variable, so they still see it. Not applied, since the build must then pass the secret.
fn suggestion(
    src: &str,
    instr: &Instruction,
    pairs: &[KeyValue],
    kv: &KeyValue,
    later: &[Instruction],
    mount: &str,
) -> Fix {
    let name = &kv.key.text;
    let mounts: Vec<Edit> = later
        .iter()
        .filter(|run| needs_mount(run, name))
        .map(|run| Edit { span: Span::point(run.keyword.end), replacement: format!(" {mount}") })
        .collect();
    let message = if mounts.is_empty() {
        format!(
            "remove `{} {name}` and read it from a secret mount in the `RUN` that uses it (no `RUN` of this stage \
             mentions `${name}`)",
            instr.kind
        )
    } else {
        format!(
            "remove `{} {name}` and add `{mount}` to each `RUN` that reads it (Dockerfile frontend 1.10+)",
            instr.kind
        )
    };
    let remove = Edit { span: removal(src, instr, pairs, kv), replacement: String::new() };
    Fix { message, applicability: Applicability::DisplayOnly, edits: std::iter::once(remove).chain(mounts).collect() }
}

/// Whether a `RUN` reads `$name` (in its command or a heredoc) and has no secret mount for it
/// yet, so the suggested fix must add one for the command to keep working.
fn needs_mount(run: &Instruction, name: &str) -> bool {
    if run.kind != InstructionKind::Run {
        return false;
    }
    let mounted = run
        .flags
        .iter()
        .filter(|f| f.name == "mount")
        .filter_map(|f| f.value.as_deref())
        .any(|v| v.split(',').any(|opt| opt.strip_prefix("env=") == Some(name)));
    let command: Vec<&str> = match &run.args {
        Args::Shell(text) => vec![text.text.as_str()],
        Args::Exec(words) => words.iter().map(|w| w.text.as_str()).collect(),
    };
    !mounted && command.into_iter().chain(run.heredocs.iter().map(|h| h.text.as_str())).any(|t| expands(t, name))
}

/// Whether shell text expands variable `name`: `$NAME`, `${NAME}`, `${NAME:-x}`, `${#NAME}`;
/// `$NAME_FILE` is another variable.
fn expands(text: &str, name: &str) -> bool {
    text.match_indices('$').any(|(i, _)| {
        let after = text.get(i + 1..).unwrap_or_default();
        let after = after.strip_prefix('{').map_or(after, |b| b.strip_prefix(['#', '!']).unwrap_or(b));
        after.strip_prefix(name).is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    })
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
    use crate::catalog::{ExampleKind, catalog};
    use crate::diagnostic::{Applicability, Diagnostic};
    use crate::fix::{self, Mode};
    use crate::rules::testing::{diagnostics, findings};

    /// The findings on `src` with their display-only fixes made applicable, as a user applying
    /// them by hand.
    fn by_hand(src: &str) -> Vec<Diagnostic> {
        let mut diags = diagnostics("DF201", src);
        for fix in diags.iter_mut().filter_map(|d| d.fix.as_mut()) {
            assert_eq!(fix.applicability, Applicability::DisplayOnly);
            fix.applicability = Applicability::Safe;
        }
        diags
    }

    /// `(fix message, src with that finding's suggested fix applied)` per finding.
    fn suggested(src: &str) -> Vec<(String, String)> {
        by_hand(src)
            .iter()
            .map(|d| (d.fix.as_ref().map_or(String::new(), |f| f.message.clone()), fix::apply(src, &[d], Mode::Safe).0))
            .collect()
    }

    #[test]
    fn the_catalog_shows_what_the_suggestions_write() {
        let rule = catalog().rules.iter().find(|r| r.code == "DF201").expect("documented");
        let bad = rule.examples().iter().find(|e| e.kind == ExampleKind::Bad).expect("a bad example");
        let src: String = bad.text.lines().filter(|l| !l.starts_with("# ^")).map(|l| format!("{l}\n")).collect();
        let shown = rule.body.split("## Fix safety").nth(1).and_then(|s| s.split("```dockerfile\n").nth(1));
        let shown = shown.and_then(|s| s.split("```").next()).expect("a block after `## Fix safety`");
        let diags = by_hand(&src);
        assert_eq!(fix::apply(&src, &diags.iter().collect::<Vec<_>>(), Mode::Safe).0, shown);
    }

    #[test]
    fn every_run_that_reads_it_gets_a_secret_mount() {
        let src = "FROM alpine:3.20\nENV API_TOKEN=abc123\nRUN curl -H \"Authorization: Bearer $API_TOKEN\" https://x\n\
                   RUN echo done\nRUN --network=none <<EOF\nwget --header=\"X-Token: ${API_TOKEN:-none}\" https://y\nEOF\n";
        let [(message, out)] = &suggested(src)[..] else { panic!("one finding") };
        assert_eq!(
            out,
            "FROM alpine:3.20\nRUN --mount=type=secret,id=api_token,env=API_TOKEN curl -H \"Authorization: Bearer \
             $API_TOKEN\" https://x\nRUN echo done\nRUN --mount=type=secret,id=api_token,env=API_TOKEN --network=none \
             <<EOF\nwget --header=\"X-Token: ${API_TOKEN:-none}\" https://y\nEOF\n"
        );
        assert_eq!(
            message,
            "remove `ENV API_TOKEN` and add `--mount=type=secret,id=api_token,env=API_TOKEN` to each `RUN` that \
             reads it (Dockerfile frontend 1.10+)"
        );
        assert!(diagnostics("DF201", out).is_empty(), "the suggestion leaves nothing to report");
    }

    #[test]
    fn unread_it_is_only_removed() {
        let [(message, out)] = &suggested("FROM node:22\nARG NPM_TOKEN\nRUN npm ci\n")[..] else {
            panic!("one finding")
        };
        assert_eq!(out, "FROM node:22\nRUN npm ci\n");
        assert!(message.ends_with("(no `RUN` of this stage mentions `$NPM_TOKEN`)"), "{message}");
    }

    #[test]
    fn only_later_runs_of_the_same_stage_that_lack_the_mount() {
        let src = "FROM node:22 AS build\nRUN echo $NPM_TOKEN\nARG NPM_TOKEN\n\
                   RUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci\nRUN [\"sh\", \"-c\", \"npm publish --token=$NPM_TOKEN\"]\n\
                   FROM build\nRUN echo $NPM_TOKEN\n";
        let [(_, out)] = &suggested(src)[..] else { panic!("one finding") };
        assert_eq!(
            out,
            "FROM node:22 AS build\nRUN echo $NPM_TOKEN\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci\n\
             RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN [\"sh\", \"-c\", \"npm publish --token=$NPM_TOKEN\"]\n\
             FROM build\nRUN echo $NPM_TOKEN\n"
        );
    }

    #[test]
    fn a_longer_name_is_another_variable() {
        let [(_, out)] =
            &suggested("FROM node:22\nARG NPM_TOKEN\nRUN cat $NPM_TOKEN_FILE ${NPM_TOKEN_FILE} $NPM_TOKENS\n")[..]
        else {
            panic!("one finding")
        };
        assert_eq!(out, "FROM node:22\nRUN cat $NPM_TOKEN_FILE ${NPM_TOKEN_FILE} $NPM_TOKENS\n");
        for text in ["a$NPM_TOKEN/b", "${NPM_TOKEN}", "${NPM_TOKEN:-x}", "${#NPM_TOKEN}", "x=$NPM_TOKEN"] {
            assert!(super::expands(text, "NPM_TOKEN"), "{text}");
        }
        for text in ["NPM_TOKEN", "$NPM_TOKEN_FILE", "${NPM_TOKEN2}", "$npm_token", "$"] {
            assert!(!super::expands(text, "NPM_TOKEN"), "{text}");
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
