//! What the package-manager rules of this family share: which subcommand a manager runs, which
//! options it was given, whether a RUN keeps a cache directory out of the layer (a cache mount, an
//! `rm`, a clean command after the install), and the fix that inserts a flag after a word.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::model::run::Run;
use crate::span::Span;
use crate::syntax::shell::{Arg, Command};

pub(super) use crate::rules::dockerfile::package_options::{
    APK as APK_VALUED, APT as APT_VALUED, RPM as RPM_VALUED, ZYPPER as ZYPPER_VALUED,
};

/// `apt-get` or its end-user front end `apt`, which share the subcommands and options.
pub(super) fn is_apt(cmd: &Command) -> bool {
    cmd.is("apt-get") || cmd.is("apt")
}

/// The subcommand word of `cmd` (its first operand, skipping `valued` options and their values)
/// when it is one of `names`.
pub(super) fn subcommand<'c>(cmd: &'c Command, valued: &'c [&'c str], names: &[&str]) -> Option<&'c Arg> {
    cmd.subcommand(valued).filter(|a| a.value().is_some_and(|v| names.contains(&v)))
}

/// Some argument only the build knows could stand for the very option a rule looks for: an
/// option with an unknown value (`--progress=$P`), `$@` / `$*`, or an unquoted expansion whose name
/// says it holds options (`$APT_OPTS`, `${PIP_FLAGS}`, `$EXTRA_ARGS`). Other unknown words
/// (`"$url"`, `$(cat packages.txt)`) are operands.
pub(super) fn may_hide_options(src: &str, cmd: &Command) -> bool {
    cmd.args.iter().filter(|a| a.value.is_none()).any(|a| {
        let raw = a.span.slice(src).trim_start_matches(['"', '\'']);
        let Some(name) = raw.strip_prefix('$') else { return raw.starts_with('-') };
        let name = name.trim_start_matches('{').to_ascii_uppercase();
        name.starts_with(['@', '*']) || ["OPT", "FLAG", "ARG"].iter().any(|w| name.contains(w))
    })
}

/// The `-o KEY=VALUE` settings of an apt command (also `-oKEY=VALUE`, `--option KEY=VALUE`,
/// `--option=KEY=VALUE`), keys lowercased as apt compares them.
pub(super) fn apt_settings(cmd: &Command) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut args = cmd.args.iter().take_while(|a| !a.is("--")).filter_map(Arg::value);
    while let Some(a) = args.next() {
        let setting = match a {
            "-o" | "--option" => args.next(),
            _ => a.strip_prefix("--option=").or_else(|| a.strip_prefix("-o").filter(|r| !r.is_empty())),
        };
        if let Some((k, v)) = setting.and_then(|s| s.trim_start_matches('=').split_once('=')) {
            out.push((k.to_ascii_lowercase(), v.to_string()));
        }
    }
    out
}

/// `apt-get -s install ...` only prints what it would do (`--simulate`, `--dry-run`, ...), and
/// `--print-uris` only the download addresses: nothing is asked or installed.
pub(super) fn apt_simulates(cmd: &Command) -> bool {
    cmd.has_flag(Some('s'), &["simulate", "just-print", "dry-run", "recon", "no-act", "print-uris"])
}

/// apt's reading of a boolean setting (`StringToBool`): `None` when it is neither.
pub(super) fn apt_bool(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "no" | "false" | "without" | "off" | "disable" => Some(false),
        "yes" | "true" | "with" | "on" | "enable" => Some(true),
        v => v.parse::<i64>().ok().map(|n| n != 0),
    }
}

/// `dir` is `target` or lies below it.
pub(super) fn covers(target: &str, dir: &str) -> bool {
    let target = target.trim_end_matches('/');
    dir == target || dir.strip_prefix(target).is_some_and(|rest| rest.starts_with('/'))
}

