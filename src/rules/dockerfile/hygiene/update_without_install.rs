//! DF690: a RUN refreshes the package index and a later RUN installs from it.

use crate::model::dockerfile::DockerfileModel;
use crate::model::run::Run;
use crate::rules::dockerfile::package_options;
use crate::rules::{Context, Rule};
use crate::syntax::shell::Command;

pub struct UpdateWithoutInstall;

/// A package manager's index refresh and install subcommands.
struct Manager {
    programs: &'static [&'static str],
    update: &'static [&'static str],
    install: &'static [&'static str],
    /// Options that take a separate value, so their value is not read as the subcommand.
    valued: &'static [&'static str],
}

const MANAGERS: [Manager; 3] = [
    Manager {
        programs: &["apt-get", "apt"],
        update: &["update"],
        install: &["install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep"],
        valued: package_options::APT,
    },
    Manager { programs: &["apk"], update: &["update"], install: &["add", "upgrade"], valued: package_options::APK },
    Manager {
        programs: &["zypper"],
        update: &["refresh", "ref"],
        install: &["install", "in", "update", "up", "dist-upgrade", "dup"],
        valued: package_options::ZYPPER,
    },
];

fn subcommand_of<'c>(m: &Manager, c: &'c Command) -> Option<&'c str> {
    if !m.programs.iter().any(|p| c.is(p)) {
        return None;
    }
    c.subcommand(m.valued).and_then(|a| a.value())
}

/// The first command of `run` that calls `m` with one of `subs`.
fn find<'r>(m: &Manager, run: &Run<'r, '_>, subs: &[&str]) -> Option<&'r Command> {
    run.script.commands.iter().find(|c| subcommand_of(m, c).is_some_and(|s| subs.contains(&s)))
}

impl Rule for UpdateWithoutInstall {
    fn code(&self) -> &'static str {
        "DF690"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let runs: Vec<_> = file.runs().collect();
        for (n, run) in runs.iter().enumerate() {
            for m in &MANAGERS {
                let Some(update) = find(m, run, m.update) else { continue };
                if find(m, run, m.install).is_some() {
                    continue;
                }
                // The stale-cache bug needs a later install of this stage that does not refresh
                // the index itself.
                let later = runs[n + 1..]
                    .iter()
                    .filter(|r| r.stage.index == run.stage.index)
                    .find_map(|r| find(m, r, m.install).filter(|_| find(m, r, m.update).is_none()));
                let Some(install) = later else { continue };
                let program = update.program().unwrap_or("apt-get");
                let d = cx
                    .diag(update.span, format!("`{program}` refreshes the package index in a RUN of its own"))
                    .with_label(install.span, "this later RUN installs from the cached index")
                    .with_help(format!(
                        "refresh and install in the same RUN (`{program} {} && {program} {} ...`): the layer that \
                         holds the index is cached, so a rebuild installs from a stale index",
                        m.update[0], m.install[0]
                    ));
                cx.emit(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans;

    #[test]
    fn only_an_install_that_relies_on_the_stale_index() {
        let f = |text: &str| spans("DF690", text);
        assert_eq!(f("FROM alpine\nRUN apk update\nRUN apk add --no-cache curl\n"), ["apk update"]);
        // Nothing installs later, the later RUN refreshes itself, or it installs in another stage.
        assert!(f("FROM debian\nRUN apt-get update\nRUN echo done\n").is_empty());
        assert!(f("FROM debian\nRUN apt-get update\nRUN apt-get update && apt-get install -y x\n").is_empty());
        assert!(f("FROM debian AS a\nRUN apt-get update\nFROM debian\nRUN apt-get install -y x\n").is_empty());
        // `-o` takes a value, which is not the subcommand.
        assert_eq!(f("FROM debian\nRUN apt-get -o Acquire::Retries=3 update\nRUN apt-get install -y x\n").len(), 1);
    }
}
