//! Suppressions and configuration, applied in one place after the rules, so every rule gets them.
//!
//! Inline comments (`# caulk: ignore[CODE-or-name] reason` on the line or the line above,
//! `# caulk: ignore-file[...]`), the `caulk.dev/ignore` annotation on a Kubernetes object, peers'
//! pragmas through the catalog's alias table (`# hadolint ignore=DL3002`), and the config's
//! selection, severities, `per-file-ignores` and `[[ignore]]` entries. A caulk suppression that
//! suppresses nothing is itself a finding (`E100 unused-suppression`).

use std::path::Path;
use std::sync::Arc;

use crate::catalog::catalog;
use crate::config::Resolved;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::kubernetes::Object;
use crate::span::{LineIndex, Span};
use crate::syntax::{dockerfile::Dockerfile, yaml::YamlFile};

pub const ANNOTATION: &str = "caulk.dev/ignore";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Caulk,
    /// A peer's pragma: honoured, never reported as unused (the peer may still run).
    Peer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// 0-based inclusive line range.
    Lines(usize, usize),
    File,
    Region(Span),
}

#[derive(Debug)]
struct Suppression {
    span: Span,
    /// As written; empty means every rule.
    keys: Vec<String>,
    used: Vec<bool>,
    used_any: bool,
    scope: Scope,
    origin: Origin,
}

/// A Kubernetes object's extent and names, for `[[ignore]] object = "Kind/name"`.
#[derive(Debug)]
struct ObjectName {
    span: Span,
    names: [String; 2],
}

#[derive(Debug, Default)]
pub struct Suppressions {
    items: Vec<Suppression>,
    objects: Vec<ObjectName>,
}

/// The pragma in a comment's text (after `#`), if any.
fn parse_pragma(text: &str) -> Option<(Vec<String>, bool, Origin)> {
    let text = text.trim();
    if let Some(at) = text.find("caulk:") {
        let rest = text[at + "caulk:".len()..].trim_start();
        let (file, rest) = match rest.strip_prefix("ignore-file") {
            Some(r) => (true, r),
            None => (false, rest.strip_prefix("ignore")?),
        };
        let keys = match rest.strip_prefix('[') {
            Some(r) => split_keys(r.split(']').next().unwrap_or("")),
            None if rest.is_empty() || rest.starts_with(char::is_whitespace) => Vec::new(),
            None => return None,
        };
        return Some((keys, file, Origin::Caulk));
    }
    let rest = text.strip_prefix("hadolint")?.trim_start();
    let (file, rest) = match rest.strip_prefix("global") {
        Some(r) => (true, r.trim_start()),
        None => (false, rest),
    };
    let list = rest.strip_prefix("ignore=")?;
    let keys = split_keys(list.split_whitespace().next().unwrap_or(""));
    (!keys.is_empty()).then_some((keys, file, Origin::Peer))
}

fn split_keys(s: &str) -> Vec<String> {
    s.split([',', ' ']).map(str::trim).filter(|k| !k.is_empty()).map(str::to_string).collect()
}

impl Suppressions {
    fn push(&mut self, span: Span, keys: Vec<String>, scope: Scope, origin: Origin) {
        let used = vec![false; keys.len()];
        self.items.push(Suppression { span, keys, used, used_any: false, scope, origin });
    }

