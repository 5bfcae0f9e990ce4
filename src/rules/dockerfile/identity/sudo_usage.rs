//! DF102: `sudo` (or `doas`) in RUN.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::shell::Arg;

pub struct SudoUsage;

impl Rule for SudoUsage {
    fn code(&self) -> &'static str {
        "DF102"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            // One `sudo sh -c '...'` wraps every command of its script: report the word once.
            let mut seen: Vec<Span> = Vec::new();
            for cmd in run.commands() {
                let words = cmd.wrappers.iter().map(|w| (w, Some(&cmd.name))).chain([(&cmd.name, None)]);
                for (word, runs) in words {
                    let Some(tool) = privilege_tool(word) else { continue };
                    if seen.contains(&word.span) {
                        continue;
                    }
                    seen.push(word.span);
                    let message = match runs.and_then(|r| r.value()) {
                        Some(program) => format!("`{tool}` runs `{program}` as another user inside RUN"),
                        None => format!("`{tool}` in RUN"),
                    };
                    let d = cx.diag(word.span, message).with_help(
                        "RUN already runs as the stage's USER: put the privileged steps under `USER root` and \
                         switch back afterwards; to drop privileges at start-up use `gosu` or `su-exec` in the \
                         entrypoint, and do not leave sudo in the image",
                    );
                    cx.emit(d);
                }
            }
        }
    }
}

fn privilege_tool(word: &Arg) -> Option<&'static str> {
    match word.value()?.rsplit('/').next()? {
        "sudo" => Some("sudo"),
        "doas" => Some("doas"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    fn sudo_as_wrapper_and_alone() {
        let src = "FROM debian\nRUN sudo apt-get update && sudo -u app bash -c 'make && make install'\n\
                   RUN /usr/bin/sudo -E $CMD\nRUN doas apk add x\n";
        assert_eq!(spans("DF102", src), ["sudo", "sudo", "/usr/bin/sudo", "doas"]);
        assert_eq!(findings("DF102", src)[0].1, "`sudo` runs `apt-get` as another user inside RUN");
        assert_eq!(findings("DF102", src)[2].1, "`sudo` in RUN");
    }

    #[test]
    fn sudo_as_data_is_not_reported() {
        let src = "FROM debian\nRUN apt-get install -y sudo && echo 'app ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/app\n\
                   RUN command -v sudo && cat /etc/sudoers\n";
        assert_eq!(spans("DF102", src), Vec::<String>::new());
    }
}
