//! The one core call: [`lint`] turns source files into diagnostics, with no I/O of its own.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::classify::{self, FileKind};
use crate::config::{Config, Resolved};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{compose, dockerfile::DockerfileModel, helm, kubernetes};
use crate::project::{self, Fact, ProjectIndex};
use crate::rules::project::PROJECT_RULES;
use crate::rules::{self, Context};
use crate::span::Span;
use crate::suppress::{self, Suppressions};
use crate::syntax::{dockerfile as df, yaml};

/// A file to lint: a path (for reports and config lookup) and its bytes, from disk, stdin or an
/// editor buffer.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: Arc<str>,
    pub bytes: Vec<u8>,
    /// Known from the name or forced by the user; `None` means "look at the content".
    pub kind: Option<FileKind>,
}

impl SourceFile {
    pub fn new(path: &str, text: impl Into<Vec<u8>>) -> SourceFile {
        let path: Arc<str> = Arc::from(path);
        let kind = classify::by_name(std::path::Path::new(&*path));
        SourceFile { path, bytes: text.into(), kind }
    }
}

#[derive(Debug, Default)]
pub struct LintResult {
    /// Sorted by path, then position.
    pub diagnostics: Vec<Diagnostic>,
    /// Files that were linted (recognised as one of our formats).
    pub files_linted: usize,
    /// The text of every linted file, for reports that show code frames.
    pub sources: Vec<(Arc<str>, Arc<str>)>,
}

/// Lints every file in parallel, runs the project rules over the facts they left, then applies
/// suppressions and configuration in one place.
pub fn lint(files: &[SourceFile], config: &Config) -> LintResult {
    let mut outcomes: Vec<FileOutcome> = files.par_iter().enumerate().map(|(i, f)| lint_file(i, f, config)).collect();
    let index = ProjectIndex::new(outcomes.iter_mut().flat_map(|o| std::mem::take(&mut o.facts)));
    let mut project = Vec::new();
    for rule in PROJECT_RULES {
        if config.layers().any(|l| l.is_enabled(rule.code())) {
            rule.check(&index, &mut project);
        }
    }
    if !project.is_empty() {
        let by_path: HashMap<Arc<str>, usize> = outcomes.iter().enumerate().map(|(i, o)| (o.path.clone(), i)).collect();
        for d in project {
            if let Some(&i) = by_path.get(&d.path) {
                outcomes[i].raw.push(d);
            }
        }
    }
    let outcomes: Vec<FileOutcome> = outcomes
        .into_par_iter()
        .map(|mut o| {
            let settings = config.for_path(std::path::Path::new(&*o.path));
            // The text is decoded again rather than kept: a second copy of every file would
            // double the peak memory of a large run.
            let decoded = o.text.is_none().then(|| decode(&files[o.index]).ok()).flatten();
            let text = decoded.or(o.text.as_deref()).unwrap_or("");
            o.raw = suppress::apply(std::mem::take(&mut o.raw), &o.suppressions, settings, &o.path, text);
            // Reports need the text only for code frames of findings.
            if o.text.is_none() && !o.raw.is_empty() {
                o.text = Some(Arc::from(text));
            }
            o
        })
        .collect();
    let mut result = LintResult::default();
    for out in outcomes {
        if out.linted {
            result.files_linted += 1;
        }
        if let Some(text) = out.text {
            result.sources.push((out.path.clone(), text));
        }
        result.diagnostics.extend(out.raw);
    }
    result.diagnostics.sort_by(|a, b| (&a.path, a.span.start, a.code).cmp(&(&b.path, b.span.start, b.code)));
    result
}

/// One file after its own rules: raw findings (before suppressions), its suppressions, and the
/// facts it adds to the project index.
struct FileOutcome {
    path: Arc<str>,
    /// Position in the input slice.
    index: usize,
    /// Set for an undecodable file (its lossy text), or once it has findings to show.
    text: Option<Arc<str>>,
    linted: bool,
    raw: Vec<Diagnostic>,
    suppressions: Suppressions,
    facts: Vec<Fact>,
}

