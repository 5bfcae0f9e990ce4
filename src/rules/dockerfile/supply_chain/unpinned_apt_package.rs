//! DF330: `apt-get install` / `apt install` names a package without `=version`.

use super::packages::{self, Manager};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct UnpinnedAptPackage;

impl Rule for UnpinnedAptPackage {
    fn code(&self) -> &'static str {
        "DF330"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        packages::report_unpinned(cx, file, Manager::Apt);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, run, spans};

    #[test]
    fn reports_each_unpinned_package() {
        assert_eq!(run("DF330", "apt-get update && apt-get install -y curl=7.88.1 wget"), ["wget"]);
        assert_eq!(run("DF330", "apt-get -qy install --no-install-recommends \\\n  git \\\n  vim"), ["git", "vim"]);
        // Behind wrappers, inside `sh -c`, and `apt`.
        assert_eq!(run("DF330", "DEBIAN_FRONTEND=noninteractive sudo apt-get install -y curl"), ["curl"]);
        assert_eq!(run("DF330", "sh -c 'apt install -y curl'"), ["curl"]);
        // A release is not a version.
        assert_eq!(run("DF330", "apt-get install -y curl/bookworm-backports"), ["curl/bookworm-backports"]);
        let f = findings("DF330", "FROM debian\nRUN apt-get install -y curl\n");
        assert_eq!(f[0].1, "apt-get installs `curl` without pinning its version");
    }

    #[test]
    fn packages_from_variables() {
        let src = "FROM debian\nARG PKGS=\"curl git\"\nRUN apt-get install -y $PKGS\n";
        let f = findings("DF330", src);
        assert_eq!(f.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(), ["$PKGS", "$PKGS"]);
        assert_eq!(f[1].1, "apt-get installs `git` (from `$PKGS`) without pinning its version");
        // Versions from variables, known or not, are pins; unknown packages are not guessed.
        let src =
            "FROM debian\nARG V=1.2\nARG W\nRUN apt-get install -y curl=${V} \"git=$W\" vim=$NOPE $(cat list) \"$X\"\n";
        assert!(spans("DF330", src).is_empty());
        // The literal part shows a package name the shell completes.
        assert_eq!(run("DF330", "apt-get install -y linux-headers-$(uname -r)"), ["linux-headers-$(uname -r)"]);
        assert!(run("DF330", "apt-get install -y \"/tmp/pkgs/nginx-module-${m}_${V}.deb\"").is_empty());
    }

    #[test]
    fn not_packages() {
        assert!(run("DF330", "apt-get install -y ./local.deb /tmp/tool_1.0_amd64.deb").is_empty());
        // `-t` and `-o` take a value.
        assert!(run("DF330", "apt-get install -t bookworm-backports x=1").is_empty());
        assert!(run("DF330", "apt-get -o Dpkg::Options::=--force-confold install -y x=1").is_empty());
        assert!(run("DF330", "apt-get update && apt-get download curl && apt-get remove -y vim").is_empty());
        assert!(run("DF330", "xargs apt-get install -y < packages.txt").is_empty());
        // A dry run, as docker-library probes for an optional package.
        assert!(run("DF330", "if apt-get install -s postgresql-18-jit > /dev/null 2>&1; then :; fi").is_empty());
        assert!(run("DF330", "echo apt-get install curl").is_empty());
    }
}
