//! DF334: `gem install` names a gem without `:version` or `-v`.

use super::packages::{self, Manager};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct UnpinnedGemPackage;

impl Rule for UnpinnedGemPackage {
    fn code(&self) -> &'static str {
        "DF334"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        packages::report_unpinned(cx, file, Manager::Gem);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::run;

    #[test]
    fn reports_each_unpinned_package() {
        assert_eq!(run("DF334", "gem install --no-document bundler rake:13.2.1"), ["bundler"]);
        assert_eq!(run("DF334", "gem i rails"), ["rails"]);
    }

    #[test]
    fn pins() {
        assert!(run("DF334", "gem install rails -v 7.1.3").is_empty());
        assert!(run("DF334", "gem install bundler --version=2.5.16").is_empty());
        assert!(run("DF334", "gem install -i /opt/gems rake:13 ./vendor/tool-1.0.gem").is_empty());
        assert!(run("DF334", "gem update --system && bundle install").is_empty());
    }
}
