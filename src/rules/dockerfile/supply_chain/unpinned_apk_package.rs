//! DF331: `apk add` names a package without `=version` or `~version`.

use super::packages::{self, Manager};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct UnpinnedApkPackage;

impl Rule for UnpinnedApkPackage {
    fn code(&self) -> &'static str {
        "DF331"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        packages::report_unpinned(cx, file, Manager::Apk);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::run;

    #[test]
    fn reports_each_unpinned_package() {
        assert_eq!(run("DF331", "apk add --no-cache curl=8.9.0-r0 git"), ["git"]);
        assert_eq!(run("DF331", "apk --no-cache -U add curl"), ["curl"]);
        // `--virtual=NAME` carries its value inline; the next word is a package.
        assert_eq!(run("DF331", "apk add --virtual=.deps gcc=13 make"), ["make"]);
        // Unquoted, `curl>8` redirects to a file named `8`: apk sees `curl`.
        assert_eq!(run("DF331", "apk add curl>8"), ["curl"]);
    }

    #[test]
    fn not_packages() {
        // The `--virtual` name is the package being created.
        assert!(run("DF331", "apk add --virtual .build-deps gcc=12.2").is_empty());
        assert!(run("DF331", "apk add -t .x curl~8.9 'git>=2.45'").is_empty());
        assert!(run("DF331", "apk add --repository http://dl-cdn.alpinelinux.org/alpine/edge/main curl=8").is_empty());
        assert!(run("DF331", "apk add --allow-untrusted /tmp/pkg-1.0.apk").is_empty());
        assert!(run("DF331", "apk update && apk del curl && apk add \"curl=${CURL_VERSION}\"").is_empty());
    }
}
