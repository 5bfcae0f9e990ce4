//! DF315: `ADD` whose sources are all local files or directories that are not archives.

use super::sources::{Source, SourceKind, sources};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct AddInsteadOfCopy;

/// hadolint's archive extensions, plus zstd (BuildKit unpacks zstd-compressed tars too). `ADD`
/// detects archives by content; the name is the only hint available statically.
const ARCHIVE_EXTENSIONS: [&str; 18] = [
    ".tar", ".z", ".bz2", ".gz", ".lz", ".lzma", ".tz", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz", ".txz", ".xz",
    ".zst", ".tzst", ".zstd",
];

/// Flags only `ADD` has: with them the instruction cannot simply become `COPY`.
const ADD_ONLY_FLAGS: [&str; 3] = ["checksum", "keep-git-dir", "unpack"];

impl Rule for AddInsteadOfCopy {
    fn code(&self) -> &'static str {
        "DF315"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            for (at, instr) in stage.instructions.iter().enumerate() {
                if instr.kind != InstructionKind::Add {
                    continue;
                }
                let srcs = sources(file, stage, at, instr);
                let copies_only = !srcs.is_empty()
                    && srcs.iter().all(|s| match s.kind {
                        Some(SourceKind::Heredoc) => true,
                        Some(SourceKind::Path) => !is_archive(&s.text),
                        _ => false,
                    });
                if !copies_only {
                    continue;
                }
                let shown: Vec<String> = srcs.iter().take(3).map(|s| format!("`{}`", s.text)).collect();
                let more = if srcs.len() > 3 { format!(" and {} more", srcs.len() - 3) } else { String::new() };
                let mut d = cx
                    .diag(
                        instr.keyword,
                        format!("`ADD` only copies local files here ({}{more}): use `COPY`", shown.join(", ")),
                    )
                    .with_help(
                        "`COPY` does the same here; `ADD` also downloads URLs and unpacks local tar archives, so a \
                         reader has to check every source to know what it does",
                    );
                if !instr.flags.iter().any(|f| ADD_ONLY_FLAGS.contains(&f.name.as_str())) {
                    let keyword = instr.keyword.slice(cx.src);
                    d = d.with_fix(Fix {
                        message: "replace `ADD` with `COPY`".into(),
                        applicability: if srcs.iter().all(plainly_not_archive) {
                            Applicability::Safe
                        } else {
                            Applicability::Unsafe
                        },
                        edits: vec![Edit { span: instr.keyword, replacement: copy_in_case_of(keyword) }],
                    });
                }
                cx.emit(d);
            }
        }
    }
}

fn is_archive(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    ARCHIVE_EXTENSIONS.iter().any(|ext| lower.ends_with(ext))
}

/// Sources `COPY` certainly treats like `ADD`: a heredoc, a directory (`.`, `dir/`), or a file
/// with a (non-archive) extension and no wildcard. A name without an extension could still be a
/// tar archive that `ADD` would unpack, so replacing the keyword is then an unsafe fix.
fn plainly_not_archive(src: &Source) -> bool {
    let t = src.text.as_str();
    if src.kind == Some(SourceKind::Heredoc) || matches!(t, "." | "./" | "/") || t.ends_with('/') {
        return true;
    }
    let name = t.rsplit('/').next().unwrap_or(t);
    !name.contains(['*', '?', '[']) && name.get(1..).is_some_and(|rest| rest.contains('.'))
}

/// `COPY` written in the case style of the `ADD` keyword it replaces.
fn copy_in_case_of(keyword: &str) -> String {
    if keyword.bytes().all(|b| b.is_ascii_lowercase()) {
        "copy".into()
    } else if keyword.bytes().skip(1).all(|b| b.is_ascii_lowercase()) {
        "Copy".into()
    } else {
        "COPY".into()
    }
}

#[cfg(test)]
mod tests {
    use super::copy_in_case_of;
    use crate::Applicability;
    use crate::config::Options;
    use crate::rules::testing::diagnostics_with;

    fn fixes(src: &str) -> Vec<(String, Option<Applicability>)> {
        diagnostics_with("DF315", src, Options::default())
            .into_iter()
            .map(|d| (d.span.slice(src).to_string(), d.fix.map(|f| f.applicability)))
            .collect()
    }

    #[test]
    fn local_non_archives_only() {
        let src = "FROM alpine:3\nADD app.py conf/ /app/\nadd . /src\nADD rootfs.tar.xz /\nADD https://x.io/a /a\n\
                   ADD bin/server /usr/local/bin/\nADD --checksum=sha256:00 app.py /a\nADD $UNKNOWN /b\n\
                   ADD files/* /c/\nADD FILE.TGZ /d\nADD git@github.com:a/b.git /e\n";
        assert_eq!(
            fixes(src),
            vec![
                ("ADD".to_string(), Some(Applicability::Safe)),
                ("add".to_string(), Some(Applicability::Safe)),
                ("ADD".to_string(), Some(Applicability::Unsafe)),
                ("ADD".to_string(), None),
                ("ADD".to_string(), Some(Applicability::Unsafe)),
            ]
        );
    }

    #[test]
    fn keeps_the_keyword_case() {
        assert_eq!(copy_in_case_of("add"), "copy");
        assert_eq!(copy_in_case_of("Add"), "Copy");
        assert_eq!(copy_in_case_of("ADD"), "COPY");
        assert_eq!(copy_in_case_of("aDd"), "COPY");
    }
}
