//! DF613: `apt-get upgrade` / `dist-upgrade` in a Dockerfile: the image's content depends on the
//! day it was built. Opt-in.

use super::packages::{APT_VALUED, is_apt, report_upgrades};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct AptUpgrade;

impl Rule for AptUpgrade {
    fn code(&self) -> &'static str {
        "DF613"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        report_upgrades(cx, file, is_apt, APT_VALUED, &["upgrade", "dist-upgrade", "full-upgrade"]);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans as hits;

    const CODE: &str = "DF613";

    #[test]
    fn reports_upgrades_only() {
        assert_eq!(hits(CODE, "FROM debian\nRUN apt-get update && apt-get -y upgrade\n"), ["apt-get -y upgrade"]);
        assert_eq!(hits(CODE, "FROM debian\nRUN apt full-upgrade -y\n"), ["apt full-upgrade"]);
        assert!(hits(CODE, "FROM debian\nRUN apt-get install -y --only-upgrade openssl\n").is_empty());
        assert!(hits(CODE, "FROM debian\nRUN apt-get install -y unattended-upgrades\n").is_empty());
    }
}