fn lint_file(index: usize, file: &SourceFile, config: &Config) -> FileOutcome {
    let settings = config.for_path(std::path::Path::new(&*file.path));
    let mut out = FileOutcome {
        path: file.path.clone(),
        index,
        text: None,
        linted: false,
        raw: Vec::new(),
        suppressions: Suppressions::default(),
        facts: Vec::new(),
    };
    let text = match decode(file) {
        Ok(t) => t,
        Err(d) => {
            out.raw.push(*d);
            // The text up to the bad byte is exact, so positions and frames still work.
            out.text = Some(Arc::from(String::from_utf8_lossy(&file.bytes).as_ref()));
            return out;
        }
    };
    let kind = file.kind.unwrap_or_else(|| classify::sniff(text));
    let mut parsed = Parsed {
        path: file.path.clone(),
        src: text,
        raw: Vec::new(),
        suppressions: Suppressions::default(),
        facts: Vec::new(),
        shared: rules::Shared::default(),
    };
    match kind {
        FileKind::Dockerfile => {
            out.linted = true;
            lint_dockerfile(&mut parsed, settings);
        }
        FileKind::DotEnv => {
            out.linted = true;
            lint_text(&mut parsed, rules::Format::DotEnv, settings);
        }
        _ => out.linted = lint_yaml(&mut parsed, kind, settings),
    }
    out.raw = parsed.raw;
    out.suppressions = parsed.suppressions;
    out.facts = parsed.facts;
    out
}

/// One file's parse products and the findings so far.
struct Parsed<'a> {
    path: Arc<str>,
    src: &'a str,
    raw: Vec<Diagnostic>,
    suppressions: Suppressions,
    facts: Vec<Fact>,
    /// What several rules read of the text, worked out once.
    shared: rules::Shared,
}

impl Parsed<'_> {
    fn context<'c>(&'c mut self, rule: &rules::Registered, settings: &'c Resolved) -> Context<'c> {
        Context::new(rule, &self.path, self.src, settings, &mut self.raw, &self.shared)
    }

    /// A file that fails to parse and holds `{{`: a template, reported once as such (E005).
    fn templated(&mut self) -> bool {
        let Some(at) = self.src.find("{{") else { return false };
        let message = "this is a template (`{{ ... }}`), not a plain file: render it and lint the output".into();
        self.error("E005", "templated-input", Severity::Info, Span::new(at, at + 2), message);
        true
    }

    fn error(&mut self, code: &'static str, name: &'static str, severity: Severity, span: Span, message: String) {
        self.raw.push(Diagnostic::new(code, name, severity, self.path.clone(), span, message));
    }
}

/// Invalid UTF-8 and NUL bytes make a file unlintable; say where.
fn decode(file: &SourceFile) -> Result<&str, Box<Diagnostic>> {
    let err = |offset: usize, message: String| {
        let mut d = crate::discover::input_error(&file.path, message);
        d.span = Span::new(offset, offset + 1);
        Box::new(d)
    };
    let text = std::str::from_utf8(&file.bytes).map_err(|e| {
        let at = e.valid_up_to();
        let (line, col) = line_col(&file.bytes[..at]);
        err(at, format!("not valid UTF-8 (byte offset {at}, line {line}, column {col}); skipped"))
    })?;
    if let Some(at) = text.find('\0') {
        let (line, col) = line_col(&file.bytes[..at]);
        return Err(err(at, format!("contains a NUL byte (line {line}, column {col}): binary file; skipped")));
    }
    Ok(text)
}

fn line_col(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = prefix.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&prefix[start..]).chars().count() + 1;
    (line, col)
}

