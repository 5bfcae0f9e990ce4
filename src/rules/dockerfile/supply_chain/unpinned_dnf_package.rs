//! DF337: `dnf install` / `microdnf install` names a package without `-version`.

use super::packages::{self, Manager};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct UnpinnedDnfPackage;

impl Rule for UnpinnedDnfPackage {
    fn code(&self) -> &'static str {
        "DF337"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        packages::report_unpinned(cx, file, Manager::Dnf);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, run};

    #[test]
    fn reports_each_unpinned_package() {
        assert_eq!(run("DF337", "dnf install -y python3-pip gcc-14.2.1"), ["python3-pip"]);
        let f = findings("DF337", "FROM fedora\nRUN microdnf install -y httpd\n");
        assert_eq!(f[0].1, "microdnf installs `httpd` without pinning its version");
    }

    #[test]
    fn pins_groups_and_option_values() {
        assert!(run("DF337", "dnf --setopt install_weak_deps=False install -y x-1.2").is_empty());
        assert!(run("DF337", "dnf module install -y nodejs:20 && dnf install -y @development-tools").is_empty());
        assert!(run("DF337", "dnf group install -y 'Development Tools' && dnf upgrade -y").is_empty());
    }
}