    /// Annotations on an object (or its pod template): `caulk.dev/ignore: "K8S101, run-as-root"`
    /// covers the object, `caulk.dev/ignore.<container>: "..."` one container, and peers'
    /// annotations are honoured through the alias table.
    pub fn add_annotations(&mut self, objects: &[Object<'_>]) {
        for o in objects {
            let pod = o.pod_spec();
            // A Pod's own metadata is its pod metadata: read it once.
            let pod_meta = pod.and_then(|p| p.metadata).filter(|m| o.metadata.is_none_or(|om| om.id() != m.id()));
            let pod_annotations = crate::model::kubernetes::string_entries(pod_meta.and_then(|m| m.get("annotations")));
            for (key, value) in o.annotations().chain(pod_annotations) {
                let Some(text) = value.str() else { continue };
                let Some((keys, origin, container)) = annotation_pragma(key, text) else { continue };
                let region = match container {
                    None => o.span,
                    // A container that does not exist leaves the suppression unused, so it is reported.
                    Some(name) => pod
                        .and_then(|p| p.containers().into_iter().find(|c| c.name == Some(name)))
                        .map_or(Span::point(value.span().start), |c| c.node.span()),
                };
                self.push(value.span(), keys, Scope::Region(region), origin);
            }
            let kind = o.kind;
            let name = o.name.unwrap_or("");
            let ns = o.namespace.unwrap_or("default");
            self.objects
                .push(ObjectName { span: o.span, names: [format!("{kind}/{name}"), format!("{kind}/{ns}/{name}")] });
        }
    }
}

/// The rules an annotation suppresses (empty = all), whose they are, and the container it is
/// scoped to. Peers' forms: `kube-linter.io/ignore-all`, `ignore-check.kube-linter.io/<check>`,
/// `kube-score/ignore: a,b`, `checkov.io/skip<n>: CKV_K8S_20=reason`,
/// `polaris.fairwinds.com/exempt: "true"`, `polaris.fairwinds.com/<check>-exempt: "true"`.
fn annotation_pragma<'a>(key: &'a str, value: &str) -> Option<(Vec<String>, Origin, Option<&'a str>)> {
    let reasoned = |v: &str| split_keys(v.split(';').next().unwrap_or(v));
    if key == ANNOTATION {
        return Some((reasoned(value), Origin::Caulk, None));
    }
    if let Some(container) = key.strip_prefix(ANNOTATION).and_then(|r| r.strip_prefix('.')) {
        return Some((reasoned(value), Origin::Caulk, Some(container)));
    }
    let peer = |keys: Vec<String>| Some((keys, Origin::Peer, None));
    let truthy = value.trim().eq_ignore_ascii_case("true");
    match key {
        "kube-linter.io/ignore-all" => return peer(Vec::new()),
        "kube-score/ignore" => return peer(split_keys(value)).filter(|(k, ..)| !k.is_empty()),
        "polaris.fairwinds.com/exempt" => return if truthy { peer(Vec::new()) } else { None },
        _ => {}
    }
    if let Some(check) = key.strip_prefix("ignore-check.kube-linter.io/") {
        return peer(vec![check.to_string()]);
    }
    if let Some(check) = key.strip_prefix("polaris.fairwinds.com/").and_then(|k| k.strip_suffix("-exempt")) {
        return if truthy { peer(vec![check.to_string()]) } else { None };
    }
    if key.strip_prefix("checkov.io/skip").is_some_and(|n| n.chars().all(|c| c.is_ascii_digit())) {
        let id = value.split('=').next().unwrap_or(value).trim();
        return (!id.is_empty()).then(|| (vec![id.to_string()], Origin::Peer, None));
    }
    None
}

/// Dockerfile pragmas apply to the next instruction (all its lines), as hadolint's do.
pub fn from_dockerfile(src: &str, ast: &Dockerfile) -> Suppressions {
    let idx = LineIndex::new(src);
    let mut out = Suppressions::default();
    for c in &ast.comments {
        let Some((keys, file, origin)) = parse_pragma(&c.text) else { continue };
        let scope = if file {
            Scope::File
        } else {
            let line = idx.line_of(c.span.start);
            let next = ast.instructions.iter().find(|i| i.span.start > c.span.start);
            let end = next.map_or(line, |i| idx.line_of(i.span.end));
            Scope::Lines(line, end)
        };
        out.push(c.span, keys, scope, origin);
    }
    out
}

/// YAML pragmas apply to their own line, and an own-line comment also to the next content line.
pub fn from_yaml(src: &str, tree: &YamlFile) -> Suppressions {
    let idx = LineIndex::new(src);
    let mut out = Suppressions::default();
    for c in &tree.comments {
        let Some((keys, file, origin)) = parse_pragma(&c.text) else { continue };
        let line = idx.line_of(c.span.start);
        let scope = if file {
            Scope::File
        } else {
            let before = src.get(idx.line_start(line)..c.span.start).unwrap_or("");
            let own_line = before.trim().is_empty();
            let next = (line + 1..idx.line_count()).find(|&l| {
                let start = idx.line_start(l);
                let end = if l + 1 < idx.line_count() { idx.line_start(l + 1) } else { src.len() };
                let t = src.get(start..end).unwrap_or("").trim();
                !t.is_empty() && !t.starts_with('#')
            });
            Scope::Lines(line, if own_line { next.unwrap_or(line) } else { line })
        };
        out.push(c.span, keys, scope, origin);
    }
    out
}

