//! The one core call: [`lint`] turns source files into diagnostics, with no I/O of its own.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::classify::{self, FileKind};
use crate::config::{Config, Resolved};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{compose, dockerfile::DockerfileModel, helm, kubernetes, kustomize};
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
    /// Read only for what the other files need of it ([`crate::related`]): linted for its
    /// facts and services, its findings not reported.
    pub context: bool,
}

impl SourceFile {
    pub fn new(path: &str, text: impl Into<Vec<u8>>) -> SourceFile {
        let path: Arc<str> = Arc::from(path);
        let kind = classify::by_name(std::path::Path::new(&*path));
        SourceFile { path, bytes: text.into(), kind, context: false }
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
    let kustomized = kustomized(files);
    let run = Run::new(files);
    let mut outcomes: Vec<FileOutcome> = files
        .par_iter()
        .enumerate()
        .map(|(i, f)| {
            let path = normal_path(Path::new(&*f.path));
            let placed =
                Placed { patch: kustomized.patches.contains(&path), namespace: kustomized.namespaces.get(&path) };
            lint_file(i, f, config, &run, placed)
        })
        .collect();
    let mut index = ProjectIndex::new(outcomes.iter_mut().flat_map(|o| std::mem::take(&mut o.facts)));
    for layer in config.layers() {
        for (image, dockerfile) in &layer.options.images {
            let path = layer.root.join(dockerfile);
            index.image_links.push((image.clone(), std::path::absolute(&path).unwrap_or(path)));
        }
    }
    let mut project = Vec::new();
    let shared = rules::project::Project::new(&index);
    for rule in PROJECT_RULES {
        if config.layers().any(|l| l.is_enabled(rule.code())) {
            rule.check(&shared, &mut project);
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
    let mut outcomes: Vec<FileOutcome> = outcomes
        .into_par_iter()
        .map(|mut o| {
            if files.get(o.index).is_some_and(|f| f.context) {
                o.raw.clear();
                o.linted = false;
                return o;
            }
            let settings = config.for_path(std::path::Path::new(&*o.path));
            // The text is decoded again rather than kept: a second copy of every file would
            // double the peak memory of a large run.
            let decoded = o.text.is_none().then(|| decode(&files[o.index]).ok()).flatten();
            let text = decoded.or(o.text.as_deref()).unwrap_or("");
            o.raw = suppress::apply(std::mem::take(&mut o.raw), &o.suppressions, settings, &o.path, text);
            o.raw.sort_by(by_place);
            // Reports need the text only for code frames of findings.
            if o.text.is_none() && !o.raw.is_empty() {
                o.text = Some(Arc::from(text));
            }
            o
        })
        .collect();
    outcomes.sort_by(|a, b| a.path.cmp(&b.path));
    let mut result = LintResult::default();
    result.diagnostics.reserve_exact(outcomes.iter().map(|o| o.raw.len()).sum());
    for out in outcomes {
        if out.linted {
            result.files_linted += 1;
        }
        if let Some(text) = out.text {
            result.sources.push((out.path.clone(), text));
        }
        result.diagnostics.extend(out.raw);
    }
    // Each file's findings were sorted in parallel; a finding kept on another file of an
    // override pair can still be out of place.
    if !result.diagnostics.is_sorted_by(|a, b| by_place(a, b).is_le()) {
        result.diagnostics.sort_by(by_place);
    }
    result
}

fn by_place(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (&a.path, a.span.start, a.code).cmp(&(&b.path, b.span.start, b.code))
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

/// What the run's kustomizations say of other files (the kustomizations are small; reading them
/// twice costs nothing that shows).
#[derive(Default)]
struct Kustomized {
    /// The files named as patches: partial objects, judged for what they write.
    patches: HashSet<PathBuf>,
    /// The files every build that reaches them puts in one namespace (`namespace:` of the
    /// outermost kustomization that sets one): their objects are in it, whatever they say.
    namespaces: HashMap<PathBuf, String>,
}

/// One kustomization of the run: its directory, `namespace:` and sources (normalised paths).
struct Build {
    namespace: Option<String>,
    sources: Vec<PathBuf>,
}

fn kustomized(files: &[SourceFile]) -> Kustomized {
    let mut out = Kustomized::default();
    let mut builds: HashMap<PathBuf, Build> = HashMap::new();
    for f in files.iter().filter(|f| f.kind == Some(FileKind::Kustomization)) {
        let Ok(text) = std::str::from_utf8(&f.bytes) else { continue };
        let tree = yaml::parse(text, &yaml::Limits::default());
        let dir = Path::new(&*f.path).parent().unwrap_or(Path::new(""));
        for root in tree.documents.iter().filter_map(|d| tree.root(d)) {
            out.patches.extend(kustomize::patch_files(root).into_iter().map(|p| normal_path(&dir.join(p))));
            let sources = kustomize::sources(root).into_iter().map(|p| normal_path(&dir.join(p))).collect();
            let namespace = kustomize::namespace(root).filter(|n| !n.contains("{{")).map(str::to_string);
            builds.insert(normal_path(dir), Build { namespace, sources });
        }
    }
    // Each build that no other includes, walked down with the namespace it sets: the outermost
    // `namespace:` wins. `None` marks a file some build leaves in its own namespace, or that
    // two builds put in different ones.
    let included: HashSet<&PathBuf> = builds.values().flat_map(|b| &b.sources).collect();
    let mut reached: HashMap<PathBuf, Option<String>> = HashMap::new();
    for (dir, build) in builds.iter().filter(|(d, _)| !included.contains(d)) {
        let mut stack = vec![(dir, build, build.namespace.clone())];
        let mut seen = HashSet::new();
        while let Some((dir, build, namespace)) = stack.pop() {
            if !seen.insert(dir) {
                continue;
            }
            for source in &build.sources {
                match builds.get(source) {
                    Some(inner) => stack.push((source, inner, namespace.clone().or_else(|| inner.namespace.clone()))),
                    None => {
                        let agreed = reached.get(source).is_none_or(|seen| *seen == namespace);
                        reached.insert(source.clone(), namespace.clone().filter(|_| agreed));
                    }
                }
            }
        }
    }
    out.namespaces = reached.into_iter().filter_map(|(path, ns)| Some((path, ns?))).collect();
    out
}

/// `a/./b/../c` as `a/c`, so a kustomization's `../patch.yaml` meets the walked path.
fn normal_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// What the run's kustomizations make of a file.
#[derive(Clone, Copy)]
struct Placed<'k> {
    /// A file a kustomization applies as a patch.
    patch: bool,
    /// The namespace kustomize puts its objects in.
    namespace: Option<&'k String>,
}

fn lint_file(index: usize, file: &SourceFile, config: &Config, run: &Run<'_>, placed: Placed<'_>) -> FileOutcome {
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
        placed,
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
        _ => out.linted = lint_yaml(&mut parsed, kind, settings, (run, index)),
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
    placed: Placed<'a>,
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

/// A strategic-merge patch changes only what it writes: its objects go through the Kubernetes
/// rules, but findings at [`absence_anchors`] are about the base, which the patch does not show,
/// and are dropped. Findings point into the kustomization; fixes are not offered.
fn lint_patch(p: &mut Parsed<'_>, patch: &kustomize::InlinePatch, settings: &Resolved) {
    let tree = yaml::parse(&patch.text, &yaml::Limits::default());
    let objects = kubernetes::objects(&tree, &[], &settings.pod_templates);
    let absent = absence_anchors(&objects);
    let mut raw = Vec::new();
    let shared = rules::Shared::default();
    for rule in rules::enabled(settings, rules::Format::Kubernetes) {
        let mut cx = Context::new(rule, &p.path, &patch.text, settings, &mut raw, &shared);
        for obj in &objects {
            rule.rule.kubernetes(&mut cx, obj);
        }
    }
    for mut d in raw.into_iter().filter(|d| !absent.contains(&d.span)) {
        d.span = patch.span(d.span);
        d.secret = d.secret.map(|s| patch.span(s));
        for l in &mut d.labels {
            l.span = patch.span(l.span);
        }
        d.fix = None;
        p.raw.push(d);
    }
}

/// Where findings about something missing point (a container's name, a `spec:` or
/// `securityContext:` key, the object's name): in a patch, that something is the base's.
fn absence_anchors(objects: &[kubernetes::Object<'_>]) -> Vec<Span> {
    let mut absent = Vec::new();
    for o in objects {
        absent.extend(o.root.path(&["metadata", "name"]).map(|n| n.span()));
        if let Some(pod) = o.pod_spec() {
            absent.push(pod.key.span());
            for c in pod.containers() {
                absent.extend(c.node.get("name").map(|n| n.span()));
                absent.extend(c.node.entry("securityContext").map(|(k, _)| k.span()));
            }
        }
    }
    absent
}

/// Returns whether the file turned out to be one of ours.
fn lint_yaml(p: &mut Parsed<'_>, kind: FileKind, settings: &Resolved, (run, index): (&Run<'_>, usize)) -> bool {
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
            match Together::load(run, index, &tree, p.src) {
                None => {
                    for rule in rules::enabled(settings, rules::Format::Compose) {
                        let mut cx = p.context(rule, settings);
                        rule.rule.compose(&mut cx, &file);
                    }
                }
                Some(together) => together.lint(p, &tree, settings),
            }
        }
        FileKind::Kubernetes | FileKind::HelmRendered => {
            let sources = helm::sources(&tree);
            let mut objects = kubernetes::objects(&tree, &sources, &settings.pod_templates);
            if settings.helm_skip_tests {
                objects.retain(|o| !helm::is_test(o));
            }
            p.suppressions.add_annotations(&objects);
            // A patch a kustomization applies is part of an object, not one: it adds no facts.
            if !p.placed.patch {
                // A rendered stream's objects are in the release namespace, when given.
                let release = settings.options.helm.namespace.as_deref().filter(|_| kind == FileKind::HelmRendered);
                let default = release
                    .or(settings.options.kubernetes.default_namespace.as_deref())
                    .unwrap_or(project::DEFAULT_NAMESPACE);
                let namespaces = project::Namespaces { default, forced: p.placed.namespace.map(String::as_str) };
                let src = p.src;
                p.facts.extend(objects.iter().flat_map(|o| project::kubernetes_facts(&p.path, src, o, &namespaces)));
            }
            let start = p.raw.len();
            for rule in rules::enabled(settings, rules::Format::Kubernetes) {
                let mut cx = p.context(rule, settings);
                for obj in &objects {
                    rule.rule.kubernetes(&mut cx, obj);
                }
            }
            if p.placed.patch {
                let absent = absence_anchors(&objects);
                let mut kept = p.raw.split_off(start);
                kept.retain(|d| !absent.contains(&d.span));
                p.raw.extend(kept);
            }
            helm::attribute(&tree, &sources, &mut p.raw[start..]);
        }
        // kustomization.yaml is recognised and not linted as objects; its text is still read,
        // and the patches written inline are judged as the objects they change.
        FileKind::Kustomization => {
            lint_text(p, rules::Format::Kustomization, settings);
            if let Some(root) = tree.documents.first().and_then(|d| tree.root(d)) {
                for patch in kustomize::inline_patches(p.src, root) {
                    lint_patch(p, &patch, settings);
                }
            }
        }
        _ => {}
    }
    true
}

/// What a YAML file is, by content: Kubernetes objects, a Helm stream, or a Compose file.
fn content_kind(tree: &yaml::YamlFile) -> Option<FileKind> {
    let roots = || tree.documents.iter().filter_map(|d| tree.root(d));
    // A kustomization under another name (`overlays/prod/kustomize.yaml`) or a Component.
    let kustomize = |r: yaml::NodeRef<'_>| {
        r.get("apiVersion").and_then(|v| v.str()).is_some_and(|v| v.starts_with("kustomize.config.k8s.io/"))
    };
    if roots().next().is_some() && roots().all(kustomize) {
        return Some(FileKind::Kustomization);
    }
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

/// What a file may read of the other files of the run: the Compose file `docker compose`
/// reads together with it, and the files its services `extends`.
struct Run<'f> {
    files: &'f [SourceFile],
    /// Lexically normalised path -> index in `files`.
    by_path: HashMap<std::path::PathBuf, usize>,
}

impl<'f> Run<'f> {
    fn new(files: &'f [SourceFile]) -> Self {
        let by_path = files.iter().enumerate().map(|(i, f)| (normalise(std::path::Path::new(&*f.path)), i)).collect();
        Run { files, by_path }
    }

