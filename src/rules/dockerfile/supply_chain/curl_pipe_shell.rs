//! DF310: a script downloaded by `curl` or `wget` runs straight away, unverified: piped into a
//! shell or interpreter (`curl ... | sh`), or substituted into one (`sh -c "$(curl ...)"`,
//! `bash <(curl ...)`, `eval "$(curl ...)"`).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::cli::{self, Spec};
use crate::rules::{Context, Rule};
use crate::syntax::shell::{Arg, Command};

pub struct CurlPipeShell;

impl Rule for CurlPipeShell {
    fn code(&self) -> &'static str {
        "DF310"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            let commands = &run.script.commands;
            for download in commands.iter().filter(|c| downloads_to_stdout(c)) {
                let Some(tool) = download.program() else { continue };
                let piped = download.pipe.and_then(|p| {
                    commands.iter().find(|c| c.pipe.is_some_and(|q| q.id == p.id && q.index == p.index + 1))
                });
                let (runner, span) = if let Some(runner) = piped.filter(|c| runs_stdin(c)) {
                    (runner, download.span.cover(runner.span))
                } else if let Some(runner) = commands.iter().find(|c| substitutes(cx.src, c, download)) {
                    (runner, runner.span)
                } else {
                    continue;
                };
                let Some(program) = runner.program() else { continue };
                let how =
                    if piped.is_some_and(|c| std::ptr::eq(c, runner)) { "piped into" } else { "substituted into" };
                let d = cx
                    .diag(span, format!("a script downloaded by `{tool}` is {how} `{program}` and runs unverified"))
                    .with_help(
                        "download to a file, verify it against a pinned checksum or signature \
                         (`echo \"<sha256>  install.sh\" | sha256sum -c -`), then run the file; better, install \
                         a pinned release from a package manager or a verified binary",
                    );
                cx.emit(d);
            }
        }
    }
}

/// POSIX shells: they read a script from standard input unless given `-c` or a script file.
const SHELLS: [&str; 7] = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"];

/// Whether `c` is `curl` or `wget` writing what it downloads to standard output.
fn downloads_to_stdout(c: &Command) -> bool {
    match c.program() {
        Some("curl") => cli::parse(&c.args, &cli::CURL).opts.iter().all(|o| {
            if o.named(&["-o", "--output"]) {
                o.value_text() == Some("-")
            } else {
                !o.named(&["-O", "--remote-name", "--remote-name-all"])
            }
        }),
        Some("wget") => cli::parse(&c.args, &cli::WGET)
            .opts
            .iter()
            .any(|o| o.named(&["-O", "--output-document"]) && matches!(o.value_text(), Some("-" | "/dev/stdout"))),
        _ => false,
    }
}

/// Whether `c` runs the script it reads on standard input: a shell or interpreter given neither
/// code inline (`-c`, `-e`) nor a script file (or given `-`, `/dev/stdin`, `sh -s`).
fn runs_stdin(c: &Command) -> bool {
    let Some(program) = c.program() else { return false };
    let (inline, valued): (&[&str], &'static [&'static str]) = if SHELLS.contains(&program) {
        (&["-c"], &["-o", "-O"])
    } else if is_python(program) {
        (&["-c", "-m"], &["-c", "-m", "-W", "-X"])
    } else {
        match program {
            "perl" | "ruby" => (&["-e", "-E"], &["-e", "-E"]),
            "node" => (&["-e", "--eval", "-p", "--print"], &["-e", "--eval", "-p", "--print", "-r", "--require"]),
            "php" => (&["-r"], &["-r", "-d", "-c"]),
            _ => return false,
        }
    };
    let parsed = cli::parse(&c.args, &Spec::new(valued));
    if parsed.has(inline) {
        return false;
    }
    if SHELLS.contains(&program) && parsed.has(&["-s"]) {
        return true;
    }
    match parsed.operands.first() {
        None => true,
        Some(script) => matches!(script.value(), Some("-" | "/dev/stdin")),
    }
}