fn key_matches(key: &str, d: &Diagnostic) -> bool {
    if key.eq_ignore_ascii_case(d.code) || key.eq_ignore_ascii_case(d.name) {
        return true;
    }
    catalog().get(d.code).is_some_and(|r| r.aliases.iter().any(|a| a.eq_ignore_ascii_case(key)))
}

/// Filters `raw` through configuration and suppressions, sets configured severities, and adds
/// unused-suppression findings.
pub fn apply(
    raw: Vec<Diagnostic>,
    sup: &Suppressions,
    settings: &Resolved,
    path: &Arc<str>,
    src: &str,
) -> Vec<Diagnostic> {
    let idx = LineIndex::new(src);
    let mut items: Vec<Suppression> = sup.items.iter().map(clone_fresh).collect();
    let fs_path = Path::new(&**path);
    let mut out = Vec::with_capacity(raw.len());
    for mut d in raw {
        let Some(severity) = settings.severity(d.code) else { continue };
        if settings.ignored_for_path(d.code, fs_path) || ignored_by_entry(&d, sup, settings, fs_path) {
            continue;
        }
        d.severity = severity;
        let line = idx.line_of(d.span.start);
        let mut suppressed = false;
        for s in &mut items {
            let in_scope = match s.scope {
                Scope::File => true,
                Scope::Lines(a, b) => a <= line && line <= b,
                Scope::Region(r) => r.start <= d.span.start && d.span.start <= r.end,
            };
            if !in_scope {
                continue;
            }
            if s.keys.is_empty() {
                s.used_any = true;
                suppressed = true;
            }
            for (k, used) in s.keys.iter().zip(&mut s.used) {
                if key_matches(k, &d) {
                    *used = true;
                    suppressed = true;
                }
            }
        }
        if !suppressed {
            out.push(d);
        }
    }
    if let Some(severity) = settings.severity("E100") {
        out.extend(unused(&items, severity, path));
    }
    out
}

fn clone_fresh(s: &Suppression) -> Suppression {
    Suppression {
        span: s.span,
        keys: s.keys.clone(),
        used: vec![false; s.keys.len()],
        used_any: false,
        scope: s.scope,
        origin: s.origin,
    }
}

fn unused(items: &[Suppression], severity: Severity, path: &Arc<str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let new = |message: String| {
        Diagnostic::new("E100", "unused-suppression", severity, path.clone(), Span::default(), message)
    };
    for s in items.iter().filter(|s| s.origin == Origin::Caulk) {
        if s.keys.is_empty() && !s.used_any {
            let mut d = new("this suppression suppresses nothing".into());
            d.span = s.span;
            out.push(d.with_help("remove the comment, or name the rule it is meant for"));
        }
        for (k, used) in s.keys.iter().zip(&s.used) {
            if *used {
                continue;
            }
            let message = match catalog().lookup(k) {
                None => format!("`{k}` is not a known rule code, name or alias"),
                Some(r) => format!("no `{}` ({}) finding here to suppress", r.code, r.name),
            };
            let mut d = new(message);
            d.span = s.span;
            out.push(d.with_help("remove it from the suppression"));
        }
    }
    out
}

/// `[[ignore]]` entries: rule, optional path globs and object.
fn ignored_by_entry(d: &Diagnostic, sup: &Suppressions, settings: &Resolved, path: &Path) -> bool {
    settings.entries.iter().any(|e| {
        e.codes.contains(&d.code)
            && e.paths.as_ref().is_none_or(|set| set.is_match(settings.relative(path)))
            && e.object.as_ref().is_none_or(|want| {
                sup.objects.iter().any(|o| {
                    o.span.start <= d.span.start && d.span.start <= o.span.end && o.names.iter().any(|n| n == want)
                })
            })
    })
}

