//! DF603: `apt-get update` in an image stage without removing `/var/lib/apt/lists` in the same RUN.

use super::packages::{APT_VALUED, is_apt, mounted, removes, subcommand, uncleaned};
use crate::model::dockerfile::{DockerfileModel, Stage};
use crate::rules::{Context, Rule};
use crate::syntax::shell::Command;

pub struct AptListsNotRemoved;

const LISTS: &str = "/var/lib/apt/lists";

impl Rule for AptListsNotRemoved {
    fn code(&self) -> &'static str {
        "DF603"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let shipped = shipped_stages(file);
        for run in file.runs() {
            if !shipped.contains(&run.stage.index) || mounted(file, &run, LISTS) {
                continue;
            }
            let updates = |c: &Command| is_apt(c) && subcommand(c, APT_VALUED, &["update"]).is_some();
            let Some(cmd) = uncleaned(&run, updates, removes_lists) else { continue };
            let Some(sub) = subcommand(cmd, APT_VALUED, &["update"]) else { continue };
            let program = cmd.program().unwrap_or("apt-get");
            let d = cx
                .diag(
                    cmd.name.span.cover(sub.span),
                    format!("`{program} update` leaves the package lists in the image"),
                )
                .with_help(format!(
                    "end the same RUN with `&& rm -rf {LISTS}/*`, or mount a cache: \
                     `RUN --mount=type=cache,target={LISTS} ...`"
                ));
            cx.emit(d);
        }
    }
}

/// `rm -rf /var/lib/apt/lists/*`, or apt's own `apt-get distclean` (apt 2.7.8 and later).
fn removes_lists(cmd: &Command) -> bool {
    removes(cmd, LISTS) || is_apt(cmd) && subcommand(cmd, APT_VALUED, &["distclean", "dist-clean"]).is_some()
}

/// The stages whose files end up in the image: the final stage and the stages it is built on
/// (`FROM <stage>`); a builder stage that is only copied from does not ship its lists.
fn shipped_stages(file: &DockerfileModel<'_>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stage: Option<&Stage<'_>> = file.final_stage();
    while let Some(s) = stage.filter(|s| !out.contains(&s.index)) {
        out.push(s.index);
        stage = s.base_stage.and_then(|b| file.stages.get(b));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans as hits;

    const CODE: &str = "DF603";

    #[test]
    fn reports_an_update_whose_lists_stay() {
        assert_eq!(hits(CODE, "FROM debian\nRUN apt-get update && apt-get install -y curl\n"), ["apt-get update"]);
        assert_eq!(hits(CODE, "FROM debian\nRUN apt update\n"), ["apt update"]);
        // Removing the lists before the update, or something else, does not help.
        assert_eq!(hits(CODE, "FROM debian\nRUN rm -rf /var/lib/apt/lists/* && apt-get update\n").len(), 1);
        assert_eq!(hits(CODE, "FROM debian\nRUN apt-get update && rm -rf /tmp/*\n").len(), 1);
        assert_eq!(hits(CODE, "FROM debian\nRUN apt-get update && apt-get clean\n").len(), 1);
        // A cache over /var/cache/apt does not hold the lists.
        assert_eq!(hits(CODE, "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n").len(), 1);
    }

    #[test]
    fn removed_lists_and_cache_mounts_are_accepted() {
        for run in [
            "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
            "apt-get update && apt-get install -y curl && rm -r -f /var/lib/apt/lists",
            "set -eux; apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists/*",
            "apt-get update && apt-get install -y curl && apt-get distclean",
            "apt-get update && apt-get install -y curl && apt-get dist-clean",
            "--mount=type=cache,target=/var/lib/apt/lists apt-get update",
            "--mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update",
            "apt-get install -y curl",
        ] {
            assert!(hits(CODE, &format!("FROM debian\nRUN {run}\n")).is_empty(), "{run}");
        }
    }

    #[test]
    fn only_stages_that_ship_count() {
        let builder = "FROM debian AS build\nRUN apt-get update && apt-get install -y gcc\n\
                       FROM debian\nCOPY --from=build /out /out\n";
        assert!(hits(CODE, builder).is_empty());
        let base = "FROM debian AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nRUN echo\n";
        assert_eq!(hits(CODE, base).len(), 1);
    }
}