fn lint_dockerfile(p: &mut Parsed<'_>, settings: &Resolved) {
    let ast = df::parse(p.src);
    if !ast.errors.is_empty() && p.templated() {
        return;
    }
    for e in &ast.errors {
        p.error("E001", "dockerfile-syntax-error", Severity::Error, e.span, e.message.clone());
    }
    p.suppressions = suppress::from_dockerfile(p.src, &ast);
    let model = DockerfileModel::new(p.src, &ast);
    p.facts.extend(project::dockerfile_facts(&p.path, &model));
    for rule in rules::enabled(settings, rules::Format::Dockerfile) {
        let mut cx = p.context(rule, settings);
        rule.rule.dockerfile(&mut cx, &model);
    }
}

fn lint_text(p: &mut Parsed<'_>, format: rules::Format, settings: &Resolved) {
    for rule in rules::enabled(settings, format) {
        let mut cx = p.context(rule, settings);
        rule.rule.text(&mut cx);
    }
}

/// Returns whether the file turned out to be one of ours.
fn lint_yaml(p: &mut Parsed<'_>, kind: FileKind, settings: &Resolved) -> bool {
    let tree = yaml::parse(p.src, &yaml::Limits::default());
    let kind = match kind {
        FileKind::Yaml => match content_kind(&tree) {
            Some(k) => k,
            // Unknown YAML is skipped silently, unless it does not even parse.
            None => return false,
        },
        k => k,
    };
    if tree.errors.iter().any(|e| e.kind.is_fatal()) && p.templated() {
        return true;
    }
    for e in &tree.errors {
        let (code, name, severity) = if e.kind.is_fatal() {
            ("E002", "yaml-syntax-error", Severity::Error)
        } else {
            ("E003", "yaml-duplicate-key", Severity::Warning)
        };
        let mut d = Diagnostic::new(code, name, severity, p.path.clone(), e.span, e.message.clone());
        if let Some(r) = e.related {
            d = d.with_label(r, "first defined here");
        }
        p.raw.push(d);
    }
    p.suppressions = suppress::from_yaml(p.src, &tree);
    match kind {
        FileKind::Compose => {
            let file = compose::ComposeFile::new(&tree);
            p.facts.extend(project::compose_facts(&p.path, &file));
            for rule in rules::enabled(settings, rules::Format::Compose) {
                let mut cx = p.context(rule, settings);
                rule.rule.compose(&mut cx, &file);
            }
        }
        FileKind::Kubernetes | FileKind::HelmRendered => {
            let sources = helm::sources(&tree);
            let mut objects = kubernetes::objects(&tree, &sources, &settings.pod_templates);
            if settings.helm_skip_tests {
                objects.retain(|o| !helm::is_test(o));
            }
            p.suppressions.add_annotations(&objects);
            p.facts.extend(objects.iter().filter_map(|o| project::workload_facts(&p.path, o)));
            let start = p.raw.len();
            for rule in rules::enabled(settings, rules::Format::Kubernetes) {
                let mut cx = p.context(rule, settings);
                for obj in &objects {
                    rule.rule.kubernetes(&mut cx, obj);
                }
            }
            helm::attribute(&tree, &sources, &mut p.raw[start..]);
        }
        // kustomization.yaml is recognised and not linted as objects; its text is still read.
        FileKind::Kustomization => lint_text(p, rules::Format::Kustomization, settings),
        _ => {}
    }
    true
}

/// What a YAML file is, by content: Kubernetes objects, a Helm stream, or a Compose file.
fn content_kind(tree: &yaml::YamlFile) -> Option<FileKind> {
    let roots = || tree.documents.iter().filter_map(|d| tree.root(d));
    if roots().any(|r| r.get("apiVersion").is_some() && r.get("kind").is_some()) {
        return Some(if helm::is_rendered(tree) { FileKind::HelmRendered } else { FileKind::Kubernetes });
    }
    if roots().any(|r| r.get("services").is_some_and(|s| s.is_mapping())) {
        return Some(FileKind::Compose);
    }
    // A stream whose every document failed still deserves its parse errors.
    if !tree.errors.is_empty() && tree.documents.iter().all(|d| d.root.is_none()) {
        return Some(FileKind::Kubernetes);
    }
    None
}
