//! DF704: `CMD` or `ENTRYPOINT` in shell form, which runs under `/bin/sh -c`.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::{Args, InstructionKind};

pub struct ShellFormCmd;

impl Rule for ShellFormCmd {
    fn code(&self) -> &'static str {
        "DF704"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let shells = super::chain_has(file, InstructionKind::Shell);
        for stage in &file.stages {
            // An explicit SHELL (earlier in the stage or in a stage it is built on) means the author
            // chose the wrapper on purpose; BuildKit does not warn then either.
            let mut shell_set = super::inherits(stage, &shells);
            for instr in stage.instructions {
                shell_set |= instr.kind == InstructionKind::Shell;
                if shell_set || !matches!(instr.kind, InstructionKind::Cmd | InstructionKind::Entrypoint) {
                    continue;
                }
                let Args::Shell(text) = &instr.args else { continue };
                if text.text.is_empty() {
                    continue;
                }
                let kind = instr.kind;
                let message = if text.text.starts_with('[') {
                    format!("`{kind}` is not a valid JSON array, so it runs in shell form under `/bin/sh -c`")
                } else if text.text.starts_with("exec ") {
                    format!("`{kind}` in shell form: `exec` makes the program PID 1, but it still needs `/bin/sh`")
                } else {
                    format!(
                        "`{kind}` in shell form runs as a child of `/bin/sh -c`, which may not pass stop signals on"
                    )
                };
                let single_line = !text.span.slice(cx.src).contains('\n');
                let exec_form = plain_words(&text.text).filter(|_| single_line).map(|w| json_array(&w));
                let example = exec_form.clone().unwrap_or_else(|| "[\"app\", \"--port\", \"8080\"]".into());
                let mut d = cx.diag(text.span, message).with_help(format!(
                    "write it as a JSON array (exec form, double quotes only), e.g. `{kind} {example}`, so the \
                     program runs as PID 1 and receives SIGTERM on `docker stop`"
                ));
                if let Some(json) = exec_form {
                    d = d.with_fix(Fix {
                        message: "rewrite in exec form".into(),
                        applicability: Applicability::Unsafe,
                        edits: vec![Edit { span: text.span, replacement: json }],
                    });
                }
                cx.emit(d);
            }
        }
    }
}

/// Shell builtins and keywords: no program of that name exists to run in exec form.
const SHELL_ONLY: &[&str] = &[
    ".", ":", "alias", "bg", "break", "case", "cd", "command", "continue", "do", "done", "elif", "else", "esac",
    "eval", "exec", "exit", "export", "fg", "fi", "for", "function", "getopts", "hash", "if", "jobs", "local", "read",
    "readonly", "return", "select", "set", "shift", "source", "then", "time", "times", "trap", "type", "ulimit",
    "umask", "unalias", "unset", "until", "wait", "while",
];

/// The argv of a command line that means the same in exec form: plain words, single-quoted text,
/// and double-quoted text without `$`, `` ` `` or `\`. `None` for anything the shell would
/// interpret (variables, pipes, redirections, globs, lists, assignments, builtins). A leading
/// `exec` is dropped: exec form already replaces the shell.
fn plain_words(text: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => words.extend(word.take()),
            '\'' | '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        q if q == c => break,
                        '$' | '`' | '\\' if c == '"' => return None,
                        other => w.push(other),
                    }
                }
            }
            c if c.is_alphanumeric() || "-_./:=,+@%".contains(c) => word.get_or_insert_with(String::new).push(c),
            _ => return None,
        }
    }
    words.extend(word);
    if words.first().is_some_and(|w| w == "exec") {
        words.remove(0);
        if words.first().is_some_and(|w| w.starts_with('-')) {
            return None;
        }
    }
    let first = words.first()?;
    (!first.contains('=') && !SHELL_ONLY.contains(&first.as_str())).then_some(words)
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
mod tests {
    use super::*;
    use crate::rules::testing::{fixed, spans};

    #[test]
    fn plain_words_only() {
        let w = |s: &str| plain_words(s).map(|v| v.join("|"));
        assert_eq!(w("nginx -g daemon off;"), None);
        assert_eq!(w("python -m http.server 8080").as_deref(), Some("python|-m|http.server|8080"));
        assert_eq!(w("exec java -jar /app.jar").as_deref(), Some("java|-jar|/app.jar"));
        assert_eq!(w("echo 'say \"hi\"' \"a b\"").as_deref(), Some("echo|say \"hi\"|a b"));
        for bad in [
            "app $PORT",
            "app > /log",
            "a && b",
            "run *.sh",
            "echo \"$HOME\"",
            "FOO=1 app",
            "cd /x",
            "echo `id`",
            "app 'unterminated",
            "~/bin/app",
            "exec -a name app",
        ] {
            assert_eq!(w(bad), None, "{bad}");
        }
    }

    #[test]
    fn json_escaping() {
        assert_eq!(json_array(&["say \"hi\"".into(), "a\\b".into()]), r#"["say \"hi\"", "a\\b"]"#);
    }

    #[test]
    fn reports_shell_form_unless_a_shell_is_set() {
        let src = "FROM alpine\nCMD echo hi\nENTRYPOINT [\"app\"]\n\
                   FROM alpine AS win\nSHELL [\"pwsh\", \"-c\"]\nCMD Write-Host hi\n\
                   FROM win\nENTRYPOINT Write-Host inherited\n\
                   FROM alpine\nCMD late\nSHELL [\"bash\", \"-c\"]\n";
        assert_eq!(spans("DF704", src), ["echo hi", "late"]);
    }

    #[test]
    fn fix_rewrites_plain_commands_only() {
        let src = "FROM alpine\nCMD   exec gunicorn -b 0.0.0.0:8000 'app:create_app()'\nENTRYPOINT app \"$X\"\n";
        let want = "FROM alpine\nCMD   [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:create_app()\"]\nENTRYPOINT app \"$X\"\n";
        assert_eq!(fixed("DF704", src), want);
    }
}
