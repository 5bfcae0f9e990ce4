//! DF707: `COPY`/`ADD` to a relative destination in a stage that never sets `WORKDIR`.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct CopyRelativeDestWithoutWorkdir;

impl Rule for CopyRelativeDestWithoutWorkdir {
    fn code(&self) -> &'static str {
        "DF707"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let workdirs = super::chain_has(file, InstructionKind::Workdir);
        let scratch = super::scratch_rooted(file);
        for stage in &file.stages {
            // `scratch` has no working directory to inherit: a relative destination is under `/`,
            // and no base image update can move it.
            if scratch.get(stage.index).copied().unwrap_or(false) || super::inherits(stage, &workdirs) {
                continue;
            }
            for (at, instr) in stage.instructions.iter().enumerate() {
                if instr.kind == InstructionKind::Workdir {
                    break;
                }
                if !matches!(instr.kind, InstructionKind::Copy | InstructionKind::Add) {
                    continue;
                }
                let words = instr.words(file.ast.escape);
                let Some(dest) = words.last().filter(|_| words.len() >= 2) else { continue };
                // A variable the file does not define may hold an absolute path.
                let Some(path) = super::resolve(file, stage, at, &dest.text) else { continue };
                if super::is_absolute_path(&path) || super::is_absolute_path(dest.span.slice(cx.src)) {
                    continue;
                }
                let kind = instr.kind;
                let d = cx
                    .diag(
                        dest.span,
                        format!(
                            "`{kind}` to relative `{path}` with no `WORKDIR` set: the files land in whatever \
                             working directory the base image has"
                        ),
                    )
                    .with_help(
                        "set the directory first, e.g. `WORKDIR /app`, or give an absolute destination; the base \
                         image's working directory can change with any new version of it",
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
    fn workdir_in_the_stage_or_a_base_stage() {
        let src = "FROM node:22 AS deps\nCOPY package.json .\nWORKDIR /app\nCOPY . .\n\
                   FROM deps AS build\nCOPY src src\n\
                   FROM node:22\nADD app.tgz app/\nCOPY --from=build /app/dist dist\n";
        assert_eq!(spans("DF707", src), [".", "app/", "dist"]);
    }

    #[test]
    fn absolute_variable_windows_and_scratch_destinations() {
        let src = "FROM alpine\nCOPY a /a\nCOPY b $TARGET\nARG D=/opt\nCOPY c ${D}/c\nCOPY [\"d\", \"/d\"]\n\
                   FROM mcr.microsoft.com/windows/nanoserver\nCOPY e C:\\e\nCOPY f c:/f\n\
                   FROM scratch AS bin\nCOPY app .\nFROM bin\nCOPY more .\n";
        assert!(spans("DF707", src).is_empty());
    }
}
