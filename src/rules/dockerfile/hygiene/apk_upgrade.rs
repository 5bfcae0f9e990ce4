//! DF614: `apk upgrade` in a Dockerfile: the image's content depends on the day it was built.
//! Opt-in.

use super::packages::{APK_VALUED, subcommand};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Format, Rule};

pub struct ApkUpgrade;

impl Rule for ApkUpgrade {
    fn code(&self) -> &'static str {
        "DF614"
    }

    fn formats(&self) -> &'static [Format] {
        &[Format::Dockerfile]
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            for cmd in run.commands().filter(|c| c.is("apk")) {
                let Some(sub) = subcommand(cmd, APK_VALUED, &["upgrade"]) else { continue };
                let d = cx
                    .diag(cmd.name.span.cover(sub.span), "`apk upgrade` makes the image depend on the day it is built")
                    .with_help(
                        "rebuild from an updated base image instead (pin it by digest and let a bot bump it), and \
                         add the specific packages you need",
                    );
                cx.emit(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans as hits;

    const CODE: &str = "DF614";

    #[test]
    fn reports_upgrade_only() {
        assert_eq!(hits(CODE, "FROM alpine\nRUN apk update && apk upgrade\n"), ["apk upgrade"]);
        assert_eq!(hits(CODE, "FROM alpine\nRUN apk --no-cache upgrade\n"), ["apk --no-cache upgrade"]);
        assert!(hits(CODE, "FROM alpine\nRUN apk add --no-cache --upgrade openssl\n").is_empty());
    }
}
