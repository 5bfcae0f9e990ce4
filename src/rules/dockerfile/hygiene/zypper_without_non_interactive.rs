//! DF610: `zypper install` without `-n`: zypper stops at its confirmation prompt.

use super::packages::{ZYPPER_VALUED, insert_after, may_hide_options, subcommand};
use crate::diagnostic::Applicability;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct ZypperWithoutNonInteractive;

/// Subcommands (and their aliases) that ask before they change packages.
const PROMPTING: &[&str] = &[
    "install",
    "in",
    "remove",
    "rm",
    "source-install",
    "si",
    "patch",
    "update",
    "up",
    "dist-upgrade",
    "dup",
    "install-new-recommends",
    "inr",
];

impl Rule for ZypperWithoutNonInteractive {
    fn code(&self) -> &'static str {
        "DF610"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            for cmd in run.commands().filter(|c| c.is("zypper")) {
                let Some(sub) = subcommand(cmd, ZYPPER_VALUED, PROMPTING) else { continue };
                // `-n` / `--non-interactive` globally, `-y` / `--no-confirm` after the subcommand.
                let answered =
                    cmd.has_flag(Some('n'), &["non-interactive"]) || cmd.has_flag(Some('y'), &["no-confirm"]);
                if answered || may_hide_options(cx.src, cmd) {
                    continue;
                }
                let verb = sub.value().unwrap_or("install");
                let mut d = cx
                    .diag(
                        cmd.name.span.cover(sub.span),
                        format!("`zypper {verb}` without `-n` waits for a confirmation the build cannot give"),
                    )
                    .with_help(format!("add the global `-n` (`zypper -n {verb} ...`), or `-y` after `{verb}`"));
                if let Some(fix) = insert_after(cx.src, &cmd.name, "-n", Applicability::Safe) {
                    d = d.with_fix(fix);
                }
                cx.emit(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed, spans as hits};

    const CODE: &str = "DF610";

    #[test]
    fn reports_changes_without_non_interactive() {
        assert_eq!(hits(CODE, "FROM opensuse/leap\nRUN zypper install curl\n"), ["zypper install"]);
        assert_eq!(hits(CODE, "FROM opensuse/leap\nRUN zypper --root /mnt in curl\n"), ["zypper --root /mnt in"]);
        assert_eq!(hits(CODE, "FROM opensuse/leap\nRUN zypper up\n").len(), 1);
    }

    #[test]
    fn non_interactive_and_read_only_commands_are_accepted() {
        for run in [
            "zypper -n install curl",
            "zypper --non-interactive in curl",
            "zypper in -y curl",
            "zypper install --no-confirm curl",
            "zypper -qn in curl",
            "zypper refresh",
            "zypper search curl",
            "zypper clean -a",
        ] {
            assert!(hits(CODE, &format!("FROM opensuse/leap\nRUN {run}\n")).is_empty(), "{run}");
        }
    }

    #[test]
    fn the_fix_adds_the_global_option() {
        assert_eq!(
            fixed(CODE, "FROM opensuse/leap\nRUN zypper in curl\n"),
            "FROM opensuse/leap\nRUN zypper -n in curl\n"
        );
    }
}
