//! DF601: `apt-get install` without `-y`: apt stops at its confirmation prompt, which a build
//! cannot answer.

use super::packages::{
    APT_VALUED, apt_bool, apt_settings, apt_simulates, insert_after, is_apt, may_hide_options, subcommand,
};
use crate::diagnostic::Applicability;
use crate::model::dockerfile::DockerfileModel;
use crate::model::run::Run;
use crate::rules::{Context, Rule};
use crate::syntax::shell::Command;

pub struct AptInstallWithoutYes;

/// The subcommands that ask before they change packages.
const PROMPTING: &[&str] = &[
    "install",
    "reinstall",
    "remove",
    "purge",
    "autoremove",
    "autopurge",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "build-dep",
];

impl Rule for AptInstallWithoutYes {
    fn code(&self) -> &'static str {
        "DF601"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            for cmd in run.commands().filter(|c| is_apt(c)) {
                let Some(sub) = subcommand(cmd, APT_VALUED, PROMPTING) else { continue };
                if assumes_yes(cmd) || apt_simulates(cmd) || may_hide_options(cx.src, cmd) || answered_by_yes(&run, cmd)
                {
                    continue;
                }
                let program = cmd.program().unwrap_or("apt-get");
                let action = sub.value().unwrap_or("install");
                let mut d = cx
                    .diag(
                        cmd.name.span.cover(sub.span),
                        format!("`{program} {action}` without `-y` waits for a confirmation the build cannot give"),
                    )
                    .with_help(format!(
                        "add `-y` (`{program} {action} -y ...`); `DEBIAN_FRONTEND=noninteractive` does not answer \
                         this prompt"
                    ));
                if let Some(fix) = insert_after(cx.src, sub, "-y", Applicability::Safe) {
                    d = d.with_fix(fix);
                }
                cx.emit(d);
            }
        }
    }
}

/// `-y`, `--yes`, `--assume-yes`, `-o APT::Get::Assume-Yes=true`, or quiet level 2 (`-qq`,
/// `-q -q`, `-q=2`), which apt documents as implying `-y`.
fn assumes_yes(cmd: &Command) -> bool {
    if cmd.has_flag(Some('y'), &["yes", "assume-yes"]) {
        return true;
    }
    let mut quiet = 0;
    for v in cmd.args.iter().take_while(|a| !a.is("--")).filter_map(|a| a.value()) {
        if let Some(n) = v.strip_prefix("--quiet=").or_else(|| v.strip_prefix("-q=")) {
            quiet = n.parse().unwrap_or(quiet);
        } else if v == "--quiet" {
            quiet += 1;
        } else if let Some(cluster) = v.strip_prefix('-').filter(|c| c.chars().all(|x| x.is_ascii_alphanumeric())) {
            quiet += cluster.matches('q').count();
        }
    }
    for (key, value) in apt_settings(cmd) {
        match key.as_str() {
            "apt::get::assume-yes" if apt_bool(&value) == Some(true) => return true,
            "quiet" => quiet = value.parse().unwrap_or(quiet),
            _ => {}
        }
    }
    quiet >= 2
}

/// `yes | apt-get install x`: the pipe answers the prompt.
fn answered_by_yes(run: &Run<'_, '_>, cmd: &Command) -> bool {
    let Some(pipe) = cmd.pipe else { return false };
    run.commands().any(|c| c.is("yes") && c.pipe.is_some_and(|p| p.id == pipe.id && p.index < pipe.index))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed, spans as hits};

    const CODE: &str = "DF601";

    #[test]
    fn reports_the_install_without_yes() {
        assert_eq!(hits(CODE, "FROM debian\nRUN apt-get update && apt-get install curl\n"), ["apt-get install"]);
        assert_eq!(hits(CODE, "FROM debian\nRUN DEBIAN_FRONTEND=noninteractive apt-get install curl\n").len(), 1);
        assert_eq!(hits(CODE, "FROM debian\nRUN sudo apt-get install curl\n").len(), 1);
        assert_eq!(hits(CODE, "FROM debian\nRUN sh -c \"apt-get install curl\"\n").len(), 1);
        assert_eq!(hits(CODE, "FROM debian\nRUN apt install -q curl\n"), ["apt install"], "one -q is not enough");
        assert_eq!(hits(CODE, "FROM debian\nRUN xargs apt-get install < pkgs\n").len(), 1, "xargs reads /dev/null");
        assert_eq!(hits(CODE, "FROM debian\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\n").len(), 1);
    }

    #[test]
    fn yes_in_any_spelling_is_accepted() {
        for run in [
            "apt-get install -y curl",
            "apt-get -y install curl",
            "apt-get install -qqy curl",
            "apt-get install -qq curl",
            "apt-get install -qqq curl",
            "apt-get install -q -q curl",
            "apt-get install -q=2 curl",
            "apt-get install --assume-yes curl",
            "apt-get --yes install curl",
            "apt-get -o APT::Get::Assume-Yes=true install curl",
            "xargs apt-get install -y < pkgs",
            "yes | apt-get install curl",
            "apt-get install -s \"postgresql-$PG_MAJOR-jit\"",
            "apt-get --print-uris install curl",
            "apt-get install $APT_FLAGS curl",
            "apt-get -y -o Dpkg::Options::=--force-confold install curl",
            "apt-get update",
            "apt-get download curl",
            "apt-cache install",
        ] {
            let src = format!("FROM debian\nRUN {run}\n");
            assert!(hits(CODE, &src).is_empty(), "{run}");
        }
    }

    #[test]
    fn the_variable_is_resolved() {
        assert!(hits(CODE, "FROM debian\nARG APT_FLAGS=-y\nRUN apt-get install $APT_FLAGS curl\n").is_empty());
        assert_eq!(hits(CODE, "FROM debian\nARG APT_FLAGS=-q\nRUN apt-get install $APT_FLAGS curl\n").len(), 1);
    }

    #[test]
    fn the_fix_inserts_yes_after_the_subcommand() {
        assert_eq!(
            fixed(CODE, "FROM debian\nRUN apt-get -q  install \\\n    curl\n"),
            "FROM debian\nRUN apt-get -q  install -y \\\n    curl\n"
        );
        assert_eq!(
            fixed(CODE, "FROM debian\nRUN sh -c 'apt-get install curl'\n"),
            "FROM debian\nRUN sh -c 'apt-get install -y curl'\n"
        );
    }
}
