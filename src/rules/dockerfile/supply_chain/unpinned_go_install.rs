//! DF335: `go install` names a module path without `@version` (or with `@latest`).

use super::packages::{self, Manager};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct UnpinnedGoInstall;

impl Rule for UnpinnedGoInstall {
    fn code(&self) -> &'static str {
        "DF335"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        packages::report_unpinned(cx, file, Manager::Go);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, run};

    #[test]
    fn reports_each_unpinned_module() {
        assert_eq!(run("DF335", "go install golang.org/x/tools/gopls@latest"), ["golang.org/x/tools/gopls@latest"]);
        let f = findings("DF335", "FROM golang\nRUN go install a.example/b@latest\n");
        assert_eq!(f[0].1, "go installs `a.example/b@latest`: `@latest` is not a version pin");
        assert_eq!(run("DF335", "go install -ldflags=\"-X main.v=1\" -v github.com/a/b"), ["github.com/a/b"]);
        assert_eq!(run("DF335", "go get -u github.com/a/b"), ["github.com/a/b"]);
    }

    #[test]
    fn pins_and_local_packages() {
        assert!(run("DF335", "go install ./... && go install ./cmd/app").is_empty());
        // `-ldflags` takes a value, even one that looks like options.
        assert!(
            run("DF335", "CGO_ENABLED=0 go install -ldflags \"-s -w\" -tags netgo github.com/a/b@v1.2.3").is_empty()
        );
        assert!(run("DF335", "go install \"github.com/a/b@${VERSION}\"").is_empty());
        assert!(run("DF335", "go build ./... && go mod download").is_empty());
    }
}
