//! DF103: an account password set at build time (`chpasswd`, `passwd --stdin`, `useradd -p`,
//! `openssl passwd secret`): its hash ends up in the image's `/etc/shadow`, in every layer after.

use crate::diagnostic::redact;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::cli::{self, Spec};
use crate::rules::{Context, Rule};
use crate::syntax::shell::Command;

pub struct PasswordInBuild;

const USERADD: Spec = Spec::new(&[
    "-b",
    "-c",
    "-d",
    "-e",
    "-f",
    "-g",
    "-G",
    "-k",
    "-K",
    "-p",
    "-P",
    "-R",
    "-s",
    "-u",
    "-Z",
    "--base-dir",
    "--comment",
    "--home-dir",
    "--expiredate",
    "--inactive",
    "--gid",
    "--groups",
    "--skel",
    "--key",
    "--password",
    "--prefix",
    "--root",
    "--shell",
    "--uid",
    "--selinux-user",
]);
const USERMOD: Spec = Spec::new(&[
    "-c",
    "-d",
    "-e",
    "-f",
    "-g",
    "-G",
    "-l",
    "-p",
    "-P",
    "-R",
    "-s",
    "-u",
    "-v",
    "-V",
    "-w",
    "-W",
    "-Z",
    "--comment",
    "--home",
    "--expiredate",
    "--inactive",
    "--gid",
    "--groups",
    "--login",
    "--password",
    "--prefix",
    "--root",
    "--shell",
    "--uid",
    "--add-subuids",
    "--del-subuids",
    "--add-subgids",
    "--del-subgids",
    "--selinux-user",
]);

const HELP: &str = "create the account without a password (`useradd` leaves it locked) or lock it \
                    (`passwd -l`); give credentials to the container when it starts, from a secret";

impl Rule for PasswordInBuild {
    fn code(&self) -> &'static str {
        "DF103"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            for cmd in run.commands() {
                let Some((span, message, is_secret)) = finding(cmd, file.src) else { continue };
                let mut d = cx.diag(span, message).with_help(HELP);
                if is_secret {
                    d = d.with_secret(span);
                }
                cx.emit(d);
            }
        }
    }
}

/// The finding's span and message, and whether the span is the secret itself.
fn finding(cmd: &Command, src: &str) -> Option<(crate::span::Span, String, bool)> {
    const STORED: &str = "at build time: its hash stays in the image for everyone who pulls it";
    match cmd.program()? {
        "chpasswd" => Some((cmd.name.span, format!("`chpasswd` sets a password {STORED}"), false)),
        // Without --stdin or a pipe, passwd prompts (and fails in a build); -l/-d/-e do not set one.
        "passwd" => {
            let piped = cmd.pipe.is_some_and(|p| p.index > 0);
            let stdin = cmd.flag(None, &["stdin"]);
            let span = stdin.map_or(cmd.name.span, |a| a.span);
            (piped || stdin.is_some()).then(|| (span, format!("`passwd` reads a password {STORED}"), false))
        }
        p @ ("useradd" | "usermod") => {
            let parsed = cli::parse(&cmd.args, if p == "useradd" { &USERADD } else { &USERMOD });
            let value = parsed.last(Some('p'), &["password"])?.value?;
            let hash = value.text.filter(|_| cli::is_literal(value.arg, src))?;
            // `*` and `!...` are locked accounts: the safe way to write one.
            if hash.starts_with(['*', '!']) {
                return None;
            }
            let what =
                if hash.is_empty() { "an empty password".to_string() } else { format!("the hash {}", redact(hash)) };
            Some((value.arg.span, format!("`{p} --password` sets {what} {STORED}"), true))
        }
        "openssl" if cmd.subcommand(&[]).is_some_and(|a| a.is("passwd")) => {
            let mut operands = cmd.operands(&["-salt", "-in"]).skip(1);
            let password = operands.find(|a| cli::is_literal(a, src))?;
            let secret = password.value()?;
            let message = format!("`openssl passwd` hashes the literal password {} {STORED}", redact(secret));
            Some((password.span, message, true))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    fn passwords_set_at_build_time() {
        let src = "FROM debian\nRUN echo 'root:hunter2' | chpasswd\nRUN echo s3cret | passwd --stdin app\n\
                   RUN useradd -m -p '$6$abcdefgh$xyz' app && usermod --password=\"\" app\n\
                   RUN useradd -p \"$(openssl passwd -6 -salt xy Sup3rSecret!)\" bob\n";
        assert_eq!(
            spans("DF103", src),
            ["chpasswd", "--stdin", "'$6$abcdefgh$xyz'", "--password=\"\"", "Sup3rSecret!"]
        );
        let f = findings("DF103", src);
        assert_eq!(
            f[2].1,
            "`useradd --password` sets the hash \"$6$a…\" (15 chars) at build time: its hash stays in the image \
             for everyone who pulls it"
        );
        assert!(f[4].1.contains("\"Sup3…\" (12 chars)"), "{}", f[4].1);
        assert!(!f.iter().any(|(_, m)| m.contains("hunter2") || m.contains("Sup3rSecret")));
    }

    #[test]
    fn locked_unknown_and_prompting_are_not_reported() {
        let src = "FROM debian\nARG HASH\nRUN useradd -p '*' a && usermod -p '!' b && useradd -p \"$HASH\" c\n\
                   RUN passwd -l root && passwd -d app && useradd -l -m -s /bin/sh d && openssl passwd -stdin < f\n\
                   RUN useradd --password $(head -c32 /dev/urandom | base64) e\n";
        assert_eq!(spans("DF103", src), Vec::<String>::new());
    }
}
