//! DF604: `apk add` without `--no-cache`: the package index stays in `/var/cache/apk`.

use super::packages::{APK_VALUED, insert_after, may_hide_options, mounted, removes, subcommand};
use crate::diagnostic::Applicability;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct ApkAddWithoutNoCache;

const CACHE: &str = "/var/cache/apk";

impl Rule for ApkAddWithoutNoCache {
    fn code(&self) -> &'static str {
        "DF604"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            if mounted(file, &run, CACHE) {
                continue;
            }
            let commands: Vec<_> = run.commands().collect();
            for (at, cmd) in commands.iter().enumerate() {
                if !cmd.is("apk") {
                    continue;
                }
                let Some(add) = subcommand(cmd, APK_VALUED, &["add"]) else { continue };
                // A later `rm -rf /var/cache/apk/*` in the same RUN leaves nothing behind either.
                let removed = commands.iter().skip(at + 1).any(|c| removes(c, CACHE));
                // `--no-network` fetches nothing, so there is no index to keep.
                if cmd.has_flag(None, &["no-cache", "no-network"]) || may_hide_options(cx.src, cmd) || removed {
                    continue;
                }
                let mut d = cx
                    .diag(cmd.name.span.cover(add.span), format!("`apk add` leaves the package index in `{CACHE}`"))
                    .with_help("add `--no-cache` (`apk add --no-cache ...`), which also makes `--update` unnecessary");
                if let Some(fix) = insert_after(cx.src, add, "--no-cache", Applicability::Safe) {
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

    const CODE: &str = "DF604";

    #[test]
    fn reports_add_without_no_cache() {
        assert_eq!(hits(CODE, "FROM alpine\nRUN apk add curl\n"), ["apk add"]);
        assert_eq!(hits(CODE, "FROM alpine\nRUN apk update && apk add --update curl\n"), ["apk add"]);
        assert_eq!(hits(CODE, "FROM alpine\nRUN apk add -t .build gcc && apk del .build\n").len(), 1);
        assert_eq!(hits(CODE, "FROM alpine\nRUN rm -rf /var/cache/apk/* && apk add curl\n").len(), 1);
    }

    #[test]
    fn no_cache_a_later_removal_or_a_cache_mount_is_accepted() {
        for run in [
            "apk add --no-cache curl",
            "apk --no-cache add curl",
            "apk add --no-cache=true curl",
            "apk -X https://dl-cdn.alpinelinux.org/alpine/edge/testing add --no-cache curl",
            "apk add curl && rm -rf /var/cache/apk/*",
            "xargs -rt apk add --no-network --virtual .rundeps < deps",
            "--mount=type=cache,target=/var/cache/apk apk add curl",
            "--mount=type=cache,target=/var/cache/apk,sharing=locked apk add curl",
            "apk add $APK_FLAGS curl",
            "apk del curl",
            "apk info curl",
        ] {
            assert!(hits(CODE, &format!("FROM alpine\nRUN {run}\n")).is_empty(), "{run}");
        }
    }

    #[test]
    fn the_fix_inserts_no_cache_after_add() {
        assert_eq!(fixed(CODE, "FROM alpine\nRUN apk add curl\n"), "FROM alpine\nRUN apk add --no-cache curl\n");
    }
}
