//! Transport security (DF32x): TLS certificate checks and package signature checks turned off.
//!
//! The helpers here are shared by the rules of the family: the commands of every RUN, the
//! environment variables a stage sets, the text a RUN writes into configuration files, and
//! whether a package argument is a file the build made itself.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::Rule;
use crate::rules::dockerfile::cli;
use crate::span::Span;
use crate::syntax::shell::{Arg, Command, Script};

pub mod apk_allow_untrusted;
pub mod apt_allow_unauthenticated;
pub mod curl_insecure;
pub mod git_ssl_verify_disabled;
pub mod gpg_check_disabled;
pub mod npm_strict_ssl_disabled;
pub mod pip_trusted_host;
pub mod tls_verification_disabled_env;
pub mod wget_no_check_certificate;

pub static RULES: &[&dyn Rule] = &[
    &tls_verification_disabled_env::TlsVerificationDisabledEnv,
    &curl_insecure::CurlInsecure,
    &wget_no_check_certificate::WgetNoCheckCertificate,
    &pip_trusted_host::PipTrustedHost,
    &apk_allow_untrusted::ApkAllowUntrusted,
    &apt_allow_unauthenticated::AptAllowUnauthenticated,
    &gpg_check_disabled::GpgCheckDisabled,
    &npm_strict_ssl_disabled::NpmStrictSslDisabled,
    &git_ssl_verify_disabled::GitSslVerifyDisabled,
];

/// Every command of every RUN, with the script it belongs to.
pub(crate) fn commands<'m>(file: &'m DockerfileModel<'_>) -> impl Iterator<Item = (&'m Script, &'m Command)> {
    file.runs().flat_map(|run| {
        let script = run.script;
        script.commands.iter().map(move |c| (script, c))
    })
}

/// An environment variable set as the `NAME=value` prefix of a RUN command (`ENV` and `ARG` are
/// rule DF323's, which owns every TLS-disabling variable of the image configuration).
pub(crate) struct EnvSet {
    pub name: String,
    /// `None` when only the build knows it.
    pub value: Option<String>,
    pub span: Span,
}

/// The RUN commands that set one of `names`: for themselves (`NAME=value cmd`) or for the rest of
/// the script (`export NAME=value`).
pub(crate) fn env_sets(file: &DockerfileModel<'_>, names: &[&str]) -> Vec<EnvSet> {
    let mut out = Vec::new();
    for (_, cmd) in commands(file) {
        for (name, value) in cmd.assignments.iter().filter(|(n, _)| names.contains(&n.as_str())) {
            if let Some(span) = cli::assignment_span(cmd, name, file.src) {
                out.push(EnvSet { name: name.clone(), value: value.clone(), span });
            }
        }
        if cmd.is("export") {
            for arg in &cmd.args {
                let Some((name, value)) = arg.value().and_then(|v| v.split_once('=')) else { continue };
                if names.contains(&name) {
                    out.push(EnvSet { name: name.to_string(), value: Some(value.to_string()), span: arg.span });
                }
            }
        }
    }
    out
}

/// Text a RUN writes into files, line by line where the lines are known: heredoc bodies that are
/// file contents (`cat <<EOF > /etc/x.repo`), the words of `echo` and `printf`, and the
/// replacement of a `sed` `s///` expression.
pub(crate) fn written_text(file: &DockerfileModel<'_>) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    for run in file.runs() {
        let mut bodies = Vec::new();
        for doc in &run.instr.heredocs {
            // A heredoc the shell runs is already read as commands.
            if run.commands().any(|c| doc.body.contains(c.span.start)) {
                continue;
            }
            bodies.push(doc.body);
            let mut at = 0;
            for line in doc.text.split_inclusive('\n') {
                let text = line.trim_end_matches(['\n', '\r']);
                out.push((text.to_string(), doc.map().span(at, at + text.len())));
                at += line.len();
            }
        }
        for cmd in run.commands().filter(|c| !bodies.iter().any(|b| b.contains(c.span.start))) {
            let sed = cmd.is("sed");
            if !sed && !cmd.is("echo") && !cmd.is("printf") {
                continue;
            }
            for arg in &cmd.args {
                let text = arg.value().unwrap_or_else(|| arg.span.slice(file.src));
                // `echo -e` and `printf` turn `\n` into line breaks.
                let text =
                    if sed { sed_replacement(text).map(str::to_string) } else { Some(text.replace("\\n", "\n")) };
                if let Some(text) = text {
                    out.push((text, arg.span));
                }
            }
        }
    }
    out
}

