//! Files the linted files need read with them, though not named: the override file `docker
//! compose up` reads with a project's file (and the other way round), the bases that
//! `extends: {file: ...}` names, and, for manifests named one by one, the rest of their
//! repository (the NetworkPolicies, Services and accounts the project rules judge them with).
//! They are read as context: their facts and services complete the model of the files asked for,
//! and their own findings are not reported. `caulk check compose.yaml` or `caulk check
//! deploy.yaml` from a pre-commit hook gets the verdict the whole repository's run gives it.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::classify::FileKind;
use crate::config::Config;
use crate::discover::{Options, display};
use crate::engine::{SourceFile, normalise};
use crate::model::compose::{ComposeFile, DEFAULT_FILES, OVERRIDE_FILES};
use crate::syntax::yaml;

/// At most this many context files are read, however many the files ask for.
const MAX_CONTEXT: usize = 64;

/// The context files of `files`, followed from those to theirs, not counting files already in
/// `files`. A file that cannot be read is left out: its absence is what the rules see anyway.
pub fn context_files(files: &[SourceFile], opts: &Options) -> Vec<SourceFile> {
    let mut known: Vec<PathBuf> = files.iter().map(|f| normalise(Path::new(&*f.path))).collect();
    let mut out: Vec<SourceFile> = Vec::new();
    let mut next = 0;
    let mut wanted: Vec<PathBuf> = files.iter().flat_map(wants).collect();
    loop {
        for path in wanted.drain(..) {
            let key = normalise(&path);
            if out.len() >= MAX_CONTEXT || known.contains(&key) {
                continue;
            }
            known.push(key.clone());
            if let Some(f) = read(&key, opts) {
                out.push(f);
            }
        }
        let Some(f) = out.get(next) else { break };
        wanted = wants(f);
        next += 1;
    }
    out
}

/// What one file asks to be read with: nothing unless it is (or may be) a Compose file.
fn wants(file: &SourceFile) -> Vec<PathBuf> {
    if file.kind.is_some_and(|k| k != FileKind::Compose) {
        return Vec::new();
    }
    let path = Path::new(&*file.path);
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
        // compose-go's choice: the first default name present is the project's file, the first
        // override name present its override.
        let other = if DEFAULT_FILES.contains(&name) {
            Some(&OVERRIDE_FILES)
        } else if OVERRIDE_FILES.contains(&name) {
            Some(&DEFAULT_FILES)
        } else {
            None
        };
        if let Some(names) = other
            && let Some(found) = names.iter().map(|n| dir.join(n)).find(|p| p.is_file())
        {
            out.push(found);
        }
    }
    // Only a file that mentions `extends` is parsed for it (the rest is parsed once, later).
    if memchr::memmem::find(&file.bytes, b"extends").is_some()
        && let Ok(text) = std::str::from_utf8(&file.bytes)
    {
        let tree = yaml::parse(text, &yaml::Limits::default());
        out.extend(ComposeFile::extends_files(&tree).into_iter().map(|f| dir.join(f)));
    }
    out
}

/// The other files of the repositories of `files` (the directories holding `.git` above them),
/// when every path named is a file and one of them may be a Kubernetes manifest: a manifest is
/// judged with the policies, Services and accounts beside it, which the pre-commit hook does not
/// pass. A run that names a directory reads what it names, no more; so does one without a
/// repository, or configured `[kubernetes] repository-context = false`.
pub fn repository_files(
    named: &[PathBuf],
    files: &[SourceFile],
    config: &mut Config,
    opts: &Options,
) -> Vec<SourceFile> {
    let manifests =
        |f: &SourceFile| matches!(f.kind, None | Some(FileKind::Kubernetes | FileKind::HelmRendered | FileKind::Yaml));
    let wanted = config.layers().all(|l| l.options.kubernetes.repository_context != Some(false));
    if !wanted || named.is_empty() || named.iter().any(|p| p.is_dir()) || !files.iter().any(manifests) {
        return Vec::new();
    }
    let absolute = |p: &Path| normalise(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
    let mut roots: Vec<PathBuf> = named.iter().filter_map(|p| repository_root(&absolute(p))).collect();
    roots.sort();
    roots.dedup();
    if roots.is_empty() {
        return Vec::new();
    }
    let known: std::collections::HashSet<PathBuf> = files.iter().map(|f| absolute(Path::new(&*f.path))).collect();
    let found = crate::discover::discover(&roots, config, opts);
    found
        .files
        .into_iter()
        .filter(|f| !known.contains(&absolute(Path::new(&*f.path))))
        .map(|f| SourceFile { context: true, ..f })
        .collect()
}

/// The nearest directory above `path` that holds `.git` (a directory, or a worktree's file).
fn repository_root(path: &Path) -> Option<PathBuf> {
    path.ancestors().skip(1).find(|dir| dir.join(".git").exists()).map(Path::to_path_buf)
}

/// A context file, read within the size limit; `None` when it is not a regular file.
fn read(path: &Path, opts: &Options) -> Option<SourceFile> {
    let meta = fs::metadata(path).ok().filter(|m| m.is_file() && m.len() <= opts.max_file_size)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path).ok()?.take(opts.max_file_size).read_to_end(&mut bytes).ok()?;
    let name = display(path);
    Some(SourceFile { path: Arc::from(name.as_str()), bytes, kind: Some(FileKind::Compose), context: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        Options { max_file_size: 1 << 20, force_kind: None }
    }

    #[test]
    fn the_override_partner_and_extended_bases_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        fs::create_dir_all(root.join("common")).expect("mkdir");
        let write = |name: &str, text: &str| fs::write(root.join(name), text).expect("write");
        write("compose.yaml", "services:\n  web:\n    extends: {file: common/base.yaml, service: hardened}\n");
        write("compose.override.yaml", "services:\n  web:\n    ports: [\"8080:80\"]\n");
        write("common/base.yaml", "services:\n  hardened:\n    extends: {file: ./root.yaml, service: r}\n");
        write("common/root.yaml", "services:\n  r:\n    user: \"10001\"\n");
        write("other.yaml", "services:\n  x:\n    image: nginx:1.27\n");
        let asked = root.join("compose.yaml");
        let given = SourceFile::new(&display(&asked), fs::read(&asked).expect("read"));
        let got = context_files(&[given], &opts());
        let names: Vec<String> =
            got.iter().map(|f| f.path.strip_prefix(&display(root)).unwrap_or(&f.path).to_string()).collect();
        assert_eq!(names, ["/compose.override.yaml", "/common/base.yaml", "/common/root.yaml"]);
        assert!(got.iter().all(|f| f.context && f.kind == Some(FileKind::Compose)));
        // Files already in the run are not read again.
        let both = [
            SourceFile::new(&display(&asked), fs::read(&asked).expect("read")),
            SourceFile::new(&display(&root.join("compose.override.yaml")), "services: {}\n"),
        ];
        assert_eq!(context_files(&both, &opts()).len(), 2);
    }

    #[test]
    fn other_formats_ask_for_nothing() {
        let docker = SourceFile::new("Dockerfile", "FROM alpine:3.20\n# extends\n");
        assert!(context_files(&[docker], &opts()).is_empty());
    }
}
