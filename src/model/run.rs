//! RUN instructions as shell scripts: which shell runs them (SHELL, inherited through
//! `FROM <stage>`; Windows images default to `cmd`), which text is the script (the command line,
//! and heredoc bodies that a shell runs), and the ARG/ENV values the shell sees. Parsed once per
//! file, on first use by a shell-aware rule.

use crate::model::dockerfile::{DockerfileModel, Stage};
use crate::syntax::dockerfile::{Args, Heredoc, Instruction, InstructionKind};
use crate::syntax::shell::{Command, Script};

/// Interpreters whose scripts are POSIX shell.
const POSIX_SHELLS: [&str; 7] = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"];

/// The shell a RUN's shell form runs under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shell {
    /// The program's base name, e.g. `sh`, `bash`, `pwsh`, `cmd`.
    pub program: String,
    /// `SHELL [..., "-o", "pipefail", ...]` (or a `-eo pipefail` cluster) is in effect.
    pub pipefail: bool,
    /// The SHELL instruction that set it, `None` for the default.
    pub set_by: Option<usize>,
}

impl Shell {
    pub fn is_posix(&self) -> bool {
        POSIX_SHELLS.contains(&self.program.as_str())
    }

    fn default_for(windows: bool) -> Shell {
        Shell { program: if windows { "cmd" } else { "sh" }.to_string(), pipefail: false, set_by: None }
    }

    fn from_instruction(i: &Instruction, escape: char, at: usize) -> Option<Shell> {
        let words = match &i.args {
            Args::Exec(words) => words.clone(),
            Args::Shell(_) => i.words(escape),
        };
        let program = words.first()?.text.rsplit(['/', '\\']).next()?.to_ascii_lowercase();
        let program = program.strip_suffix(".exe").unwrap_or(&program).to_string();
        let pipefail = words.windows(2).any(|w| {
            let opt = w[0].text.as_str();
            opt.starts_with('-') && !opt.starts_with("--") && opt.ends_with('o') && w[1].text == "pipefail"
        });
        Some(Shell { program, pipefail, set_by: Some(at) })
    }
}

/// One RUN instruction whose script is POSIX shell.
pub struct Run<'m, 'a> {
    pub stage: &'m Stage<'a>,
    /// Its position in `stage.instructions`.
    pub index: usize,
    /// The RUN itself (for `ONBUILD RUN`, the trigger).
    pub instr: &'a Instruction,
    /// An `ONBUILD RUN`: it runs when another image builds on this one.
    pub onbuild: bool,
    pub shell: &'m Shell,
    pub script: &'m Script,
}

impl Run<'_, '_> {
    pub fn commands(&self) -> impl Iterator<Item = &Command> {
        self.script.commands.iter()
    }
}

/// A parsed RUN, cached by the model.
pub(crate) struct Parsed {
    stage: usize,
    index: usize,
    onbuild: bool,
    shell: Shell,
    script: Script,
}

impl<'a> DockerfileModel<'a> {
    /// Every RUN of every stage that a POSIX shell runs, in source order, parsed on first call.
    pub fn runs(&self) -> impl Iterator<Item = Run<'_, 'a>> {
        let parsed = self.scripts.get_or_init(|| self.parse_runs());
        parsed.iter().filter_map(move |p| {
            let stage = self.stages.get(p.stage)?;
            let at = stage.instructions.get(p.index)?;
            let instr = if p.onbuild { at.trigger.as_deref()? } else { at };
            Some(Run { stage, index: p.index, instr, onbuild: p.onbuild, shell: &p.shell, script: &p.script })
        })
    }

    /// The shell in effect just before `stage.instructions[upto]`.
    pub fn shell_at(&self, stage: &Stage<'a>, upto: usize) -> Shell {
        let own =
            stage.instructions.iter().enumerate().take(upto).rev().find(|(_, i)| i.kind == InstructionKind::Shell);
        if let Some(shell) = own.and_then(|(at, i)| Shell::from_instruction(i, self.ast.escape, at)) {
            return shell;
        }
        match stage.base_stage.and_then(|b| self.stages.get(b)) {
            Some(base) if base.index < stage.index => self.shell_at(base, base.instructions.len()),
            _ => Shell::default_for(self.is_windows(stage)),
        }
    }