    /// The file in the same directory as `files[index]` called `name`.
    fn sibling(&self, index: usize, name: &str) -> Option<usize> {
        let path = std::path::Path::new(&*self.files.get(index)?.path);
        self.by_path.get(&normalise(&path.parent()?.join(name))).copied()
    }

    /// The other file of the pair a plain `docker compose up` reads in this file's directory:
    /// the first of compose-go's default names there as the base, the first override name as
    /// its override (in the run, not on disk: caulk does no I/O here).
    /// Returns the partner and whether it is the base.
    fn compose_partner(&self, index: usize) -> Option<(usize, bool)> {
        let name = std::path::Path::new(&*self.files.get(index)?.path).file_name()?.to_str()?;
        if !compose::DEFAULT_FILES.contains(&name) && !compose::OVERRIDE_FILES.contains(&name) {
            return None;
        }
        let first = |names: &[&str]| names.iter().find_map(|n| self.sibling(index, n));
        let (base, over) = (first(&compose::DEFAULT_FILES)?, first(&compose::OVERRIDE_FILES)?);
        let partner = match index {
            i if i == base => (over, false),
            i if i == over => (base, true),
            _ => return None,
        };
        let compose = self.files.get(partner.0).is_some_and(|f| f.kind.is_none_or(|k| k == FileKind::Compose));
        compose.then_some(partner)
    }
}

/// `a/./b/../c` as `a/c`, so that the same file named two ways is found.
pub(crate) fn normalise(path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// A Compose file linted together with the files it is read with. Their trees are parsed with
/// their text placed after this file's in one virtual text (`own + "\n" + other + ...`), so
/// that every span of the merged model is a position in that text: a finding at a span within
/// this file's own text is this file's, any other finding is the other file's (which reports it
/// when it is linted itself) and is dropped here.
struct Together {
    text: String,
    own_len: usize,
    /// This file's index in the run.
    index: usize,
    /// `(index in the run, tree)` of every other file, the partner first if there is one.
    trees: Vec<(usize, yaml::YamlFile)>,
    /// The partner's index, and whether it is the base (this file the override).
    partner: Option<(usize, bool)>,
    /// `(file, name, base)`: `extends.file` values as written in the file of index `file`, and
    /// the index in the run of the file they name.
    extended: Vec<(usize, String, usize)>,
}

/// The `extends.file` values of a file's services, as written.
fn names(tree: &yaml::YamlFile) -> Vec<String> {
    compose::ComposeFile::extends_files(tree).into_iter().map(str::to_string).collect()
}

/// How many files one file is read with at most: its partner and a chain of `extends` bases.
const MAX_TOGETHER: usize = 32;

impl Together {
    fn load(run: &Run<'_>, index: usize, tree: &yaml::YamlFile, src: &str) -> Option<Together> {
        let partner = run.compose_partner(index);
        let mut together = Together {
            text: src.to_string(),
            own_len: src.len(),
            index,
            trees: Vec::new(),
            partner,
            extended: Vec::new(),
        };
        if let Some((j, _)) = partner {
            together.add(run, j);
        }
        // The bases every file names, relative to that file, and theirs in turn.
        let mut pending: Vec<(usize, Vec<String>)> = vec![(index, names(tree))];
        pending.extend(together.trees.first().map(|(j, t)| (*j, names(t))));
        while let Some((from, list)) = pending.pop() {
            for name in list {
                let Some(j) = run.sibling(from, &name) else { continue };
                let known = j == index || together.trees.iter().any(|(k, _)| *k == j);
                if !known && together.trees.len() < MAX_TOGETHER {
                    together.add(run, j);
                    if let Some((_, t)) = together.trees.iter().find(|(k, _)| *k == j) {
                        pending.push((j, names(t)));
                    }
                }
                together.extended.push((from, name, j));
            }
        }
        (!together.trees.is_empty()).then_some(together)
    }

    /// Parses `run.files[j]` at the end of the virtual text.
    fn add(&mut self, run: &Run<'_>, j: usize) {
        let Some(text) = run.files.get(j).and_then(|f| decode(f).ok()) else { return };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        self.text.push('\n');
        let offset = self.text.len();
        self.text.push_str(text);
        let padded = format!("{}{text}", "\n".repeat(offset));
        self.trees.push((j, yaml::parse(&padded, &yaml::Limits::default())));
    }

    /// Runs the Compose rules over the merged model and keeps the findings in this file.
    fn lint(&self, p: &mut Parsed<'_>, own: &yaml::YamlFile, settings: &Resolved) {
        let tree = |j: usize| {
            if j == self.index { Some(own) } else { self.trees.iter().find(|(k, _)| *k == j).map(|(_, t)| t) }
        };
        let files: Vec<&yaml::YamlFile> = match self.partner.and_then(|(j, is_base)| Some((tree(j)?, is_base))) {
            Some((base, true)) => vec![base, own],
            Some((over, false)) => vec![own, over],
            None => vec![own],
        };
        let own_index = files.iter().position(|f| std::ptr::eq(*f, own)).unwrap_or(0);
        let index_of = |t: &yaml::YamlFile| {
            if std::ptr::eq(t, own) {
                Some(self.index)
            } else {
                self.trees.iter().find(|(_, k)| std::ptr::eq(k, t)).map(|(j, _)| *j)
            }
        };
        let external = |from: &yaml::YamlFile, name: &str| {
            let from = index_of(from)?;
            tree(self.extended.iter().find(|(f, n, _)| *f == from && n == name)?.2)
        };
        let file = compose::ComposeFile::layered(&files, own_index, &external);
        let shared = rules::Shared::default();
        let start = p.raw.len();
        for rule in rules::enabled(settings, rules::Format::Compose) {
            let mut cx = Context::new(rule, &p.path, &self.text, settings, &mut p.raw, &shared);
            rule.rule.compose(&mut cx, &file);
        }
        let mine = |s: Span| s.end <= self.own_len;
        let mut kept = Vec::new();
        for mut d in p.raw.drain(start..) {
            if !mine(d.span) {
                continue;
            }
            self.end_edits_at_own_end(&mut d);
            d.labels.retain(|l| mine(l.span));
            if d.fix.as_ref().is_some_and(|f| f.edits.iter().any(|e| !mine(e.span))) {
                d.fix = None;
            }
            d.secret = d.secret.filter(|s| mine(*s));
            kept.push(d);
        }
        p.raw.extend(kept);
    }
}

impl Together {
    /// A line added after this file's last line lands just past the line break that joins it
    /// to the next file, when the file itself does not end with one: it belongs at the file's
    /// end, after a line break of its own (as it is placed when the file is linted alone).
    fn end_edits_at_own_end(&self, d: &mut Diagnostic) {
        let own = self.text.get(..self.own_len).unwrap_or("");
        if own.is_empty() || own.ends_with('\n') {
            return;
        }
        let line_break = if own.contains("\r\n") { "\r\n" } else { "\n" };
        for e in d.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
            if e.span == Span::point(self.own_len + 1) {
                e.span = Span::point(self.own_len);
                e.replacement.insert_str(0, line_break);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Options;

    /// `(path, text under the span)` of every `code` finding when `files` are linted together.
    fn findings_of(code: &str, files: &[(&str, &str)]) -> Vec<(String, String)> {
        let config = Config::new(Options { select: Some(vec![code.into()]), ..Options::default() }).expect("config");
        let sources: Vec<SourceFile> = files.iter().map(|(p, t)| SourceFile::new(p, *t)).collect();
        let text = |path: &str| files.iter().find(|(p, _)| *p == path).map_or("", |(_, t)| *t);
        lint(&sources, &config)
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| (d.path.to_string(), d.span.slice(text(&d.path)).to_string()))
            .collect()
    }

    fn run_as_root(files: &[(&str, &str)]) -> Vec<(String, String)> {
        findings_of("DC101", files)
    }

    fn found(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(p, s)| (p.to_string(), s.to_string())).collect()
    }

    const BASE: &str = "services:\n  web:\n    image: nginx:1.27\n";

    #[test]
    fn an_override_that_sets_the_user_silences_its_base() {
        let over = "services:\n  web:\n    user: \"10001:10001\"\n";
        assert_eq!(run_as_root(&[("app/compose.yaml", BASE), ("app/compose.override.yaml", over)]), []);
        // Alone, each file is a finding: the base has no user, and so has the override's service.
        assert_eq!(run_as_root(&[("app/compose.yaml", BASE)]).len(), 1);
        assert_eq!(run_as_root(&[("app/compose.override.yaml", over), ("other/compose.yaml", BASE)]).len(), 1);
    }

    #[test]
    fn a_missing_setting_is_reported_once_at_the_base() {
        let over = "services:\n  web:\n    ports: [\"8080:80\"]\n";
        let got = run_as_root(&[("app/docker-compose.yml", BASE), ("app/docker-compose.override.yml", over)]);
        assert_eq!(got, found(&[("app/docker-compose.yml", "web")]));
    }

    #[test]
    fn findings_stay_on_the_file_whose_text_they_point_at() {
        let base = "services:\n  web:\n    image: nginx:1.27\n    user: \"10001\"\n  db:\n    image: postgres:17\n    user: root\n";
        let over = "services:\n  web:\n    user: root\n  debug:\n    image: busybox\n    user: \"0\"\n";
        let got = run_as_root(&[("compose.yaml", base), ("compose.override.yaml", over)]);
        assert_eq!(
            got,
            found(&[("compose.override.yaml", "root"), ("compose.override.yaml", "\"0\""), ("compose.yaml", "root")])
        );
    }

    #[test]
    fn only_the_pair_compose_reads_is_merged() {
        let over = "services:\n  web:\n    user: \"10001\"\n";
        // `compose.yaml` is the project's file when both names are there: `docker-compose.yml`
        // is not read with the override, nor is a file of another directory or another name.
        let got = run_as_root(&[
            ("a/compose.yaml", BASE),
            ("a/docker-compose.yml", BASE),
            ("a/compose.override.yml", over),
            ("b/compose.yaml", BASE),
            ("c/compose.prod.yaml", over),
            ("c/compose.yaml", BASE),
        ]);
        assert_eq!(
            got,
            found(&[("a/docker-compose.yml", "web"), ("b/compose.yaml", "web"), ("c/compose.yaml", "web")])
        );
    }

    #[test]
    fn extends_from_another_file_of_the_run() {
        let web = "services:\n  web:\n    extends:\n      file: ./common/base.yaml\n      service: hardened\n";
        let common = "services:\n  hardened:\n    image: nginx:1.27\n    user: \"10001\"\n";
        assert_eq!(run_as_root(&[("app/compose.yaml", web), ("app/common/base.yaml", common)]), []);
        let root = "services:\n  hardened:\n    image: nginx:1.27\n    user: root\n";
        // The base's `user: root` is the base file's finding for its own service, and the
        // service that extends it runs as root too: reported at its `extends` key.
        assert_eq!(
            run_as_root(&[("app/compose.yaml", web), ("app/common/base.yaml", root)]),
            found(&[("app/common/base.yaml", "root"), ("app/compose.yaml", "extends")])
        );
    }

    #[test]
    fn fixes_after_the_last_line_survive_an_override_pair() {
        let config = Config::new(Options { select: Some(vec!["DC106".into()]), ..Options::default() }).expect("config");
        for (base, ending) in [
            ("services:\n  web:\n    image: nginx:1.27", "\n"),
            ("services:\r\n  web:\r\n    image: nginx:1.27", "\r\n"),
        ] {
            let over = "services:\n  web:\n    ports: [\"8080:80\"]\n";
            let sources = [SourceFile::new("compose.yaml", base), SourceFile::new("compose.override.yaml", over)];
            let result = lint(&sources, &config);
            let found: Vec<&Diagnostic> = result.diagnostics.iter().filter(|d| &*d.path == "compose.yaml").collect();
            assert_eq!(found.len(), 1, "{:#?}", result.diagnostics);
            let (fixed, applied) = crate::fix::apply(base, &found, crate::fix::Mode::Unsafe);
            assert_eq!(applied, 1);
            let expected = format!("{base}{ending}    security_opt:{ending}      - no-new-privileges:true{ending}");
            assert_eq!(fixed, expected);
            assert!(yaml::parse(&fixed, &yaml::Limits::default()).errors.is_empty());
        }
    }

    #[test]
    fn privilege_rules_read_every_file_of_the_pair() {
        let base = "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    cap_add: [SYS_ADMIN]\n    \
                    security_opt: [\"seccomp:unconfined\"]\n";
        let over = "services:\n  web:\n    privileged: false\n    cap_add: [SYS_PTRACE]\n    \
                    security_opt: [\"seccomp:/etc/docker/seccomp.json\"]\n";
        let pair = [("compose.yaml", base), ("compose.override.yaml", over)];
        // The override turns privileged mode off and sets another seccomp profile (the last one wins).
        assert_eq!(findings_of("DC102", &pair), []);
        assert_eq!(findings_of("DC107", &pair), []);
        // Lists add up across the files: each file reports what it adds.
        assert_eq!(
            findings_of("DC103", &pair),
            found(&[("compose.override.yaml", "SYS_PTRACE"), ("compose.yaml", "SYS_ADMIN")])
        );
        // Alone, the base is privileged and unconfined.
        assert_eq!(findings_of("DC102", &pair[..1]), found(&[("compose.yaml", "true")]));
        assert_eq!(findings_of("DC107", &pair[..1]).len(), 1);
    }

    #[test]
    fn exposure_rules_read_the_lists_of_every_file_of_the_pair() {
        let base = "services:\n  web:\n    image: nginx:1.27\n    volumes: [\"/var/run/docker.sock:/var/run/docker.sock\"]\n    \
                    ports: [\"8080:80\"]\n    logging: {driver: none}\n";
        let over = "services:\n  web:\n    volumes: [\"./data:/data\"]\n    ports: [\"9090:90\"]\n    \
                    logging: {options: {max-size: 10m}}\n";
        let pair = [("compose.yaml", base), ("compose.override.yaml", over)];
        assert_eq!(
            findings_of("DC410", &pair),
            found(&[("compose.yaml", "\"/var/run/docker.sock:/var/run/docker.sock\"")])
        );
        assert_eq!(
            findings_of("DC401", &pair),
            found(&[("compose.override.yaml", "\"9090:90\""), ("compose.yaml", "\"8080:80\"")])
        );
        // `logging` merges key by key: the override keeps the base's driver.
        assert_eq!(findings_of("DC511", &pair), found(&[("compose.yaml", "none")]));
    }

    #[test]
    fn extends_chains_across_files_resolve_relative_to_each_file() {
        let web = "services:\n  web:\n    extends: {file: ../common/base.yaml, service: hardened}\n";
        let base = "services:\n  hardened:\n    image: nginx:1.27\n    extends: {file: ./root.yaml, service: r}\n";
        let root = "services:\n  r:\n    user: \"10001\"\n";
        let files = [("app/compose.yaml", web), ("common/base.yaml", base), ("common/root.yaml", root)];
        assert_eq!(run_as_root(&files), []);
        // Without the last base the chain is incomplete: nothing is said about a missing user.
        assert_eq!(run_as_root(&files[..2]), []);
        let root_user = "services:\n  r:\n    user: root\n";
        let files = [("app/compose.yaml", web), ("common/base.yaml", base), ("common/root.yaml", root_user)];
        assert_eq!(
            run_as_root(&files),
            found(&[("app/compose.yaml", "extends"), ("common/base.yaml", "extends"), ("common/root.yaml", "root")])
        );
    }
}
