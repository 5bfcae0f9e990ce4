//! DF332: `pip install` names a package without a version specifier.

use super::packages::{self, Manager};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct UnpinnedPipPackage;

impl Rule for UnpinnedPipPackage {
    fn code(&self) -> &'static str {
        "DF332"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        packages::report_unpinned(cx, file, Manager::Pip);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::run;

    #[test]
    fn reports_each_unpinned_package() {
        assert_eq!(run("DF332", "pip install --no-cache-dir -U pip setuptools==70.0 wheel"), ["pip", "wheel"]);
        assert_eq!(run("DF332", "python3 -m pip install 'requests[socks]'"), ["'requests[socks]'"]);
        assert_eq!(run("DF332", "pip3.12 install --index-url https://pypi.example/simple flask"), ["flask"]);
        // A VCS URL needs a ref; `git@` is the user.
        assert_eq!(run("DF332", "pip install git+ssh://git@github.com/a/b"), ["git+ssh://git@github.com/a/b"]);
        // Requirement files and local projects do not hide the other packages.
        assert_eq!(run("DF332", "pip install -r requirements.txt -e . gunicorn"), ["gunicorn"]);
        // Unquoted, `flask>=3` is a redirection: pip sees `flask`.
        assert_eq!(run("DF332", "pip install flask>=3"), ["flask"]);
    }

    #[test]
    fn not_packages() {
        assert!(run("DF332", "pip install -r requirements.txt").is_empty());
        assert!(run("DF332", "pip install --requirement=requirements.txt && pip install .").is_empty());
        assert!(run("DF332", "pip install -e ./lib 'flask>=3' 'b~=1.2' c===1 'd[x]==1'").is_empty());
        // A constraints file decides every version.
        assert!(run("DF332", "pip install -c constraints.txt flask celery").is_empty());
        assert!(
            run("DF332", "pip install git+https://github.com/a/b@v1.2 https://x.example/p.tar.gz dist/p.whl")
                .is_empty()
        );
        assert!(
            run("DF332", "pip download flask && python3 -m venv /venv && python3 -c 'import pip' install x").is_empty()
        );
    }
}
