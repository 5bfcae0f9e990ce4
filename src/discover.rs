//! Turns the paths a user gave into source files: walks directories (honouring `.gitignore`,
//! `.ignore` and config `exclude`), classifies by name, and reads each candidate once.
//! Every problem with a path becomes an `E004` diagnostic; the run goes on.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::WalkBuilder;
use rayon::prelude::*;

use crate::classify::{self, FileKind};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::SourceFile;
use crate::model::helm::chart;
use crate::span::Span;

pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

pub struct Discovered {
    pub files: Vec<SourceFile>,
    pub errors: Vec<Diagnostic>,
    /// Paths the user named that do not exist: a usage error.
    pub missing: Vec<PathBuf>,
    /// Helm charts met while walking: linted as what they render to, none of their files read
    /// as files (their subcharts are rendered with them).
    pub charts: Vec<PathBuf>,
}

pub struct Options {
    pub max_file_size: u64,
    /// `--kind`: treat every file as this format instead of classifying.
    pub force_kind: Option<FileKind>,
}

/// An input problem reported on a file as a whole.
pub fn input_error(path: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new("E004", "unreadable-input", Severity::Error, Arc::from(path), Span::point(0), message)
}

struct Candidate {
    path: PathBuf,
    kind: Option<FileKind>,
}

pub fn discover(paths: &[PathBuf], config: &mut Config, opts: &Options) -> Discovered {
    let mut candidates = Vec::new();
    let mut errors = Vec::new();
    let mut missing = Vec::new();
    let mut charts = Vec::new();
    for root in paths {
        let meta = match fs::metadata(root) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && fs::symlink_metadata(root).is_err() => {
                missing.push(root.clone());
                continue;
            }
            Err(e) => {
                errors.push(input_error(&display(root), format!("cannot read: {e}")));
                continue;
            }
        };
        if meta.is_dir() {
            walk(root, config, opts, &mut Walked { files: &mut candidates, charts: &mut charts, errors: &mut errors });
        } else {
            // A file named explicitly is linted whatever its name; its content decides.
            let kind = opts.force_kind.or_else(|| classify::by_name(root));
            candidates.push(Candidate { path: root.clone(), kind });
        }
    }
    let read: Vec<_> = candidates.par_iter().map(|c| read_candidate(c, opts)).collect();
    let mut files = Vec::new();
    for r in read {
        match r {
            Ok(f) => files.push(f),
            Err(d) => errors.push(*d),
        }
    }
    Discovered { files, errors, missing, charts }
}

/// What a walk finds.
struct Walked<'a> {
    files: &'a mut Vec<Candidate>,
    charts: &'a mut Vec<PathBuf>,
    errors: &'a mut Vec<Diagnostic>,
}

fn walk(root: &Path, config: &mut Config, opts: &Options, found: &mut Walked<'_>) {
    let walker = WalkBuilder::new(root)
        .hidden(false)
        .follow_links(false)
        .require_git(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build();
    let (out, errors) = (&mut *found.files, &mut *found.errors);
    let mut seen_dirs = std::collections::HashSet::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = error_path(&e).unwrap_or_else(|| root.to_path_buf());
                errors.push(input_error(&display(&path), format!("cannot walk: {e}")));
                continue;
            }
        };
        let path = entry.path();
        let Some(ft) = entry.file_type() else { continue };
        // A chart is linted as what it renders to, never as its templates (as when named).
        if found.charts.iter().any(|c| path.starts_with(c)) {
            continue;
        }
        if ft.is_dir() && path != root && chart::is_chart(path) {
            found.charts.push(path.to_path_buf());
            continue;
        }
        if ft.is_dir() {
            if seen_dirs.insert(path.to_path_buf())
                && let Err(e) = config.load_dir(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
            {
                errors.push(input_error(&display(path), e));
            }
            continue;
        }
        let Some(kind) = opts.force_kind.or_else(|| classify::by_name(path)) else { continue };
        if ft.is_symlink() {
            // Links are not followed while walking (loops), but a link to a file is still linted.
            match fs::metadata(path) {
                Ok(m) if m.is_file() => {}
                Ok(_) => continue,
                Err(e) => {
                    errors.push(input_error(&display(path), format!("broken or looping symbolic link ({e}); skipped")));
                    continue;
                }
            }
        } else if !ft.is_file() {
            errors.push(input_error(&display(path), "not a regular file (FIFO, socket or device); skipped"));
            continue;
        }
        let resolved = config.for_path(path);
        let rel = path.strip_prefix(&resolved.root).unwrap_or(path);
        let rel_root = path.strip_prefix(root).unwrap_or(path);
        if resolved.exclude.is_match(rel) || resolved.exclude.is_match(rel_root) {
            continue;
        }
        out.push(Candidate { path: path.to_path_buf(), kind: Some(kind) });
    }
}

fn error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn read_candidate(c: &Candidate, opts: &Options) -> Result<SourceFile, Box<Diagnostic>> {
    let name = display(&c.path);
    let err = |m: String| Box::new(input_error(&name, m));
    let meta = fs::metadata(&c.path).map_err(|e| err(format!("cannot read: {e}")))?;
    if meta.is_dir() {
        return Err(err("is a directory, expected a file".into()));
    }
    if !meta.is_file() {
        return Err(err("not a regular file (FIFO, socket or device); skipped".into()));
    }
    if meta.len() > opts.max_file_size {
        return Err(err(too_large(meta.len(), opts.max_file_size)));
    }
    let file = fs::File::open(&c.path).map_err(|e| err(format!("cannot read: {e}")))?;
    // Read at most one byte past the limit: the file may have grown since `metadata`.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(opts.max_file_size + 1).read_to_end(&mut bytes).map_err(|e| err(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > opts.max_file_size {
        return Err(err(too_large(bytes.len() as u64, opts.max_file_size)));
    }
    Ok(SourceFile { path: Arc::from(name), bytes, kind: c.kind, context: false })
}

fn too_large(len: u64, max: u64) -> String {
    format!("file is {len} bytes, over the {max}-byte limit (--max-file-size); skipped")
}

/// Paths are shown as given, with `./` dropped and `/` separators.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
