//! DF616: `yarn install` not followed by `yarn cache clean` in the same RUN.

use super::packages::{cache_mount_targets, uncleaned};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::shell::{Arg, Command};

pub struct YarnCacheNotCleaned;

/// yarn's options whose value is the next word.
const YARN_VALUED: &[&str] = &["--cwd", "--cache-folder", "--modules-folder", "--network-timeout", "--mutex"];

impl Rule for YarnCacheNotCleaned {
    fn code(&self) -> &'static str {
        "DF616"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            // A cache mount for yarn's cache folder (`/usr/local/share/.cache/yarn`, `~/.cache/yarn`, ...).
            if cache_mount_targets(file, &run).iter().any(|t| t.contains("yarn")) {
                continue;
            }
            let Some(cmd) = uncleaned(&run, installs, cleans) else { continue };
            let span = cmd.subcommand(YARN_VALUED).map_or(cmd.name.span, |s| cmd.name.span.cover(s.span));
            let d = cx.diag(span, "`yarn install` leaves the package cache in the layer").with_help(
                "end the same RUN with `&& yarn cache clean`, or mount a cache: \
                     `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn ...`",
            );
            cx.emit(d);
        }
    }
}

/// `yarn install`, or `yarn` with no subcommand (which installs), unless it only prints its
/// version or help.
fn installs(cmd: &Command) -> bool {
    cmd.is("yarn")
        && match cmd.subcommand(YARN_VALUED) {
            Some(sub) => sub.is("install"),
            None => !cmd.has_flag(Some('v'), &["version"]) && !cmd.has_flag(Some('h'), &["help"]),
        }
}

/// `yarn cache clean`, or an `rm` of a yarn cache folder (`.../.cache/yarn`, `.yarn-cache`).
fn cleans(cmd: &Command) -> bool {
    if cmd.is("yarn") {
        let words: Vec<Option<&str>> = cmd.operands(YARN_VALUED).map(Arg::value).collect();
        return words.starts_with(&[Some("cache"), Some("clean")]);
    }
    cmd.is("rm")
        && cmd.operands(&[]).filter_map(Arg::value).any(|p| {
            let p = p.trim_end_matches(['*', '/']);
            p.ends_with(".cache/yarn") || p.ends_with(".yarn-cache") || p.ends_with(".yarn/cache")
        })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans as hits;

    const CODE: &str = "DF616";

    #[test]
    fn reports_an_install_left_uncleaned() {
        assert_eq!(hits(CODE, "FROM node:20\nRUN yarn install --frozen-lockfile\n"), ["yarn install"]);
        assert_eq!(hits(CODE, "FROM node:20\nRUN yarn --cwd web install\n"), ["yarn --cwd web install"]);
        assert_eq!(hits(CODE, "FROM node:20\nRUN yarn --production\n"), ["yarn"]);
        assert_eq!(hits(CODE, "FROM node:20\nRUN yarn cache clean && yarn install\n").len(), 1);
    }

    #[test]
    fn a_clean_a_removal_or_a_cache_mount_is_accepted() {
        for run in [
            "yarn install && yarn cache clean",
            "yarn install --frozen-lockfile && yarn cache clean --all",
            "yarn install && rm -rf /usr/local/share/.cache/yarn/*",
            "--mount=type=cache,target=/usr/local/share/.cache/yarn yarn install",
            "yarn add lodash",
            "yarn build",
            "yarn run test",
            "yarn --version",
        ] {
            assert!(hits(CODE, &format!("FROM node:20\nRUN {run}\n")).is_empty(), "{run}");
        }
    }
}
