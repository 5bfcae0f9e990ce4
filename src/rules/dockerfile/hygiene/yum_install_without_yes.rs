//! DF606: `yum install` without `-y`: yum stops at its confirmation prompt.

use super::rpm;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct YumInstallWithoutYes;

impl Rule for YumInstallWithoutYes {
    fn code(&self) -> &'static str {
        "DF606"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        rpm::without_yes(cx, file, &["yum"]);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed, spans as hits};

    const CODE: &str = "DF606";

    #[test]
    fn reports_changes_without_yes() {
        assert_eq!(hits(CODE, "FROM centos:7\nRUN yum install httpd && yum clean all\n"), ["yum install"]);
        assert_eq!(
            hits(CODE, "FROM centos:7\nRUN yum --enablerepo epel group install Tools\n"),
            ["yum --enablerepo epel group install"]
        );
        assert_eq!(hits(CODE, "FROM centos:7\nRUN yum update\n").len(), 1);
        assert_eq!(hits(CODE, "FROM centos:7\nRUN dnf install x\n").len(), 0, "dnf is DF608");
    }

    #[test]
    fn yes_and_read_only_commands_are_accepted() {
        for run in [
            "yum -y install httpd",
            "yum install --assumeyes httpd",
            "yum --setopt=assumeyes=1 install httpd",
            "yum -qy install httpd",
            "yum install $YUM_OPTS httpd",
            "yum clean all",
            "yum makecache",
            "yum info httpd",
            "yum group list",
        ] {
            assert!(hits(CODE, &format!("FROM centos:7\nRUN {run}\n")).is_empty(), "{run}");
        }
    }

    #[test]
    fn the_fix_inserts_yes_after_the_action() {
        assert_eq!(
            fixed(CODE, "FROM centos:7\nRUN yum group install x\n"),
            "FROM centos:7\nRUN yum group install -y x\n"
        );
    }
}