/// The replacement of `s/pattern/replacement/flags` (any delimiter).
fn sed_replacement(expr: &str) -> Option<&str> {
    let rest = expr.strip_prefix('s')?;
    let delim = rest.chars().next().filter(|c| !c.is_alphanumeric() && !c.is_whitespace())?;
    let mut parts = rest[delim.len_utf8()..].split(delim);
    parts.next()?;
    parts.next()
}

/// The value given to `key` in configuration text (`key=value`, `key = value`, and with
/// `spaced`, `key value`), for each place the key appears as a whole word.
pub(crate) fn config_values<'t>(text: &'t str, key: &str, spaced: bool) -> Vec<&'t str> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for (at, _) in lower.match_indices(&key.to_ascii_lowercase()) {
        let before = lower[..at].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')) {
            continue;
        }
        let rest = &text[at + key.len()..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let value = match trimmed.strip_prefix(['=', ':']) {
            Some(v) => v.trim_start_matches([' ', '\t']),
            None if spaced && trimmed.len() < rest.len() => trimmed,
            None => continue,
        };
        let value = value.trim_start_matches(['"', '\'']);
        out.push(&value[..value.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(value.len())]);
    }
    out
}

/// A boolean setting that is off (`false`, `0`, `no`, `off`, any case).
pub(crate) fn is_off(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "false" | "0" | "no" | "off")
}

/// A boolean setting that is on (`true`, `1`, `yes`, `on`, any case).
pub(crate) fn is_on(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "true" | "1" | "yes" | "on")
}

/// A package given as a local file (`./x.apk`, `/tmp/packages/*.rpm`) that no earlier `curl` or
/// `wget` of the same RUN downloaded: a package the build made itself (in a builder stage), which
/// has no signature to check.
pub(crate) fn own_package_file(script: &Script, cmd: &Command, arg: &Arg, src: &str, ext: &str) -> bool {
    let text = arg.value().unwrap_or_else(|| arg.span.slice(src)).trim_matches(['"', '\'']);
    if text.contains("://") || !text.ends_with(ext) {
        return false;
    }
    let name = text.rsplit('/').next().unwrap_or(text);
    let downloaded = script.commands.iter().filter(|c| c.span.start < cmd.span.start).any(|c| {
        (c.is("curl") || c.is("wget"))
            && c.args.iter().filter_map(|a| a.value()).any(|v| v == text || v.ends_with(&format!("/{name}")))
    });
    !downloaded
}

/// The arguments pip reads, for `pip`, `pip3`, `pip3.12` and `python3 -m pip`.
pub(crate) fn pip_args(cmd: &Command) -> Option<&[Arg]> {
    let program = cmd.program()?;
    let versioned = |base: &str| {
        program == base || program.strip_prefix(base).is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
    };
    if versioned("pip") {
        return Some(&cmd.args);
    }
    if !versioned("python") {
        return None;
    }
    let at = cmd.args.iter().position(|a| a.is("-m"))?;
    cmd.args.get(at + 1).filter(|a| a.is("pip")).and_then(|_| cmd.args.get(at + 2..))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_values() {
        assert_eq!(config_values("[x]\ngpgcheck=0\nrepo_gpgcheck = 1", "gpgcheck", false), ["0"]);
        assert_eq!(config_values("strict-ssl false", "strict-ssl", true), ["false"]);
        assert_eq!(config_values("strict-ssl false", "strict-ssl", false), Vec::<&str>::new());
        assert_eq!(config_values("check_certificate = \"off\"", "check_certificate", false), ["off"]);
        assert_eq!(sed_replacement("s|gpgcheck=1|gpgcheck=0|g"), Some("gpgcheck=0"));
        assert_eq!(sed_replacement("-i"), None);
    }
}