/// Whether `runner` runs the output of `download` substituted into its words: the script of
/// `sh -c "$(curl ...)"`, any word of `eval "$(curl ...)"`, or the script file of
/// `bash <(curl ...)` / `source <(curl ...)`.
fn substitutes(src: &str, runner: &Command, download: &Command) -> bool {
    let Some(program) = runner.program() else { return false };
    // A word only the shell knows (a `$(...)` or `<(...)` in it) around the download.
    let around = |a: &Arg| a.value.is_none() && a.span.start <= download.span.start && download.span.end <= a.span.end;
    if program == "eval" {
        return runner.args.iter().any(around);
    }
    let shell = SHELLS.contains(&program);
    if !(shell || is_python(program) || matches!(program, "source" | "." | "perl" | "ruby" | "node" | "php")) {
        return false;
    }
    let parsed = cli::parse(&runner.args, &Spec::new(&["-o", "-O"]));
    let Some(script) = parsed.operands.first().filter(|a| around(a)) else { return false };
    // With `-c` the word is the script's text; otherwise it names the script file.
    (shell && parsed.has(&["-c"])) || script.span.slice(src).starts_with("<(")
}

fn is_python(program: &str) -> bool {
    program.strip_prefix("python").is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    fn run(body: &str) -> Vec<String> {
        spans("DF310", &format!("FROM debian:12\nARG URL=https://x.example/i.sh\nRUN {body}\n"))
    }

    #[test]
    fn pipes_into_a_shell_or_interpreter() {
        assert_eq!(run("curl -fsSL $URL | sh"), ["curl -fsSL $URL | sh"]);
        assert_eq!(run("apt-get update && wget -qO- $URL | sudo -E bash -"), ["wget -qO- $URL | sudo -E bash -"]);
        assert_eq!(run("wget -O - $URL | bash"), ["wget -O - $URL | bash"]);
        assert_eq!(run("wget --output-document=- $URL | sh"), ["wget --output-document=- $URL | sh"]);
        assert_eq!(run("curl -sSL $URL | sh -s -- --yes"), ["curl -sSL $URL | sh -s -- --yes"]);
        assert_eq!(run("curl -sSLo- $URL | python3"), ["curl -sSLo- $URL | python3"]);
        assert_eq!(run("curl -s $URL | perl -"), ["curl -s $URL | perl -"]);
        assert_eq!(run("bash -o pipefail -c 'curl -s $URL | bash'"), ["curl -s $URL | bash"]);
        let f = findings("DF310", "FROM debian\nRUN curl -fsSL https://x | sh\n");
        assert_eq!(f[0].1, "a script downloaded by `curl` is piped into `sh` and runs unverified");
    }

    #[test]
    fn substituted_into_a_shell() {
        assert_eq!(run("sh -c \"$(curl -fsSL $URL)\""), ["sh -c \"$(curl -fsSL $URL)\""]);
        assert_eq!(run("bash <(curl -s $URL) --yes"), ["bash <(curl -s $URL) --yes"]);
        assert_eq!(run(". <(wget -qO- $URL)"), [". <(wget -qO- $URL)"]);
        assert_eq!(run("eval \"$(curl -s $URL)\""), ["eval \"$(curl -s $URL)\""]);
    }

    #[test]
    fn files_and_data_are_not_reported() {
        // Downloaded to a file, then run: the file can be checked in between.
        assert!(run("curl -fsSL $URL -o f && sh f").is_empty());
        assert!(run("curl -fsSLo f $URL | sh").is_empty());
        assert!(run("curl -fsSLO $URL | sh").is_empty());
        assert!(run("wget $URL | sh").is_empty());
        // The interpreter runs its own code and reads the download as data.
        assert!(run("curl -s $URL | python3 -c 'import json, sys; print(json.load(sys.stdin))'").is_empty());
        assert!(run("curl -s $URL | bash ./filter.sh").is_empty());
        assert!(run("curl -s $URL | sh -c 'cat > /tmp/x'").is_empty());
        assert!(run("curl -sL $URL | tar -xz && sh ./install.sh").is_empty());
        assert!(run("echo \"$(curl -s $URL)\" > /etc/motd").is_empty());
        assert!(run("sh -c 'echo hi' \"$(curl -s $URL)\"").is_empty());
        assert!(run("bash \"$(curl -s $URL)\"").is_empty());
    }
}