    fn parse_runs(&self) -> Vec<Parsed> {
        let mut out = Vec::new();
        for (s, stage) in self.stages.iter().enumerate() {
            let mut shell = self.shell_at(stage, 0);
            for (index, instr) in stage.instructions.iter().enumerate() {
                if instr.kind == InstructionKind::Shell
                    && let Some(set) = Shell::from_instruction(instr, self.ast.escape, index)
                {
                    shell = set;
                }
                // `ONBUILD RUN` runs in the builds that use this image as their base; its script
                // is checked here, with this stage's variables as the best knowledge of them.
                let (run, onbuild) = match (instr.kind, instr.trigger.as_deref()) {
                    (InstructionKind::Run, _) => (instr, false),
                    (InstructionKind::Onbuild, Some(t)) if t.kind == InstructionKind::Run => (t, true),
                    _ => continue,
                };
                let scope = self.scope_at(stage, index);
                if let Some(script) = self.script_of(run, &shell, &|token: &str| scope.expand(token)) {
                    out.push(Parsed { stage: s, index, onbuild, shell: shell.clone(), script });
                }
            }
        }
        out
    }

    /// The script of one RUN: its command line and the heredocs a shell runs (`None` when the
    /// shell form runs under a shell that is not POSIX).
    fn script_of(
        &self,
        instr: &Instruction,
        shell: &Shell,
        expand: &crate::syntax::shell::Expand<'_>,
    ) -> Option<Script> {
        // The shell form runs under SHELL; the exec form names its own program.
        if !instr.args.is_exec() && !shell.is_posix() {
            return None;
        }
        let mut script = Script::default();
        match &instr.args {
            Args::Exec(words) => {
                let argv: Vec<(String, crate::span::Span)> = words.iter().map(|w| (w.text.clone(), w.span)).collect();
                script.add_argv(self.src, &argv, expand);
            }
            Args::Shell(text) => {
                let only_heredocs =
                    !instr.heredocs.is_empty() && text.text.split_whitespace().all(|w| w.starts_with("<<"));
                if !only_heredocs {
                    script.add(&text.text, text.map(), expand);
                }
                for doc in &instr.heredocs {
                    if runs_as_script(doc, only_heredocs, &script) {
                        script.add(&doc.text, doc.map(), expand);
                    }
                }
            }
        }
        Some(script)
    }
}

/// A heredoc body is a script when it is the whole RUN (`RUN <<EOF`, unless its shebang names
/// another interpreter) or the standard input of a shell on the command line (`RUN bash <<EOF`);
/// otherwise it is a file's content (`RUN cat <<EOF > /etc/x`).
fn runs_as_script(doc: &Heredoc, only_heredocs: bool, line: &Script) -> bool {
    if only_heredocs {
        return match doc.text.lines().next().and_then(|l| l.strip_prefix("#!")) {
            Some(shebang) => interpreter(shebang).is_some_and(|p| POSIX_SHELLS.contains(&p)),
            None => true,
        };
    }
    // The marker redirects the last command that starts before it, or (`<<EOF bash`) the next one.
    let before = line.commands.iter().filter(|c| c.span.start <= doc.marker.start).max_by_key(|c| c.span.start);
    let owner = before.or_else(|| line.commands.iter().min_by_key(|c| c.span.start));
    owner.is_some_and(|c| {
        c.program().is_some_and(|p| POSIX_SHELLS.contains(&p))
            && !c.args.iter().any(|a| a.value().is_some_and(|v| v.starts_with('-') && v.contains('c')))
    })
}

