//! The yum and dnf rules (DF606-DF609) are the same checks over different programs: this is them.

use super::packages::{RPM_VALUED, insert_after, may_hide_options, mounted, removes, uncleaned};
use crate::diagnostic::Applicability;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::Context;
use crate::syntax::shell::{Arg, Command};

/// Actions that load the repository metadata and download packages into the cache.
const FETCHING: &[&str] = &[
    "install",
    "groupinstall",
    "localinstall",
    "reinstall",
    "update",
    "upgrade",
    "groupupdate",
    "downgrade",
    "distro-sync",
];
/// Actions that only remove; they ask first too.
const REMOVING: &[&str] = &["remove", "erase", "autoremove", "groupremove"];

/// Where the managers keep metadata and packages (`/var/cache/yum` is also dnf's on EL 8).
const CACHE_DIRS: &[&str] = &["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"];

/// The action word of an rpm package manager command: `install` of `dnf -y install x`, and of
/// `dnf group install x` / `dnf module install x`.
fn action<'c>(cmd: &'c Command, programs: &[&str]) -> Option<&'c Arg> {
    if !programs.iter().any(|p| cmd.is(p)) {
        return None;
    }
    let mut operands = cmd.operands(RPM_VALUED);
    let first = operands.next()?;
    if first.value().is_some_and(|v| matches!(v, "group" | "groups" | "module")) {
        operands.next()
    } else {
        Some(first)
    }
}

fn is_one_of(arg: &Arg, names: &[&str]) -> bool {
    arg.value().is_some_and(|v| names.contains(&v))
}

/// `-y`, `--assumeyes`, or `--setopt=assumeyes=1`.
fn assumes_yes(cmd: &Command) -> bool {
    cmd.has_flag(Some('y'), &["assumeyes"])
        || cmd.args.iter().filter_map(Arg::value).any(|v| {
            let setting = v.strip_prefix("--setopt=").unwrap_or(v);
            setting.strip_prefix("assumeyes=").is_some_and(|b| matches!(b, "1" | "True" | "true" | "yes"))
        })
}

/// Reports each command of `programs` that changes packages without `-y`.
pub(super) fn without_yes(cx: &mut Context<'_>, file: &DockerfileModel<'_>, programs: &[&str]) {
    for run in file.runs() {
        for cmd in run.commands() {
            let Some(act) = action(cmd, programs).filter(|a| is_one_of(a, FETCHING) || is_one_of(a, REMOVING)) else {
                continue;
            };
            if assumes_yes(cmd) || may_hide_options(cx.src, cmd) {
                continue;
            }
            let program = cmd.program().unwrap_or("dnf");
            let verb = act.value().unwrap_or("install");
            let mut d = cx
                .diag(
                    cmd.name.span.cover(act.span),
                    format!("`{program} {verb}` without `-y` waits for a confirmation the build cannot give"),
                )
                .with_help(format!("add `-y` (`{program} {verb} -y ...`)"));
            if let Some(fix) = insert_after(cx.src, act, "-y", Applicability::Safe) {
                d = d.with_fix(fix);
            }
            cx.emit(d);
        }
    }
}

/// Reports a RUN whose last package download by `programs` is not followed by `clean all` (of
/// any rpm manager) or an `rm` of the cache, unless a cache mount holds the cache.
pub(super) fn uncleaned_cache(cx: &mut Context<'_>, file: &DockerfileModel<'_>, programs: &[&str]) {
    const ANY: &[&str] = &["yum", "dnf", "microdnf", "dnf5", "tdnf"];
    for run in file.runs() {
        if CACHE_DIRS.iter().any(|d| mounted(file, &run, d)) {
            continue;
        }
        let fetches = |c: &Command| action(c, programs).is_some_and(|a| is_one_of(a, FETCHING));
        let cleans = |c: &Command| {
            action(c, ANY).is_some_and(|a| a.is("clean"))
                && c.operands(RPM_VALUED).filter_map(Arg::value).any(|v| v == "all")
                || CACHE_DIRS.iter().any(|d| removes(c, d))
        };
        let Some(cmd) = uncleaned(&run, fetches, cleans) else { continue };
        let Some(act) = action(cmd, programs) else { continue };
        let program = cmd.program().unwrap_or("dnf");
        let dir = if program.starts_with("dnf") { "dnf" } else { "yum" };
        let d = cx
            .diag(
                cmd.name.span.cover(act.span),
                format!("`{program}` leaves its metadata and package cache in the layer"),
            )
            .with_help(format!(
                "end the same RUN with `&& {program} clean all` (or `rm -rf /var/cache/{dir}`), or mount a cache: \
                 `RUN --mount=type=cache,target=/var/cache/{dir} ...`"
            ));
        cx.emit(d);
    }
}
