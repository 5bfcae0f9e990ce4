//! DF790: `COPY --from=<stage or image> / /` lays a whole filesystem over the image's root.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct CopyEntireFilesystem;

impl Rule for CopyEntireFilesystem {
    fn code(&self) -> &'static str {
        "DF790"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for instr in file.ast.instructions.iter().filter(|i| i.kind == InstructionKind::Copy) {
            let Some(from) = instr.flag("from").and_then(|f| f.value.as_deref()) else { continue };
            let words = instr.words(file.ast.escape);
            let Some((dest, sources)) = words.split_last() else { continue };
            // Copying a root into a directory (`/ /usr/bin/`) is the usual way to take the
            // files of a binaries-only stage; only a root laid over the root is reported.
            if !matches!(dest.text.as_str(), "/" | "/.") {
                continue;
            }
            for src in sources.iter().filter(|w| matches!(w.text.as_str(), "/" | "/." | "/*")) {
                let d = cx.diag(src.span, format!("copies the entire filesystem of `{from}`")).with_help(
                    "copy only the files the image needs (binaries, configuration); a whole filesystem \
                         brings its users, setuid binaries, package databases and caches along",
                );
                cx.emit(d);
            }
        }
    }
}
