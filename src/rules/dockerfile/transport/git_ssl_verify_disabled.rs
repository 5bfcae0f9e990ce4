//! DF328: git told not to verify the server's certificate (`git config http.sslVerify false`,
//! `git -c http.sslVerify=false`, `GIT_SSL_NO_VERIFY`).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::cli::{self, Spec};
use crate::rules::dockerfile::transport::{commands, env_sets, is_off};
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::shell::Command;

pub struct GitSslVerifyDisabled;

/// git's own options before the subcommand.
const GIT: Spec = Spec::new(&["-c", "-C", "--git-dir", "--work-tree", "--namespace", "--config-env"]);
/// `git config` options that take a value.
const CONFIG: Spec = Spec::new(&["-f", "--file", "--blob", "--type", "--default", "--comment", "--value"]);

const HELP: &str = "remove it; for a server with a private CA point git at the CA (`git config --global \
                    http.sslCAInfo /path/ca.pem`) or add it to the system store";

impl Rule for GitSslVerifyDisabled {
    fn code(&self) -> &'static str {
        "DF328"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let mut found: Vec<(Span, String)> = Vec::new();
        for (_, cmd) in commands(file).filter(|(_, c)| c.is("git")) {
            if let Some((span, shown)) = git_setting(cmd) {
                found.push((span, format!("`{shown}` turns off TLS certificate verification for git")));
            }
        }
        // git skips the check when the variable is set at all, whatever its value.
        for set in env_sets(file, &["GIT_SSL_NO_VERIFY"]) {
            let shown = format!("GIT_SSL_NO_VERIFY={}", set.value.as_deref().unwrap_or("..."));
            found.push((set.span, format!("`{shown}` turns off TLS certificate verification for git")));
        }
        found.sort_by_key(|(s, _)| s.start);
        for (span, message) in found {
            let d = cx.diag(span, message).with_help(HELP);
            cx.emit(d);
        }
    }
}

/// `http.sslVerify` and `http.<url>.sslVerify`, in any case.
fn is_ssl_verify(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("http.") && key.ends_with(".sslverify")
}

/// `git -c http.sslVerify=false ...` or `git config [opts] [set] http.sslVerify false`.
fn git_setting(cmd: &Command) -> Option<(Span, String)> {
    let parsed = cli::parse(&cmd.args, &GIT);
    for opt in parsed.opts.iter().filter(|o| o.is(Some('c'), &[])) {
        let Some(value) = opt.value else { continue };
        if let Some((key, v)) = value.text.and_then(|t| t.split_once('='))
            && is_ssl_verify(key)
            && is_off(v)
        {
            return Some((value.arg.span, format!("git -c {key}={v}")));
        }
    }
    // The subcommand's own arguments start after it.
    let sub = parsed.operands.first()?;
    if !sub.is("config") {
        return None;
    }
    let at = cmd.args.iter().position(|a| a.span == sub.span)?;
    let config = cli::parse(cmd.args.get(at + 1..)?, &CONFIG);
    let mut words = config.operands.iter().copied().peekable();
    if words.peek().is_some_and(|w| w.is("set")) {
        words.next();
    }
    let (key, value) = (words.next()?, words.next()?);
    let (k, v) = (key.value()?, value.value()?);
    (is_ssl_verify(k) && (is_off(v) || v.is_empty()))
        .then(|| (key.span.cover(value.span), format!("git config {k} {v}")))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    /// `ENV GIT_SSL_NO_VERIFY=1` is DF323's; a command prefix is this rule's.
    fn verification_off() {
        let src = "FROM alpine/git\nRUN git config --global http.sslVerify false && git config --system http.sslverify 0\n\
                   RUN git -c http.sslVerify=false clone https://g.example/r.git && git config http.https://g.example.sslVerify no\n\
                   ENV GIT_SSL_NO_VERIFY=1\nRUN GIT_SSL_NO_VERIFY=true git clone https://x/y.git\nRUN export GIT_SSL_NO_VERIFY=1 && git clone https://x/z.git\n";
        assert_eq!(
            spans("DF328", src),
            [
                "http.sslVerify false",
                "http.sslverify 0",
                "http.sslVerify=false",
                "http.https://g.example.sslVerify no",
                "GIT_SSL_NO_VERIFY=true",
                "GIT_SSL_NO_VERIFY=1",
            ]
        );
        assert_eq!(
            findings("DF328", src)[0].1,
            "`git config http.sslVerify false` turns off TLS certificate verification for git"
        );
    }

    #[test]
    fn verification_on() {
        let src = "FROM alpine/git\nRUN git config --global http.sslVerify true && git config --unset http.sslVerify\n\
                   RUN git config --global http.sslCAInfo /ca.pem && git -c core.autocrlf=false clone https://x/y.git\n\
                   RUN git config --get http.sslVerify && git log --grep http.sslVerify false\n";
        assert_eq!(spans("DF328", src), Vec::<String>::new());
    }
}
