//! DF614: `apk upgrade` in a Dockerfile: the image's content depends on the day it was built.
//! Opt-in.

use super::packages::{APK_VALUED, report_upgrades};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct ApkUpgrade;

impl Rule for ApkUpgrade {
    fn code(&self) -> &'static str {
        "DF614"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        report_upgrades(cx, file, |c| c.is("apk"), APK_VALUED, &["upgrade"]);
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
