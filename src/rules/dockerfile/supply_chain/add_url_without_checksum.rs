//! DF314: `ADD` of a URL or a Git repository without `--checksum`.

use super::sources::{SourceKind, git_pins_commit, sources};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct AddUrlWithoutChecksum;

impl Rule for AddUrlWithoutChecksum {
    fn code(&self) -> &'static str {
        "DF314"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            for (at, instr) in stage.instructions.iter().enumerate() {
                if instr.kind != InstructionKind::Add || instr.flag("checksum").is_some() {
                    continue;
                }
                for src in sources(file, stage, at, instr) {
                    let url = &src.text;
                    let (message, help) = match src.kind {
                        Some(SourceKind::Http) => (
                            format!("`ADD` downloads `{url}` without `--checksum`: its content is not verified"),
                            "add `--checksum=sha256:<digest>` (Dockerfile syntax 1.6+) with the digest of the file \
                             you reviewed, so that a changed or tampered download fails the build"
                                .to_string(),
                        ),
                        Some(SourceKind::Git) if !git_pins_commit(url) => (
                            format!("`ADD` clones `{url}` without pinning a commit: the branch or tag can move"),
                            "add `--checksum=<commit SHA>` (Dockerfile syntax 1.6+), or name the full commit SHA \
                             in the URL (`#<sha>`), so that the build always gets the reviewed commit"
                                .to_string(),
                        ),
                        _ => continue,
                    };
                    let d = cx.diag(src.word.span, message).with_help(help);
                    cx.emit(d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn downloads_and_clones() {
        let sha = "0123456789abcdef0123456789abcdef01234567";
        let src = format!(
            "FROM alpine:3\nARG V=1.2\nADD https://example.com/${{V}}/tool.tgz /opt/\n\
             ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x /x\n\
             ADD https://github.com/a/b.git#v1 /src\nADD https://github.com/a/b.git#{sha} /src\n\
             ADD https://example.com/$UNKNOWN /u\nADD $UNKNOWN /v\nADD app.tar.gz /app/\nCOPY https-notes.txt /\n"
        );
        let got: Vec<String> = findings("DF314", &src).into_iter().map(|(span, _)| span).collect();
        assert_eq!(
            got,
            ["https://example.com/${V}/tool.tgz", "https://github.com/a/b.git#v1", "https://example.com/$UNKNOWN"]
        );
        let messages = findings("DF314", &src);
        assert_eq!(
            messages[0].1,
            "`ADD` downloads `https://example.com/1.2/tool.tgz` without `--checksum`: its content is not verified"
        );
    }
}
