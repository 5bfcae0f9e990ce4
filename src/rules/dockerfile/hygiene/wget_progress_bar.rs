//! DF619: `wget` without a quiet or progress option: its progress output floods the build log.

use super::packages::may_hide_options;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::shell::Command;

pub struct WgetProgressBar;

/// GNU wget's short options that take a value (the rest of a cluster, or the next word).
const VALUED: &str = "eoaiBtOTwQPlARDIXUY";

impl Rule for WgetProgressBar {
    fn code(&self) -> &'static str {
        "DF619"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            for cmd in run.commands().filter(|c| c.is("wget")) {
                if quiet(cmd) || may_hide_options(cx.src, cmd) {
                    continue;
                }
                let d = cx.diag(cmd.name.span, "`wget` prints its download progress into the build log").with_help(
                    "add `-q` (or, with GNU wget, `-nv` or `--progress=dot:giga`); busybox wget on Alpine \
                         knows only `-q`",
                );
                cx.emit(d);
            }
        }
    }
}

/// `-q`/`--quiet`, `-nv`/`--no-verbose`, `--progress=...`, or a log file (`-o`, `-a`,
/// `--output-file`, `--append-output`), also inside a cluster such as `-qO-`.
fn quiet(cmd: &Command) -> bool {
    cmd.has_flag(None, &["quiet", "no-verbose", "progress", "output-file", "append-output"])
        || cmd.args.iter().take_while(|a| !a.is("--")).filter_map(|a| a.value()).any(|v| {
            let Some(cluster) = v.strip_prefix('-').filter(|c| !c.starts_with('-')) else { return false };
            for (at, c) in cluster.char_indices() {
                match c {
                    'q' | 'o' | 'a' => return true,
                    // `-n` takes its letters as the rest of the word: `-nv`, `-ncv`.
                    'n' => return cluster[at + 1..].contains('v'),
                    c if VALUED.contains(c) => return false,
                    _ => {}
                }
            }
            false
        })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans as hits;

    const CODE: &str = "DF619";

    #[test]
    fn reports_wget_with_progress_output() {
        for run in [
            "wget https://x.example/a.tgz",
            "wget -O /tmp/a.tgz https://x.example/a.tgz",
            "wget -Oq https://x.example/a.tgz",
            "wget -nc https://x.example/a.tgz",
            "wget --show-progress https://x.example/a.tgz",
            "cd /tmp && wget -c https://x.example/a.tgz | tar xz",
            "wget -O python.tar.xz \"$url\"",
            "wget ${BINARY_URL}",
        ] {
            assert_eq!(hits(CODE, &format!("FROM debian\nRUN {run}\n")), ["wget"], "{run}");
        }
    }

    #[test]
    fn quiet_and_progress_options_are_accepted() {
        for run in [
            "wget -q https://x.example/a",
            "wget -qO- https://x.example/a | sh",
            "wget -O- -q https://x.example/a",
            "wget -nv https://x.example/a",
            "wget -ncv https://x.example/a",
            "wget --no-verbose https://x.example/a",
            "wget --quiet https://x.example/a",
            "wget --progress=dot:giga https://x.example/a",
            "wget -o /tmp/log https://x.example/a",
            "wget --append-output=/tmp/log https://x.example/a",
            "wget $WGET_OPTS https://x.example/a",
            "wget --progress=$PROGRESS https://x.example/a",
            "curl -fsSL https://x.example/a",
        ] {
            assert!(hits(CODE, &format!("FROM debian\nRUN {run}\n")).is_empty(), "{run}");
        }
    }
}
