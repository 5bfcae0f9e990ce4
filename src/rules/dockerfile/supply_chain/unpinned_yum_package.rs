//! DF336: `yum install` names a package without `-version`.

use super::packages::{self, Manager};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct UnpinnedYumPackage;

impl Rule for UnpinnedYumPackage {
    fn code(&self) -> &'static str {
        "DF336"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        packages::report_unpinned(cx, file, Manager::Yum);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::run;

    #[test]
    fn reports_each_unpinned_package() {
        // hadolint reports `epel-release` too: `release` is part of the name.
        assert_eq!(run("DF336", "yum install -y epel-release httpd-2.4.6"), ["epel-release"]);
        // A number inside the name is not a version.
        assert_eq!(run("DF336", "yum -y install java-11-openjdk"), ["java-11-openjdk"]);
        assert_eq!(run("DF336", "yum module install -y nodejs"), ["nodejs"]);
    }

    #[test]
    fn pins_files_groups_and_option_values() {
        assert!(
            run("DF336", "yum install -y httpd-2.4.6-99.el7.centos.1 https://x.example/tool-1.0-1.x86_64.rpm")
                .is_empty()
        );
        assert!(run("DF336", "yum install -y --enablerepo powertools --setopt=tsflags=nodocs x-1.0").is_empty());
        assert!(
            run("DF336", "yum module install -y nodejs:18 && yum install -y @development \"httpd-${V}\"").is_empty()
        );
        assert!(run("DF336", "yum update -y && yum groupinstall -y 'Development Tools' && yum remove -y x").is_empty());
    }
}
