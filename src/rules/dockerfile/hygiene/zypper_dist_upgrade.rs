//! DF612: `zypper dist-upgrade` in a Dockerfile: it may move the image to another release.

use super::packages::{ZYPPER_VALUED, subcommand};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct ZypperDistUpgrade;

impl Rule for ZypperDistUpgrade {
    fn code(&self) -> &'static str {
        "DF612"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            for cmd in run.commands().filter(|c| c.is("zypper")) {
                let Some(sub) = subcommand(cmd, ZYPPER_VALUED, &["dist-upgrade", "dup"]) else { continue };
                let d = cx
                    .diag(
                        cmd.name.span.cover(sub.span),
                        "`zypper dist-upgrade` can replace, downgrade or remove packages and change the release",
                    )
                    .with_help(
                        "use a base image of the release you want; to pick up fixes, rebuild from an updated base \
                         or run `zypper -n patch`",
                    );
                cx.emit(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans as hits;

    const CODE: &str = "DF612";

    #[test]
    fn reports_dist_upgrade_and_its_alias() {
        assert_eq!(hits(CODE, "FROM opensuse/tumbleweed\nRUN zypper -n dup\n"), ["zypper -n dup"]);
        assert_eq!(hits(CODE, "FROM opensuse/tumbleweed\nRUN zypper dist-upgrade -y\n").len(), 1);
        assert!(hits(CODE, "FROM opensuse/leap\nRUN zypper -n up && zypper -n patch\n").is_empty());
    }
}
