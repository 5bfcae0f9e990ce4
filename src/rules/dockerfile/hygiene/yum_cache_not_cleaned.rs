//! DF607: `yum install` not followed by `yum clean all` in the same RUN.

use super::rpm;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct YumCacheNotCleaned;

impl Rule for YumCacheNotCleaned {
    fn code(&self) -> &'static str {
        "DF607"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        rpm::uncleaned_cache(cx, file, &["yum"]);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans as hits;

    const CODE: &str = "DF607";

    #[test]
    fn reports_the_last_install_left_uncleaned() {
        assert_eq!(hits(CODE, "FROM centos:7\nRUN yum -y install httpd\n"), ["yum -y install"]);
        // Cleaning before the install, or between two installs, leaves the second one's cache.
        assert_eq!(hits(CODE, "FROM centos:7\nRUN yum clean all && yum -y install httpd\n").len(), 1);
        assert_eq!(
            hits(CODE, "FROM centos:7\nRUN yum -y install a && yum clean all && yum -y install b\n"),
            ["yum -y install"]
        );
        assert_eq!(hits(CODE, "FROM centos:7\nRUN yum -y update\n").len(), 1);
        assert_eq!(hits(CODE, "FROM centos:7\nRUN yum -y install httpd && yum clean packages\n").len(), 1);
        assert_eq!(hits(CODE, "FROM centos:7\nRUN yum -y install httpd && rm -rf /tmp/*\n").len(), 1);
    }

    #[test]
    fn a_clean_a_removal_or_a_cache_mount_is_accepted() {
        for run in [
            "yum -y install httpd && yum clean all",
            "yum -y install httpd && yum -y clean all",
            "yum -y install httpd && rm -rf /var/cache/yum",
            "yum -y install httpd && rm -rf /var/cache/yum/*",
            "--mount=type=cache,target=/var/cache/yum yum -y install httpd",
            "yum -y remove httpd",
            "yum info httpd",
        ] {
            assert!(hits(CODE, &format!("FROM centos:7\nRUN {run}\n")).is_empty(), "{run}");
        }
    }
}
