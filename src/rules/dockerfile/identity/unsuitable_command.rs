//! DF107: commands that make no sense in a build (`ssh`, `vim`, `service`, `kill`, ...), the list
//! of hadolint DL3001.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct UnsuitableCommand;

/// hadolint's list, with what each one does in a build.
const COMMANDS: [(&str, &str); 9] = [
    ("free", "shows the memory of the build container, not of the container that will run"),
    ("kill", "signals a process of the build container; whatever the RUN started ends with it anyway"),
    ("mount", "needs privileges a build does not have, and a mount does not persist into the image"),
    ("ps", "lists the processes of the build container, not of the container that will run"),
    ("service", "starts a service that stops when the RUN ends: nothing keeps running into the image"),
    ("shutdown", "cannot shut anything down: there is no init system in a build container"),
    ("ssh", "reaches out to another host during the build, with credentials the image should not hold"),
    ("top", "is interactive and shows only the build container"),
    ("vim", "is interactive: a build has no terminal"),
];

impl Rule for UnsuitableCommand {
    fn code(&self) -> &'static str {
        "DF107"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            for cmd in run.commands() {
                let Some(program) = cmd.program() else { continue };
                let Some((_, why)) = COMMANDS.iter().find(|(c, _)| *c == program) else { continue };
                let d = cx.diag(cmd.name.span, format!("`{program}` in RUN {why}")).with_help(
                    "drop it: configure files instead of running services, and start processes from CMD or \
                     ENTRYPOINT when the container runs",
                );
                cx.emit(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans;

    #[test]
    fn listed_commands_only() {
        let src = "FROM debian\nRUN service nginx start && /bin/ps aux | grep nginx && sudo kill 1\n\
                   RUN apt-get install -y openssh-client vim procps && command -v ps && pkill x && gpgconf --kill all\n";
        assert_eq!(spans("DF107", src), ["service", "/bin/ps", "kill"]);
    }
}
