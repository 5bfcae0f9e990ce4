//! The sources of `ADD` and `COPY`, as BuildKit tells them apart: a Git repository, an HTTP(S)
//! download, a heredoc, or a path (in the build context or, with `--from`, in another image).

use crate::model::dockerfile::{DockerfileModel, Stage};
use crate::syntax::dockerfile::{Instruction, Word};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Git,
    Http,
    Heredoc,
    Path,
}

/// One source word.
#[derive(Clone, Debug)]
pub struct Source {
    pub word: Word,
    /// The source after variable expansion, or as written when a variable is unknown but the
    /// kind is still clear from its literal start (`https://host/${VERSION}/x.tgz`).
    pub text: String,
    /// `None` when an unknown variable hides what the source is.
    pub kind: Option<SourceKind>,
}

/// The sources of `instr` (an `ADD` or `COPY` at `stage.instructions[at]`): every word but the
/// destination.
pub fn sources(file: &DockerfileModel<'_>, stage: &Stage<'_>, at: usize, instr: &Instruction) -> Vec<Source> {
    let mut words = instr.words(file.ast.escape);
    if words.len() < 2 {
        return Vec::new();
    }
    words.pop();
    let scope = file.scope_at(stage, at);
    words
        .into_iter()
        .map(|word| {
            if instr.heredocs.iter().any(|h| h.marker == word.span) {
                return Source { text: word.text.clone(), word, kind: Some(SourceKind::Heredoc) };
            }
            match scope.expand(&word.text) {
                Some(text) => Source { kind: Some(classify(&text)), text, word },
                None => {
                    let kind = Some(classify(&word.text)).filter(|k| matches!(k, SourceKind::Git | SourceKind::Http));
                    Source { text: word.text.clone(), word, kind }
                }
            }
        })
        .collect()
}

/// BuildKit's order: a Git reference first (`git://`, `ssh://`, `user@host:path`, or an
/// HTTP(S) URL whose path ends in `.git`), then any other HTTP(S) URL, else a path.
pub fn classify(text: &str) -> SourceKind {
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("git://") || lower.starts_with("ssh://") || is_scp_like(text) {
        return SourceKind::Git;
    }
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let path = lower.split(['#', '?']).next().unwrap_or(&lower);
        return if path.ends_with(".git") { SourceKind::Git } else { SourceKind::Http };
    }
    SourceKind::Path
}

/// `git@github.com:org/repo.git`: a user, a host, a colon, a path.
fn is_scp_like(text: &str) -> bool {
    let Some((user, rest)) = text.split_once('@') else { return false };
    let Some((host, path)) = rest.split_once(':') else { return false };
    let name =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    name(user) && name(host) && !path.is_empty() && !path.starts_with("//")
}

/// A Git URL pinned to one commit: a full commit SHA as the ref (`#<sha>` or `#<sha>:dir`,
/// `?ref=<sha>`), or a `checksum=` query parameter.
pub fn git_pins_commit(url: &str) -> bool {
    let is_commit = |r: &str| matches!(r.len(), 40 | 64) && r.bytes().all(|b| b.is_ascii_hexdigit());
    let (before_fragment, fragment) = url.split_once('#').unwrap_or((url, ""));
    let fragment_ref = fragment.split(':').next().unwrap_or("");
    let query = before_fragment.split_once('?').map_or("", |(_, q)| q);
    let query_pins = query.split('&').any(|kv| match kv.split_once('=') {
        Some(("checksum", v)) => !v.is_empty(),
        Some(("ref" | "commit", v)) => is_commit(v),
        _ => false,
    });
    is_commit(fragment_ref) || query_pins
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(classify("https://example.com/a.tar.gz"), SourceKind::Http);
        assert_eq!(classify("HTTP://example.com/a"), SourceKind::Http);
        assert_eq!(classify("https://github.com/moby/buildkit.git#v0.14.1:docs"), SourceKind::Git);
        assert_eq!(classify("git@github.com:moby/buildkit.git"), SourceKind::Git);
        assert_eq!(classify("ssh://git@host/repo"), SourceKind::Git);
        assert_eq!(classify("./conf/app@2x.png"), SourceKind::Path);
        assert_eq!(classify("C:\\app"), SourceKind::Path);
        assert_eq!(classify("github.com/moby/buildkit"), SourceKind::Path);
    }

    #[test]
    fn commit_pins() {
        let sha = "0123456789abcdef0123456789abcdef01234567";
        assert!(git_pins_commit(&format!("https://github.com/a/b.git#{sha}")));
        assert!(git_pins_commit(&format!("https://github.com/a/b.git#{sha}:sub/dir")));
        assert!(git_pins_commit("https://github.com/a/b.git?ref=v1&checksum=abc123"));
        assert!(!git_pins_commit("https://github.com/a/b.git#v1.2.3"));
        assert!(!git_pins_commit("https://github.com/a/b.git#0123abc"));
        assert!(!git_pins_commit("git@github.com:a/b.git"));
    }
}
