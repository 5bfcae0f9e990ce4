//! DF740: a RUN pipeline without `pipefail`: only the last command's failure fails the build.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::shell::{Arg, Command, Script};

pub struct MissingPipefail;

const SHELLS: [&str; 7] = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"];

impl Rule for MissingPipefail {
    fn code(&self) -> &'static str {
        "DF740"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            let script = run.script;
            // SHELL applies to the shell form; the exec form names its own program.
            let shell_pipefail = run.shell.pipefail && !run.instr.args.is_exec();
            let unguarded: Vec<usize> = (0..script.pipelines.len())
                .filter(|&id| {
                    let at = script.pipelines[id].start;
                    match innermost_shell(script, at) {
                        None => !pipefail_set(script, None, at).unwrap_or(shell_pipefail),
                        Some((sh, body)) => {
                            !pipefail_set(script, Some(body.span), at).unwrap_or_else(|| options_set(sh, body))
                        }
                    }
                })
                .collect();
            // Point at a pipeline whose hidden failure matters, when there is one.
            let risky = unguarded.iter().find(|&&id| !only_safe_producers(script, id));
            let Some(&first) = risky.or(unguarded.first()) else { continue };
            let more = match unguarded.len() - 1 {
                0 => String::new(),
                1 => " (and 1 more pipeline in this RUN)".to_string(),
                n => format!(" (and {n} more pipelines in this RUN)"),
            };
            let d = cx.diag(script.pipelines[first], format!("{}{more}", describe(script, first))).with_help(
                "set pipefail: `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the RUN (`/bin/ash` \
                     on Alpine), or start the script with `set -o pipefail`",
            );
            cx.emit(d);
        }
    }
}

/// The `sh -c` command whose script holds `at`, and that script's word (the innermost one).
fn innermost_shell(script: &Script, at: usize) -> Option<(&Command, &Arg)> {
    script
        .commands
        .iter()
        .filter(|c| c.program().is_some_and(|p| SHELLS.contains(&p)))
        .flat_map(|c| c.args.iter().filter(|a| a.span.contains(at) && a.span.start < at).map(move |a| (c, a)))
        .min_by_key(|(_, a)| a.span.end - a.span.start)
}

/// What the last `set -o pipefail` / `set +o pipefail` before `at`, in the same script, did.
fn pipefail_set(script: &Script, scope: Option<Span>, at: usize) -> Option<bool> {
    script
        .commands
        .iter()
        .filter(|c| c.is("set") && c.span.start < at)
        .filter(|c| innermost_shell(script, c.span.start).map(|(_, a)| a.span) == scope)
        .filter_map(|c| pipefail_option(&c.args))
        .next_back()
}

/// `-o pipefail` given to the shell before its script (`bash -eo pipefail -c '...'`).
fn options_set(sh: &Command, body: &Arg) -> bool {
    let before: Vec<Arg> = sh.args.iter().take_while(|a| a.span != body.span).cloned().collect();
    pipefail_option(&before).unwrap_or(false)
}

/// `-o pipefail` (also in a cluster such as `-euxo pipefail`) turns it on, `+o pipefail` off.
fn pipefail_option(args: &[Arg]) -> Option<bool> {
    args.windows(2)
        .filter(|w| w[1].is("pipefail"))
        .filter_map(|w| {
            let v = w[0].value()?;
            let on = v.starts_with('-') && !v.starts_with("--");
            (v.ends_with('o') && (on || v.starts_with('+'))).then_some(on)
        })
        .next_back()
}

/// Every part but the last is `echo` or `printf`, which do not fail, or `yes`: pipefail changes
/// little there (hadolint reports these too, and so does this rule, but points at another pipeline
/// of the RUN first).
fn only_safe_producers(script: &Script, id: usize) -> bool {
    let parts: Vec<&Command> = script.commands.iter().filter(|c| c.pipe.is_some_and(|p| p.id == id)).collect();
    let Some(len) = parts.first().and_then(|c| c.pipe).map(|p| p.len) else { return false };
    (0..len.saturating_sub(1)).all(|index| {
        parts
            .iter()
            .any(|c| c.pipe.is_some_and(|p| p.index == index) && (c.is("echo") || c.is("printf") || c.is("yes")))
    })
}

/// `curl | tar`: what the exit status hides.
fn describe(script: &Script, id: usize) -> String {
    let part = |index: usize| {
        script
            .commands
            .iter()
            .find(|c| c.pipe.is_some_and(|p| p.id == id && p.index == index))
            .and_then(|c| c.program())
    };
    let len = script.commands.iter().find_map(|c| c.pipe.filter(|p| p.id == id)).map_or(0, |p| p.len);
    match (part(0), len.checked_sub(1).and_then(part)) {
        (Some(a), Some(b)) => {
            let shown = if len > 2 { format!("{a} | … | {b}") } else { format!("{a} | {b}") };
            format!("`{shown}` fails only when `{b}` fails: without pipefail a failing `{a}` does not stop the build")
        }
        (None, Some(b)) => format!(
            "the pipeline into `{b}` fails only when `{b}` fails: without pipefail a failure before it does not \
             stop the build"
        ),
        _ => "this pipeline fails only when its last command fails: without pipefail the others' failures do \
              not stop the build"
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    fn pipes_without_pipefail() {
        let src = "FROM debian\nRUN curl -fsSL https://x | tar -xz && a | b | c\n\
                   RUN set -eux; arch=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\"\n\
                   RUN a | b; set -o pipefail\nRUN bash -c 'x | y'\nRUN [\"sh\", \"-c\", \"p | q\"]\n";
        assert_eq!(spans("DF740", src), ["|", "|", "|", "|", "|"]);
        let f = findings("DF740", src);
        assert_eq!(
            f[0].1,
            "`curl | tar` fails only when `tar` fails: without pipefail a failing `curl` does not stop the build \
             (and 1 more pipeline in this RUN)"
        );
        assert!(f[1].1.starts_with("`dpkg | awk`"), "{}", f[1].1);
    }

    #[test]
    fn pipefail_in_effect() {
        let src = "FROM debian AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n\
                   FROM base\nRUN c | d\nFROM debian\nRUN set -euxo pipefail; e | f\nRUN set -o errexit -o pipefail && g | h\n\
                   RUN bash -eo pipefail -c 'i | j' && sh -c 'set -o pipefail; k | l'\nRUN echo a || echo b\n";
        assert_eq!(spans("DF740", src), Vec::<String>::new());
    }

    #[test]
    fn the_pipeline_that_matters_is_shown() {
        let src = "FROM debian\nRUN echo \"$SHA  f\" | sha256sum -c - && wget -O- https://x | tar -x\n\
                   RUN { echo a; echo b; } | tee /etc/x.conf\n";
        let f = findings("DF740", src);
        assert!(f[0].1.starts_with("`wget | tar`"), "{}", f[0].1);
        assert!(f[0].1.ends_with("(and 1 more pipeline in this RUN)"), "{}", f[0].1);
        assert!(f[1].1.starts_with("the pipeline into `tee`"), "{}", f[1].1);
    }

    #[test]
    fn a_new_shell_does_not_inherit_pipefail() {
        let src = "FROM debian\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN bash -c 'a | b'\n\
                   FROM debian\nRUN set -o pipefail; set +o pipefail; c | d\n";
        assert_eq!(spans("DF740", src), ["|", "|"]);
    }
}
