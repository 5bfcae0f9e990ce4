//! DF608: `dnf install` without `-y`: dnf stops at its confirmation prompt.

use super::rpm;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct DnfInstallWithoutYes;

impl Rule for DnfInstallWithoutYes {
    fn code(&self) -> &'static str {
        "DF608"
    }
    /// `microdnf` is left out: it never asks (its `-y` is documented as "does nothing").
    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        rpm::without_yes(cx, file, &["dnf", "dnf5"]);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed, spans as hits};

    const CODE: &str = "DF608";

    #[test]
    fn reports_changes_without_yes() {
        assert_eq!(hits(CODE, "FROM fedora:40\nRUN dnf install nginx && dnf clean all\n"), ["dnf install"]);
        assert_eq!(hits(CODE, "FROM fedora:40\nRUN dnf module install nodejs:20\n"), ["dnf module install"]);
        assert_eq!(hits(CODE, "FROM fedora:40\nRUN sudo dnf remove vim\n").len(), 1);
    }

    #[test]
    fn yes_microdnf_and_read_only_commands_are_accepted() {
        for run in [
            "dnf -y install nginx",
            "dnf install --assumeyes nginx",
            "dnf --setopt=install_weak_deps=False -y install nginx",
            "microdnf install nginx",
            "dnf makecache",
            "dnf module list",
            "dnf repoquery nginx",
        ] {
            assert!(hits(CODE, &format!("FROM fedora:40\nRUN {run}\n")).is_empty(), "{run}");
        }
    }

    #[test]
    fn the_fix_inserts_yes_after_the_action() {
        assert_eq!(fixed(CODE, "FROM fedora:40\nRUN dnf install x\n"), "FROM fedora:40\nRUN dnf install -y x\n");
    }
}
