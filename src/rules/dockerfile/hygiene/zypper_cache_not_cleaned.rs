//! DF611: `zypper install` not followed by `zypper clean` in the same RUN.

use super::packages::{ZYPPER_VALUED, mounted, removes, subcommand, uncleaned};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::shell::Command;

pub struct ZypperCacheNotCleaned;

const CACHE: &str = "/var/cache/zypp";
/// Subcommands (and their aliases) that refresh metadata and download packages.
const FETCHING: &[&str] = &["install", "in", "source-install", "si", "update", "up", "patch", "dist-upgrade", "dup"];

impl Rule for ZypperCacheNotCleaned {
    fn code(&self) -> &'static str {
        "DF611"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            if mounted(file, &run, CACHE) {
                continue;
            }
            let fetches = |c: &Command| c.is("zypper") && subcommand(c, ZYPPER_VALUED, FETCHING).is_some();
            let cleans = |c: &Command| {
                c.is("zypper") && subcommand(c, ZYPPER_VALUED, &["clean", "cc"]).is_some() || removes(c, CACHE)
            };
            let Some(cmd) = uncleaned(&run, fetches, cleans) else { continue };
            let Some(sub) = subcommand(cmd, ZYPPER_VALUED, FETCHING) else { continue };
            let d = cx
                .diag(cmd.name.span.cover(sub.span), "`zypper` leaves its metadata and package cache in the layer")
                .with_help(format!(
                    "end the same RUN with `&& zypper clean --all`, or mount a cache: \
                     `RUN --mount=type=cache,target={CACHE} ...`"
                ));
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans as hits;

    const CODE: &str = "DF611";

    #[test]
    fn reports_the_last_install_left_uncleaned() {
        assert_eq!(hits(CODE, "FROM opensuse/leap\nRUN zypper -n in curl\n"), ["zypper -n in"]);
        assert_eq!(hits(CODE, "FROM opensuse/leap\nRUN zypper clean && zypper -n in curl\n").len(), 1);
    }

    #[test]
    fn a_clean_a_removal_or_a_cache_mount_is_accepted() {
        for run in [
            "zypper -n in curl && zypper clean -a",
            "zypper -n in curl && zypper cc",
            "zypper -n in curl && rm -rf /var/cache/zypp/*",
            "--mount=type=cache,target=/var/cache/zypp zypper -n in curl",
            "zypper -n rm curl",
        ] {
            assert!(hits(CODE, &format!("FROM opensuse/leap\nRUN {run}\n")).is_empty(), "{run}");
        }
    }
}
