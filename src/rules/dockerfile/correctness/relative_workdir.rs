//! DF706: a relative `WORKDIR` that resolves against the base image's working directory.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct RelativeWorkdir;

impl Rule for RelativeWorkdir {
    fn code(&self) -> &'static str {
        "DF706"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let workdirs = super::chain_has(file, InstructionKind::Workdir);
        for stage in &file.stages {
            // As in BuildKit, only the first WORKDIR of a stage chain can be reported: a later
            // relative one builds on a directory this Dockerfile already chose.
            if super::inherits(stage, &workdirs) {
                continue;
            }
            let Some((at, instr)) =
                stage.instructions.iter().enumerate().find(|(_, i)| i.kind == InstructionKind::Workdir)
            else {
                continue;
            };
            let Some(word) = instr.words(file.ast.escape).into_iter().next() else { continue };
            // A variable the file does not define may well hold an absolute path.
            let Some(path) = super::resolve(file, stage, at, &word.text) else { continue };
            // `C:\app` reads as `C:app` with the default escape char; the author meant a drive path.
            if super::is_absolute_path(&path) || super::is_absolute_path(word.span.slice(cx.src)) {
                continue;
            }
            let d = cx
                .diag(
                    word.span,
                    format!("relative `WORKDIR {path}` resolves against the base image's working directory"),
                )
                .with_help(
                    "use an absolute path, e.g. `WORKDIR /app`: the base image's working directory can change \
                     with any new version of it",
                );
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans;

    #[test]
    fn only_the_first_workdir_of_a_stage_chain() {
        let src = "FROM golang AS base\nWORKDIR /src\nWORKDIR tools\n\
                   FROM base\nWORKDIR cmd\n\
                   FROM alpine\nWORKDIR app\nWORKDIR more\n";
        assert_eq!(spans("DF706", src), ["app"]);
    }

    #[test]
    fn variables_and_windows_paths() {
        let src = "FROM alpine\nWORKDIR $HOME/app\n\
                   FROM alpine\nARG DIR=build\nWORKDIR ${DIR}\n\
                   FROM alpine\nENV ROOT=/srv\nWORKDIR $ROOT/app\n\
                   FROM mcr.microsoft.com/windows/nanoserver\nWORKDIR C:\\app\n\
                   FROM mcr.microsoft.com/windows/nanoserver\nWORKDIR c:/app\n";
        assert_eq!(spans("DF706", src), ["${DIR}"]);
    }
}
