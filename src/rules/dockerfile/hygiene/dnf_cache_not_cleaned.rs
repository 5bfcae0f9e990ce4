//! DF609: `dnf install` (or `microdnf install`) not followed by `dnf clean all` in the same RUN.

use super::rpm;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct DnfCacheNotCleaned;

impl Rule for DnfCacheNotCleaned {
    fn code(&self) -> &'static str {
        "DF609"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        rpm::uncleaned_cache(cx, file, &["dnf", "dnf5", "microdnf"]);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans as hits;

    const CODE: &str = "DF609";

    #[test]
    fn reports_the_last_install_left_uncleaned() {
        assert_eq!(hits(CODE, "FROM fedora:40\nRUN dnf -y install nginx\n"), ["dnf -y install"]);
        assert_eq!(hits(CODE, "FROM ubi9-minimal\nRUN microdnf install -y tar\n"), ["microdnf install"]);
        assert_eq!(hits(CODE, "FROM fedora:40\nRUN dnf -y upgrade\n").len(), 1);
        assert_eq!(hits(CODE, "FROM fedora:40\nRUN dnf clean all && dnf -y install nginx\n").len(), 1);
    }

    #[test]
    fn a_clean_a_removal_or_a_cache_mount_is_accepted() {
        for run in [
            "dnf -y install nginx && dnf clean all",
            "microdnf install -y tar && microdnf clean all",
            "dnf -y install nginx && rm -rf /var/cache/dnf",
            "dnf -y install nginx && rm -rf /var/cache/yum/*",
            "--mount=type=cache,target=/var/cache/dnf dnf -y install nginx",
            "--mount=type=cache,target=/var/cache dnf -y install nginx",
            "dnf -y remove nginx",
            "dnf repoquery nginx",
        ] {
            assert!(hits(CODE, &format!("FROM fedora:40\nRUN {run}\n")).is_empty(), "{run}");
        }
    }
}