/// Whether `YYYY-MM-DD` is before today (UTC).
pub fn expired(date: &str) -> bool {
    let mut parts = date.trim().splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(dd))) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64 / 86_400);
    days_from_civil(y, m, dd) < now
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragmas() {
        let (k, file, o) = parse_pragma(" caulk: ignore[DF101, run-as-root] legacy image").unwrap();
        assert_eq!((k, file, o), (vec!["DF101".to_string(), "run-as-root".to_string()], false, Origin::Caulk));
        assert!(parse_pragma("caulk: ignore-file[K8S102]").unwrap().1);
        assert!(parse_pragma("caulk: ignore").unwrap().0.is_empty());
        assert!(parse_pragma("caulk: ignored stuff").is_none());
        let (k, file, o) = parse_pragma(" hadolint ignore=DL3002,DL3008").unwrap();
        assert_eq!((k.len(), file, o), (2, false, Origin::Peer));
        assert!(parse_pragma("hadolint global ignore=DL3002").unwrap().1);
        assert!(parse_pragma("just a comment").is_none());
    }

    #[test]
    fn annotation_pragmas() {
        let keys = |k: &str, v: &str| annotation_pragma(k, v).map(|(keys, o, c)| (keys, o, c.map(str::to_string)));
        let caulk = keys("caulk.dev/ignore", "K8S101, run-as-root; legacy").unwrap();
        assert_eq!(caulk, (vec!["K8S101".into(), "run-as-root".into()], Origin::Caulk, None));
        assert_eq!(keys("caulk.dev/ignore.sidecar", "K8S101").unwrap().2.as_deref(), Some("sidecar"));
        let peer = |k, v| keys(k, v).map(|(keys, o, _)| (keys, o));
        assert_eq!(peer("kube-linter.io/ignore-all", "legacy"), Some((vec![], Origin::Peer)));
        let one = |id: &str| Some((vec![id.to_string()], Origin::Peer));
        assert_eq!(peer("ignore-check.kube-linter.io/privileged-container", "why"), one("privileged-container"));
        assert_eq!(peer("checkov.io/skip3", "CKV_K8S_20=needs it"), one("CKV_K8S_20"));
        assert_eq!(peer("polaris.fairwinds.com/hostNetworkSet-exempt", "true"), one("hostNetworkSet"));
        assert_eq!(peer("polaris.fairwinds.com/hostNetworkSet-exempt", "false"), None);
        assert_eq!(peer("polaris.fairwinds.com/exempt", "true"), Some((vec![], Origin::Peer)));
        assert_eq!(peer("kube-score/ignore", "pod-probes, container-resources").unwrap().0.len(), 2);
        assert_eq!(peer("checkov.io/skipper", "CKV_K8S_20"), None);
        assert_eq!(peer("app.kubernetes.io/name", "x"), None);
    }

    #[test]
    fn annotations_scope_to_the_object_or_one_container() {
        use crate::rules::testing::k8s_spans;
        let with = |annotations: &str| {
            format!(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n{annotations}spec:\n  containers:\n  - name: app\n  - name: sidecar\n"
            )
        };
        let pod = with("    a: b\n");
        assert_eq!(k8s_spans("K8S101", &pod), ["app", "sidecar"]);
        let pod = with("    caulk.dev/ignore.sidecar: run-as-root; needs root\n");
        assert_eq!(k8s_spans("K8S101", &pod), ["app"]);
        let pod = with("    ignore-check.kube-linter.io/run-as-non-root: legacy\n");
        assert!(k8s_spans("K8S101", &pod).is_empty());
        let pod = with("    checkov.io/skip1: CKV_K8S_23=legacy\n");
        assert!(k8s_spans("K8S101", &pod).is_empty());
        let pod = with("    polaris.fairwinds.com/runAsRootAllowed-exempt: \"true\"\n");
        assert!(k8s_spans("K8S101", &pod).is_empty());
    }

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert!(expired("2001-01-01"));
        assert!(!expired("2999-01-01"));
        assert!(!expired("not a date"));
    }
}
