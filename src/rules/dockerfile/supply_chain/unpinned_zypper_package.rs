//! DF338: `zypper install` names a package without `=version`.

use super::packages::{self, Manager};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct UnpinnedZypperPackage;

impl Rule for UnpinnedZypperPackage {
    fn code(&self) -> &'static str {
        "DF338"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        packages::report_unpinned(cx, file, Manager::Zypper);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::run;

    #[test]
    fn reports_each_unpinned_package() {
        assert_eq!(run("DF338", "zypper --non-interactive install curl 'git-core>=2.43'"), ["curl"]);
        // `-r` takes the repository; unquoted, `vim>=9` is a redirection.
        assert_eq!(run("DF338", "zypper -n in -r oss vim>=9"), ["vim"]);
    }

    #[test]
    fn pins_and_files() {
        assert!(run("DF338", "zypper in -y 'curl=8.6.0' 'vim<10' ./x-1.0.rpm").is_empty());
        assert!(run("DF338", "zypper refresh && zypper install --from oss 'x>=1'").is_empty());
    }
}