/// The interpreter a shebang names: `/bin/bash -e` is `bash`, `/usr/bin/env python3` is `python3`.
fn interpreter(shebang: &str) -> Option<&str> {
    let mut words = shebang.split_whitespace();
    let first = words.next()?.rsplit('/').next()?;
    if first == "env" { words.find(|w| !w.starts_with('-')) } else { Some(first) }
}

#[cfg(test)]
mod tests {
    use crate::model::dockerfile::DockerfileModel;
    use crate::syntax::dockerfile;

    /// (program, source text of its first argument) per command of every POSIX RUN.
    fn commands(src: &str) -> Vec<(String, String)> {
        let ast = dockerfile::parse(src);
        let model = DockerfileModel::new(src, &ast);
        model
            .runs()
            .flat_map(|r| r.script.commands.clone())
            .map(|c| {
                let first = c.args.first().map(|a| a.span.slice(src).to_string()).unwrap_or_default();
                (c.program().unwrap_or("?").to_string(), first)
            })
            .collect()
    }

    fn pairs(xs: &[(&str, &str)]) -> Vec<(String, String)> {
        xs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn continuation_lines_map_back_to_the_source() {
        let src = "FROM debian\nRUN apt-get update \\\n    # a comment\n    && apt-get install -y \\\n       curl\n";
        let ast = dockerfile::parse(src);
        let model = DockerfileModel::new(src, &ast);
        let run = model.runs().next().expect("a run");
        let install = &run.script.commands[1];
        let curl = install.args.iter().find(|a| a.is("curl")).expect("curl");
        assert_eq!(curl.span.start, src.find("curl").unwrap_or(0));
        assert_eq!(curl.span.slice(src), "curl");
    }

    #[test]
    fn heredocs_scripts_and_files() {
        let src = "FROM alpine\nRUN <<EOF\napk add curl\nEOF\nRUN cat <<EOF > /etc/motd\napk add nope\nEOF\n\
                   RUN bash <<'EOF'\nset -e\nwget x\nEOF\nRUN <<EOT bash\nyum -y install z\nEOT\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n";
        assert_eq!(
            commands(src),
            pairs(&[
                ("apk", "add"),
                ("cat", ""),
                ("bash", ""),
                ("set", "-e"),
                ("wget", "x"),
                ("bash", ""),
                ("yum", "-y")
            ])
        );
    }

    #[test]
    fn shell_instruction_and_variables() {
        let src = "FROM alpine AS a\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nFROM a\nARG PKGS=\"curl git\"\n\
                   RUN apk add $PKGS\nSHELL [\"pwsh\", \"-Command\"]\nRUN Get-Item x\nRUN [\"apk\", \"add\", \"y\"]\n";
        let ast = dockerfile::parse(src);
        let model = DockerfileModel::new(src, &ast);
        let runs: Vec<_> = model.runs().collect();
        assert_eq!(runs.len(), 2, "the PowerShell RUN is not shell");
        assert_eq!(runs[0].shell.program, "bash");
        assert!(runs[0].shell.pipefail, "inherited from stage a");
        let pkgs: Vec<_> = runs[0].script.commands[0].args.iter().filter_map(|a| a.value()).collect();
        assert_eq!(pkgs, ["add", "curl", "git"]);
        assert_eq!(runs[1].script.commands[0].program(), Some("apk"));
    }

    #[test]
    fn onbuild_run_is_a_script_too() {
        let src = "FROM alpine\nONBUILD RUN apk add curl\nONBUILD COPY . /app\n";
        let ast = dockerfile::parse(src);
        let model = DockerfileModel::new(src, &ast);
        let runs: Vec<_> = model.runs().collect();
        assert_eq!(runs.len(), 1);
        assert!(runs[0].onbuild);
        assert_eq!(runs[0].instr.keyword.slice(src), "RUN");
        assert_eq!(runs[0].script.commands[0].program(), Some("apk"));
    }

    #[test]
    fn windows_images_default_to_cmd() {
        let src = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command Get-Item\n";
        assert!(commands(src).is_empty());
    }
}
