//! DF602: `apt-get install` without `--no-install-recommends`: the image gets the packages'
//! recommendations too.

use super::packages::{
    APT_VALUED, apt_bool, apt_settings, apt_simulates, insert_after, is_apt, may_hide_options, subcommand,
};
use crate::diagnostic::Applicability;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::shell::Command;

pub struct AptInstallRecommends;

impl Rule for AptInstallRecommends {
    fn code(&self) -> &'static str {
        "DF602"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            for cmd in run.commands().filter(|c| is_apt(c)) {
                let Some(sub) = subcommand(cmd, APT_VALUED, &["install"]) else { continue };
                if skips_recommends(cmd) || apt_simulates(cmd) || may_hide_options(cx.src, cmd) {
                    continue;
                }
                let program = cmd.program().unwrap_or("apt-get");
                let mut d = cx
                    .diag(
                        cmd.name.span.cover(sub.span),
                        format!("`{program} install` also installs every recommended package"),
                    )
                    .with_help(format!(
                        "add `--no-install-recommends` (`{program} install --no-install-recommends ...`) and name \
                         the packages the image needs"
                    ));
                if let Some(fix) = insert_after(cx.src, sub, "--no-install-recommends", Applicability::Unsafe) {
                    d = d.with_fix(fix);
                }
                cx.emit(d);
            }
        }
    }
}

/// `--no-install-recommends`, `--install-recommends=no`, or `-o APT::Install-Recommends=false`
/// (any of apt's false spellings: `0`, `no`, `off`, ...).
fn skips_recommends(cmd: &Command) -> bool {
    cmd.has_flag(None, &["no-install-recommends"])
        || cmd
            .args
            .iter()
            .filter_map(|a| a.value()?.strip_prefix("--install-recommends="))
            .any(|v| apt_bool(v) == Some(false))
        || apt_settings(cmd).iter().any(|(k, v)| k == "apt::install-recommends" && apt_bool(v) == Some(false))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed, spans as hits};

    const CODE: &str = "DF602";

    #[test]
    fn reports_an_install_with_recommends() {
        assert_eq!(hits(CODE, "FROM debian\nRUN apt-get install -y curl\n"), ["apt-get install"]);
        assert_eq!(hits(CODE, "FROM debian\nRUN apt-get -o APT::Install-Recommends=true install -y curl\n").len(), 1);
        assert_eq!(hits(CODE, "FROM debian\nRUN apt install -y curl\n"), ["apt install"]);
        assert_eq!(hits(CODE, "FROM debian\nRUN echo curl | xargs apt-get install -y\n").len(), 1);
    }

    #[test]
    fn every_way_to_skip_recommends_is_accepted() {
        for run in [
            "apt-get install -y --no-install-recommends curl",
            "apt-get --no-install-recommends -y install curl",
            "apt-get install -y -o APT::Install-Recommends=false curl",
            "apt-get install -y -o APT::Install-Recommends=0 curl",
            "apt-get install -y -oAPT::Install-Recommends=no curl",
            "apt-get install -y -o 'apt::install-recommends=off' curl",
            "apt-get install -y --install-recommends=no curl",
            "apt-get install -y $APT_OPTS curl",
            "apt-get install --simulate curl",
            "apt-get update",
            "apt-get build-dep -y curl",
        ] {
            assert!(hits(CODE, &format!("FROM debian\nRUN {run}\n")).is_empty(), "{run}");
        }
    }

    #[test]
    fn the_fix_inserts_the_flag_after_install() {
        assert_eq!(
            fixed(CODE, "FROM debian\nRUN apt-get install -y curl\n"),
            "FROM debian\nRUN apt-get install --no-install-recommends -y curl\n"
        );
    }
}