/// The targets of the RUN's cache and tmpfs mounts (whose content never reaches the layer),
/// expanded with the ARG/ENV values in scope; a target that cannot be expanded is left out.
pub(super) fn cache_mount_targets(file: &DockerfileModel<'_>, run: &Run<'_, '_>) -> Vec<String> {
    let scope = file.scope_at(run.stage, run.index);
    let mut out = Vec::new();
    for flag in run.instr.flags.iter().filter(|f| f.name == "mount") {
        let Some(spec) = flag.value.as_deref() else { continue };
        let mut kind = "bind";
        let mut target = None;
        for field in spec.split(',') {
            let (k, v) = field.split_once('=').unwrap_or((field, ""));
            let v = v.trim_matches('"');
            match k.trim().to_ascii_lowercase().as_str() {
                "type" => kind = v,
                "target" | "dst" | "destination" => target = Some(v),
                _ => {}
            }
        }
        if matches!(kind, "cache" | "tmpfs")
            && let Some(t) = target.and_then(|t| scope.expand(t))
        {
            out.push(t);
        }
    }
    out
}

/// The RUN mounts a cache or tmpfs over `dir` or a directory above it.
pub(super) fn mounted(file: &DockerfileModel<'_>, run: &Run<'_, '_>, dir: &str) -> bool {
    cache_mount_targets(file, run).iter().any(|t| covers(t, dir))
}

/// `cmd` is an `rm` of `dir`, of everything in it (`dir/*`), or of a directory above it.
pub(super) fn removes(cmd: &Command, dir: &str) -> bool {
    cmd.is("rm")
        && cmd.operands(&[]).filter_map(Arg::value).any(|p| {
            let p = p.strip_suffix('*').unwrap_or(p);
            !p.is_empty() && covers(p, dir)
        })
}

/// The last command of the RUN that `installs`, unless a command that `cleans` comes after it.
pub(super) fn uncleaned<'r>(
    run: &'r Run<'_, '_>,
    installs: impl Fn(&Command) -> bool,
    cleans: impl Fn(&Command) -> bool,
) -> Option<&'r Command> {
    let mut pending = None;
    for cmd in run.commands() {
        if installs(cmd) {
            pending = Some(cmd);
        } else if cleans(cmd) {
            pending = None;
        }
    }
    pending
}

/// A fix that inserts ` flag` right after `word`, offered only when the word is written literally
/// in the source (not the product of a variable, nor inside an escaped `sh -c` string whose
/// offsets are approximate).
pub(super) fn insert_after(src: &str, word: &Arg, flag: &str, applicability: Applicability) -> Option<Fix> {
    let value = word.value()?;
    (word.span.slice(src) == value).then(|| Fix {
        message: format!("add `{flag}`"),
        applicability,
        edits: vec![Edit { span: Span::point(word.span.end), replacement: format!(" {flag}") }],
    })
}

/// Reports each upgrade (`subs`) of a package manager (`is`) in a RUN: the image then depends on
/// the day it is built. Shared by DF613 and DF614.
pub(super) fn report_upgrades(
    cx: &mut crate::rules::Context<'_>,
    file: &DockerfileModel<'_>,
    is: fn(&Command) -> bool,
    valued: &[&str],
    subs: &[&str],
) {
    for run in file.runs() {
        for cmd in run.commands().filter(|c| is(c)) {
            let Some(sub) = subcommand(cmd, valued, subs) else { continue };
            let program = cmd.program().unwrap_or_default();
            let verb = sub.value().unwrap_or_default();
            let d = cx
                .diag(
                    cmd.name.span.cover(sub.span),
                    format!("`{program} {verb}` makes the image depend on the day it is built"),
                )
                .with_help(
                    "rebuild from an updated base image instead (pin it by digest and let a bot bump it), and \
                     install the specific packages you need",
                );
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_means_equal_or_below() {
        assert!(covers("/var/lib/apt", "/var/lib/apt/lists"));
        assert!(covers("/var/lib/apt/lists/", "/var/lib/apt/lists"));
        assert!(!covers("/var/lib/ap", "/var/lib/apt/lists"));
        assert!(!covers("/var/lib/apt/lists/partial", "/var/lib/apt/lists"));
    }

    #[test]
    fn apt_booleans() {
        assert_eq!(apt_bool("False"), Some(false));
        assert_eq!(apt_bool("0"), Some(false));
        assert_eq!(apt_bool("2"), Some(true));
        assert_eq!(apt_bool("maybe"), None);
    }
}
