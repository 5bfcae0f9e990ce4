//! DF333: `npm install`, `yarn add` or `pnpm add` names a package without `@version`.

use super::packages::{self, Manager};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct UnpinnedNpmPackage;

impl Rule for UnpinnedNpmPackage {
    fn code(&self) -> &'static str {
        "DF333"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        packages::report_unpinned(cx, file, Manager::Npm);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, run};

    #[test]
    fn reports_each_unpinned_package() {
        assert_eq!(run("DF333", "npm install -g npm@latest typescript@5.5.4 @vue/cli"), ["npm@latest", "@vue/cli"]);
        assert_eq!(run("DF333", "npm i express"), ["express"]);
        assert_eq!(run("DF333", "yarn global add serve && pnpm add -g pm2"), ["serve", "pm2"]);
        assert_eq!(run("DF333", "npm install git+https://github.com/a/b"), ["git+https://github.com/a/b"]);
        let f = findings("DF333", "FROM node\nRUN yarn add left-pad\n");
        assert_eq!(f[0].1, "yarn installs `left-pad` without pinning its version");
    }

    #[test]
    fn lockfiles_and_pins() {
        // The lockfile or package.json decides.
        assert!(
            run("DF333", "npm ci && npm install && npm install --production && yarn install && pnpm install")
                .is_empty()
        );
        assert!(run("DF333", "npm install --prefix /opt/app @scope/pkg@1.2.3 express@4").is_empty());
        assert!(run("DF333", "npm install git+https://github.com/a/b#v1 ./pkg.tgz -g .").is_empty());
        assert!(run("DF333", "npm run build && npm uninstall express").is_empty());
    }
}
