//! DF618: two single-command RUN instructions in a row, each adding a layer.

use std::collections::HashMap;

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct ConsecutiveRunInstructions;

/// Interpreters of `sh -c` strings: the commands inside them belong to the one `sh` command.
const SHELLS: &[&str] = &["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"];

impl Rule for ConsecutiveRunInstructions {
    fn code(&self) -> &'static str {
        "DF618"
    }
    /// As hadolint DL3059: a RUN is reported when the RUN right before it (no other instruction in
    /// between) has the same flags and both run at most one command; a RUN that chains several
    /// commands was split on purpose.
    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let mut commands: HashMap<(usize, usize), usize> = HashMap::new();
        for run in file.runs() {
            let own = run
                .commands()
                .filter(|c| {
                    !c.wrappers
                        .iter()
                        .any(|w| w.value().is_some_and(|v| SHELLS.contains(&v.rsplit('/').next().unwrap_or(v))))
                })
                .count();
            commands.insert((run.stage.index, run.index), own);
        }
        for stage in &file.stages {
            let mut previous = None;
            for (at, instr) in stage.instructions.iter().enumerate() {
                if instr.kind != InstructionKind::Run {
                    previous = None;
                    continue;
                }
                let count = match commands.get(&(stage.index, at)) {
                    Some(&n) => n,
                    None => instr.args.shell().map_or(1, |t| statements(&t.text)),
                };
                let mut flags: Vec<(&str, Option<&str>)> =
                    instr.flags.iter().map(|f| (f.name.as_str(), f.value.as_deref())).collect();
                flags.sort_unstable();
                if let Some((prev, prev_flags, prev_count)) = &previous
                    && *prev_flags == flags
                    && count <= 1
                    && *prev_count <= 1
                {
                    let d = cx
                        .diag(instr.keyword, "this RUN directly follows another single-command RUN; each adds a layer")
                        .with_label(*prev, "the previous RUN")
                        .with_help("join them into one RUN with `&&` (or a heredoc)");
                    cx.emit(d);
                    continue;
                }
                previous = Some((instr.keyword, flags, count));
            }
        }
    }
}

/// The statements of a RUN that cmd or PowerShell runs: one more than the `;`, `&` and `|`
/// separators outside quotes (`powershell -Command "a; b"` is one).
fn statements(text: &str) -> usize {
    let mut quote = None;
    let mut count = 1;
    let mut prev = ' ';
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            // `&&` and `||` are one separator.
            (None, ';' | '&' | '|') if prev != c => count += 1,
            _ => {}
        }
        prev = c;
    }
    count
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans as hits;

    const CODE: &str = "DF618";

    #[test]
    fn reports_the_second_of_two_single_command_runs() {
        assert_eq!(hits(CODE, "FROM debian\nRUN a\nRUN b\n# note\nRUN c\n"), ["RUN", "RUN"]);
        assert_eq!(
            hits(CODE, "FROM debian\nRUN --mount=type=cache,target=/x a\nRUN --mount=type=cache,target=/x b\n").len(),
            1
        );
        // A `sh -c` string is one command, as is `sudo x`.
        assert_eq!(hits(CODE, "FROM debian\nRUN a\nRUN sh -c 'b && c'\nRUN sudo d\n").len(), 2);
    }

    #[test]
    fn chains_other_flags_and_other_instructions_break_it() {
        for src in [
            "FROM debian\nRUN a && b\nRUN c\n",
            "FROM debian\nRUN a\nRUN b | c\n",
            "FROM debian\nRUN a\nENV X=1\nRUN b\n",
            "FROM debian\nRUN a\nRUN --mount=type=cache,target=/x b\n",
            "FROM debian\nRUN a\nFROM debian\nRUN b\n",
            "FROM debian\nRUN a\nRUN echo $(date)\n",
        ] {
            assert!(hits(CODE, src).is_empty(), "{src}");
        }
    }

    #[test]
    fn powershell_statements_are_counted() {
        let win = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n";
        let one = format!("{win}RUN powershell -Command \"a; b\"\nRUN powershell -Command \"c | d\"\n");
        assert_eq!(hits(CODE, &one).len(), 1);
        let shell =
            format!("{win}SHELL [\"powershell\", \"-Command\"]\nRUN Write-Host a; Get-Item b\nRUN Write-Host c\n");
        assert!(hits(CODE, &shell).is_empty());
    }
}
