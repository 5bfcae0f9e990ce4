//! Snapshot and property tests for every output format over one fixed set of diagnostics.

use std::sync::Arc;

use serde_json::Value;

use super::*;
use crate::diagnostic::{Edit, Fix, HelmSource};

const DOCKERFILE: &str = "FROM ubuntu:latest\n\
# ünïcödé comment\n\
RUN echo \"héllo\" && curl http://x | sh\n\
ENV API_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123\n\
USER root\n";

const RENDERED: &str = "---\n\
# Source: mychart/templates/deployment.yaml\n\
apiVersion: apps/v1\n\
kind: Deployment\n\
metadata:\n  name: web\n\
spec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n          securityContext:\n            privileged: true\n";

const RENDERED_PATH: &str = "deploy/rendered chart.yaml";

const TEMPLATE: &str = "apiVersion: apps/v1\n\
kind: Deployment\n\
metadata:\n  name: {{ .Release.Name }}\n\
spec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: {{ .Values.image }}\n\
\x20         securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n";

const TEMPLATE_PATH: &str = "charts/mychart/templates/deployment.yaml";

/// `d` placed on [`TEMPLATE`], as `helm::place` does it.
fn placed_on_template(mut d: Diagnostic) -> Diagnostic {
    let tree = crate::syntax::yaml::parse(RENDERED, &Default::default());
    let root = tree.root(&tree.documents[0]).unwrap();
    let source = d.source.as_mut().unwrap();
    source.key_path = crate::model::helm::KeyPath::at(root, d.span.start);
    let found = crate::model::helm::Template::parse(TEMPLATE).locate(0, None, &source.key_path);
    source.location = Some(crate::diagnostic::TemplateLocation {
        path: Arc::from(TEMPLATE_PATH),
        span: found.line,
        value: found.value,
        matched: found.matched,
    });
    d
}

/// The span of the first `needle` in `text`.
fn find(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in fixture"));
    Span::new(start, start + needle.len())
}

fn diagnostics() -> Vec<Diagnostic> {
    let df: Arc<str> = Arc::from("Dockerfile");
    let big: Arc<str> = Arc::from("big.yaml");
    let k8s: Arc<str> = Arc::from(RENDERED_PATH);
    let helm = HelmSource {
        template: "mychart/templates/deployment.yaml".into(),
        span: find(RENDERED, "# Source: mychart/templates/deployment.yaml"),
        ..Default::default()
    };
    let tag = find(DOCKERFILE, "latest");
    let root = find(DOCKERFILE, "root");
    vec![
        Diagnostic::new(
            "DF301",
            "latest-image-tag",
            Severity::Warning,
            df.clone(),
            find(DOCKERFILE, "ubuntu:latest"),
            "Base image `ubuntu` uses the mutable tag `latest`",
        )
        .with_help("Pin a version tag or a digest")
        .with_fix(Fix {
            message: "Pin to `ubuntu:24.04`".into(),
            applicability: Applicability::Unsafe,
            edits: vec![Edit { span: tag, replacement: "24.04".into() }],
        }),
        Diagnostic::new(
            "DF310",
            "curl-pipe-shell",
            Severity::Error,
            df.clone(),
            find(DOCKERFILE, "curl http://x | sh"),
            "A download is piped straight into a shell",
        )
        .with_label(find(DOCKERFILE, "http://x"), "fetched over plain HTTP")
        .with_help("Download to a file, verify its checksum, then run it"),
        Diagnostic::new(
            "SEC201",
            "hardcoded-secret",
            Severity::Error,
            df.clone(),
            find(DOCKERFILE, "ghp_abcdefghijklmnopqrstuvwxyz0123"),
            "A GitHub token is stored in ENV API_TOKEN",
        )
        .with_secret(find(DOCKERFILE, "ghp_abcdefghijklmnopqrstuvwxyz0123")),
        Diagnostic::new(
            "DF101",
            "run-as-root",
            Severity::Error,
            df.clone(),
            find(DOCKERFILE, "USER root"),
            "The final stage runs as root",
        )
        .with_fix(Fix {
            message: "Use `USER 10001`".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit { span: root, replacement: "10001".into() }],
        }),
        Diagnostic::new(
            "DF501",
            "missing-healthcheck",
            Severity::Info,
            df.clone(),
            Span::point(DOCKERFILE.len()),
            "The image has no HEALTHCHECK",
        ),
        Diagnostic::new(
            "E001",
            "parse-error",
            Severity::Error,
            big,
            Span::point(0),
            "File is larger than 10 MiB; skipped",
        ),
        Diagnostic::new(
            "K8S301",
            "latest-image-tag",
            Severity::Warning,
            k8s.clone(),
            find(RENDERED, "nginx"),
            "Image `nginx` has no tag (means `latest`)",
        )
        .with_fix(Fix {
            message: "Pin a version".into(),
            applicability: Applicability::DisplayOnly,
            edits: vec![Edit { span: find(RENDERED, "nginx"), replacement: "nginx:1.27".into() }],
        })
        .with_source(helm.clone()),
        Diagnostic::new(
            "K8S101",
            "privileged-container",
            Severity::Error,
            k8s,
            find(RENDERED, "privileged: true"),
            "Container `web` is privileged",
        )
        .with_label(find(RENDERED, "- name: web"), "in this container")
        .with_help("Remove `privileged: true`, or set it to false")
        .with_source(helm.clone()),
        placed_on_template(
            Diagnostic::new(
                "K8S101",
                "privileged-container",
                Severity::Error,
                Arc::from(RENDERED_PATH),
                find(RENDERED, "true"),
                "Container `web` is privileged",
            )
            .with_label(find(RENDERED, "- name: web"), "in this container")
            .with_source(helm),
        ),
    ]
}

trait WithSource {
    fn with_source(self, source: HelmSource) -> Self;
}

impl WithSource for Diagnostic {
    fn with_source(mut self, source: HelmSource) -> Self {
        self.source = Some(Box::new(source));
        self
    }
}

fn source(path: &str) -> Option<Arc<str>> {
    match path {
        "Dockerfile" => Some(Arc::from(DOCKERFILE)),
        RENDERED_PATH => Some(Arc::from(RENDERED)),
        TEMPLATE_PATH => Some(Arc::from(TEMPLATE)),
        _ => None,
    }
}

fn rules() -> Vec<RuleInfo<'static>> {
    let rule = |code, name, summary, severity, security_severity, tags: Vec<&'static str>| RuleInfo {
        code,
        name,
        summary,
        help_markdown: "## What\n\nThe rule body.\n",
        severity,
        security_severity,
        tags,
        help_uri: Some("https://caulk.dev/rules/X"),
    };
    vec![
        rule(
            "DF101",
            "run-as-root",
            "The final stage runs as root.",
            Severity::Error,
            Some(7.5),
            vec!["security", "dockerfile"],
        ),
        rule(
            "DF301",
            "latest-image-tag",
            "A base image uses a mutable tag.",
            Severity::Warning,
            Some(5.0),
            vec!["security", "supply-chain"],
        ),
        rule(
            "DF310",
            "curl-pipe-shell",
            "A download is piped into a shell.",
            Severity::Error,
            Some(8.0),
            vec!["security"],
        ),
        rule("DF501", "missing-healthcheck", "The image has no HEALTHCHECK.", Severity::Info, None, vec![]),
        rule(
            "K8S101",
            "privileged-container",
            "A container is privileged.",
            Severity::Error,
            Some(9.0),
            vec!["security", "kubernetes"],
        ),
        RuleInfo {
            help_uri: None,
            ..rule("K8S301", "latest-image-tag", "An image uses a mutable tag.", Severity::Warning, Some(5.0), vec![])
        },
        rule(
            "SEC201",
            "hardcoded-secret",
            "A secret is written in the file.",
            Severity::Error,
            Some(9.5),
            vec!["security", "secrets"],
        ),
    ]
}

fn summary(diagnostics: &[Diagnostic]) -> Summary {
    let count = |s| diagnostics.iter().filter(|d| d.severity == s && !d.is_parse_error()).count();
    Summary {
        files: 3,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        parse_errors: diagnostics.iter().filter(|d| d.is_parse_error()).count(),
        fixable: diagnostics.iter().filter(|d| is_fixable(d)).count(),
    }
}

fn render_with(format: Format, diagnostics: &[Diagnostic], statistics: bool, color: bool) -> String {
    let rules = rules();
    let report = Report {
        diagnostics,
        source: &source,
        rules: &rules,
        summary: summary(diagnostics),
        statistics,
        color,
        tool_version: "0.1.0",
    };
    let mut out = Vec::new();
    render(format, &report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Snapshots live in the repository's top-level `snapshots/`.
fn snapshot(name: &str, text: String) {
    insta::with_settings!({ snapshot_path => "../../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, text);
    });
}

fn render_all(format: Format) -> String {
    render_with(format, &diagnostics(), false, false)
}

#[test]
fn human() {
    snapshot("report-human", render_all(Format::Human));
}

#[test]
fn human_with_statistics() {
    snapshot("report-human-statistics", render_with(Format::Human, &diagnostics()[..2], true, false));
}

#[test]
fn concise() {
    snapshot("report-concise", render_with(Format::Concise, &diagnostics(), true, false));
}

#[test]
fn json() {
    snapshot("report-json", render_all(Format::Json));
}

#[test]
fn sarif() {
    snapshot("report-sarif", render_all(Format::Sarif));
}

#[test]
fn github() {
    snapshot("report-github", render_all(Format::Github));
}

#[test]
fn colour_only_when_asked() {
    for format in [Format::Human, Format::Concise] {
        assert!(!render_with(format, &diagnostics(), true, false).contains('\x1b'), "{format:?}");
        assert!(render_with(format, &diagnostics(), true, true).contains("\x1b["), "{format:?}");
    }
    for format in [Format::Json, Format::Sarif, Format::Github] {
        assert!(!render_with(format, &diagnostics(), true, true).contains('\x1b'), "{format:?}");
    }
}

#[test]
fn secrets_are_masked_in_frames() {
    let human = render_all(Format::Human);
    assert!(!human.contains("ghp_abc"), "{human}");
    assert!(human.contains("ENV API_TOKEN=**********"), "{human}");
}

#[test]
fn secrets_are_masked_on_template_lines_unless_templated() {
    let rendered =
        "---\n# Source: c/templates/s.yaml\nkind: Secret\nstringData:\n  token: hunter2hunter2\n  key: k3yk3yk3y\n";
    let template = "kind: Secret\nstringData:\n  token: hunter2hunter2\n  key: {{ .Values.key }}\n";
    let at = |needle: &str, line: &str, value: &str| {
        let mut d = Diagnostic::new(
            "SEC201",
            "hardcoded-secret",
            Severity::Error,
            Arc::from("r.yaml"),
            find(rendered, needle),
            "secret",
        )
        .with_secret(find(rendered, needle));
        d.source = Some(Box::new(HelmSource {
            template: "c/templates/s.yaml".into(),
            location: Some(crate::diagnostic::TemplateLocation {
                path: Arc::from("s.yaml"),
                span: find(template, line),
                value: Some(find(template, value)),
                matched: 2,
            }),
            ..Default::default()
        }));
        d
    };
    let diags = vec![
        at("hunter2hunter2", "token: hunter2hunter2", "hunter2hunter2"),
        at("k3yk3yk3y", "key: {{ .Values.key }}", "{{ .Values.key }}"),
    ];
    let source = move |p: &str| Some(Arc::from(if p == "s.yaml" { template } else { rendered }));
    let report = Report {
        diagnostics: &diags,
        source: &source,
        rules: &[],
        summary: Summary::default(),
        statistics: false,
        color: false,
        tool_version: "0",
    };
    let mut out = Vec::new();
    render(Format::Human, &report, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains("hunter2") && out.contains("token: **************"), "{out}");
    assert!(out.contains("key: {{ .Values.key }}"), "{out}");
    assert!(out.starts_with("s.yaml:3:3 SEC201"), "{out}");
}

#[test]
fn empty_span_at_end_of_file_without_final_newline() {
    let text = "FROM alpine";
    let d = vec![Diagnostic::new(
        "DF501",
        "missing-healthcheck",
        Severity::Info,
        Arc::from("Dockerfile"),
        Span::point(text.len() + 5),
        "no HEALTHCHECK",
    )];
    let source = |_: &str| Some(Arc::from(text));
    let report = Report {
        diagnostics: &d,
        source: &source,
        rules: &[],
        summary: Summary::default(),
        statistics: false,
        color: false,
        tool_version: "0",
    };
    let mut out = Vec::new();
    render(Format::Human, &report, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("Dockerfile:1:12 DF501"), "{out}");
    assert!(out.contains("1 │ FROM alpine"), "{out}");
    let mut out = Vec::new();
    render(Format::Sarif, &report, &mut out).unwrap();
    let sarif: Value = serde_json::from_slice(&out).unwrap();
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["byteOffset"], 11);
    assert_eq!(region["byteLength"], 0);
    assert_eq!(region["startColumn"], 12);
}

#[test]
fn json_has_the_documented_keys() {
    let doc: Value = serde_json::from_str(&render_all(Format::Json)).unwrap();
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect::<Vec<_>>() };
    let mut top = keys(&doc);
    top.sort();
    assert_eq!(top, ["diagnostics", "summary", "version"]);
    assert_eq!(doc["version"], 1);
    let diags = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), diagnostics().len());
    for d in diags {
        let mut k = keys(d);
        k.sort();
        assert_eq!(
            k,
            ["code", "end", "fix", "help", "labels", "message", "name", "path", "severity", "source", "start"]
        );
        for pos in [&d["start"], &d["end"]] {
            let mut k = keys(pos);
            k.sort();
            assert_eq!(k, ["column", "line", "offset"]);
        }
        assert!(d["help"].is_null() || d["help"].is_string());
        assert!(d["fix"].is_null() || d["fix"].is_object());
        assert!(d["source"].is_null() || d["source"]["template"].is_string());
    }
    // The curl finding comes after a two-byte `é`: column counts chars, offset counts bytes.
    let curl = &diags[1];
    assert_eq!(curl["code"], "DF310");
    assert_eq!(curl["start"]["line"], 3);
    assert_eq!(curl["start"]["column"], 21);
    assert_eq!(curl["start"]["offset"].as_u64().unwrap() as usize, DOCKERFILE.find("curl").unwrap());
    assert_eq!(curl["labels"][0]["message"], "fetched over plain HTTP");
    let root = &diags[3];
    assert_eq!(root["fix"]["applicability"], "safe");
    assert_eq!(root["fix"]["edits"][0]["replacement"], "10001");
    assert_eq!(root["fix"]["edits"][0]["start"]["column"], 6);
    assert_eq!(diags[6]["fix"]["applicability"], "display-only");
    assert_eq!(diags[6]["source"]["template"], "mychart/templates/deployment.yaml");
    assert!(diags[6]["source"]["location"].is_null());
    // Placed on its template: the rendered place stays the diagnostic's, the template line is
    // the source's location.
    let placed = &diags[8];
    assert_eq!(placed["start"]["line"], 14);
    let at = &placed["source"]["location"];
    assert_eq!(at["path"], TEMPLATE_PATH);
    // What `toYaml` writes out is placed on its line.
    assert_eq!((&at["start"]["line"], &at["start"]["column"]), (&Value::from(12), &Value::from(13)));
    assert_eq!(at["key_path"], "spec.template.spec.containers[0].securityContext");
    assert_eq!(at["exact"], false);
    let summary = &doc["summary"];
    assert_eq!(summary["files"], 3);
    assert_eq!(summary["findings"]["error"], 5);
    assert_eq!(summary["findings"]["warning"], 2);
    assert_eq!(summary["findings"]["info"], 1);
    assert_eq!(summary["parse_errors"], 1);
    assert_eq!(summary["fixable"], 1);
}

#[test]
fn sarif_has_the_required_fields() {
    let log: Value = serde_json::from_str(&render_all(Format::Sarif)).unwrap();
    assert_eq!(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "caulk");
    assert_eq!(driver["version"], "0.1.0");
    assert_eq!(driver["informationUri"], "https://github.com/caulk-dev/caulk");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 7);
    for r in rules {
        for key in ["id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration", "properties"] {
            assert!(!r[key].is_null(), "rule lacks {key}: {r}");
        }
        assert!(r["help"]["text"].is_string() && r["help"]["markdown"].is_string());
        assert_eq!(r["properties"]["precision"], "high");
    }
    assert_eq!(rules[0]["properties"]["security-severity"], "7.5");
    assert_eq!(rules[1]["properties"]["security-severity"], "5.0");
    assert!(rules[3]["properties"].get("security-severity").is_none());
    assert_eq!(rules[3]["defaultConfiguration"]["level"], "note");
    assert!(rules[5].get("helpUri").is_none());

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics().len());
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        if let Some(i) = r["ruleIndex"].as_u64() {
            assert_eq!(rules[i as usize]["id"], id);
        } else {
            assert_eq!(id, "E001");
        }
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        assert!(r["message"]["text"].is_string());
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"].is_string());
        assert!(loc["region"]["byteOffset"].is_u64());
        assert!(r["partialFingerprints"]["caulk/v1"].is_string());
    }
    let k8s = &results[7];
    assert_eq!(k8s["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "deploy/rendered%20chart.yaml");
    let related = k8s["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    assert_eq!(related[0]["message"]["text"], "in this container");
    assert_eq!(related[1]["message"]["text"], "rendered from template mychart/templates/deployment.yaml");
    assert_eq!(related[1]["physicalLocation"]["region"]["startLine"], 2);
    // Placed on its template: the template line first, the rendered place related.
    let placed = &results[8];
    let loc = &placed["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], TEMPLATE_PATH);
    assert_eq!(loc["region"]["startLine"], 12);
    let related = placed["relatedLocations"].as_array().unwrap();
    assert_eq!(related[1]["physicalLocation"]["artifactLocation"]["uri"], "deploy/rendered%20chart.yaml");
    assert_eq!(related[1]["physicalLocation"]["region"]["startLine"], 14);
    assert_eq!(
        related[1]["message"]["text"],
        "rendered here (spec.template.spec.containers[0].securityContext.privileged), from template \
         mychart/templates/deployment.yaml"
    );
    let fix = &results[3]["fixes"][0];
    assert_eq!(fix["description"]["text"], "Use `USER 10001`");
    let replacement = &fix["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize, DOCKERFILE.find("root").unwrap());
    assert_eq!(replacement["deletedRegion"]["byteLength"], 4);
    assert_eq!(replacement["insertedContent"]["text"], "10001");
    // The parse error's file text is unknown: the region keeps its bytes and drops lines.
    let region = &results[5]["locations"][0]["physicalLocation"]["region"];
    assert!(region.get("startLine").is_none());
}

fn fingerprints(diagnostics: &[Diagnostic], source: &(dyn Fn(&str) -> Option<Arc<str>> + Sync)) -> Vec<String> {
    let report = Report {
        diagnostics,
        source,
        rules: &[],
        summary: Summary::default(),
        statistics: false,
        color: false,
        tool_version: "0",
    };
    let mut out = Vec::new();
    render(Format::Sarif, &report, &mut out).unwrap();
    let log: Value = serde_json::from_slice(&out).unwrap();
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"]["caulk/v1"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn fingerprints_survive_line_moves_and_tell_repeats_apart() {
    let before = "FROM a\nUSER root\nUSER root\n";
    let after = "FROM a\n# a new comment\n\n  USER root\nUSER root\n";
    let at = |text: &str, nth: usize| {
        let start = text.match_indices("USER root").nth(nth).unwrap().0;
        Diagnostic::new(
            "DF101",
            "run-as-root",
            Severity::Error,
            Arc::from("Dockerfile"),
            Span::new(start, start + 9),
            "root",
        )
    };
    let a = fingerprints(&[at(before, 0), at(before, 1)], &|_| Some(Arc::from(before)));
    let b = fingerprints(&[at(after, 0), at(after, 1)], &|_| Some(Arc::from(after)));
    assert_eq!(a, b);
    assert_ne!(a[0], a[1]);
    assert_eq!(a[0].len(), 16);
}

#[test]
fn github_escaping() {
    assert_eq!(github::escape_data("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext: a,b");
    assert_eq!(github::escape_property("dir:x,y/100%\n"), "dir%3Ax%2Cy/100%25%0A");
    let out = render_all(Format::Github);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with(
            "::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=19,title=DF301 latest-image-tag::"
        ),
        "{first}"
    );
    assert!(first.ends_with("%0Ahelp: Pin a version tag or a digest"), "{first}");
    assert!(
        out.contains("::notice file=Dockerfile,line=6,col=1,endLine=6,endColumn=1,title=DF501 missing-healthcheck::")
    );
    assert!(out.contains("::error file=deploy/rendered chart.yaml,line=14,col=13,"));
    assert!(out.contains(&format!("::error file={TEMPLATE_PATH},line=12,col=13,")), "{out}");
    assert!(out.contains("%0Arendered at deploy/rendered chart.yaml:14:25 (spec.template"), "{out}");
    assert_eq!(out.lines().count(), diagnostics().len());
}

#[test]
fn summary_lines() {
    let none = Summary { files: 4, ..Summary::default() };
    assert_eq!(summary_line(&none), "No problems found in 4 files.");
    assert_eq!(summary_line(&Summary { files: 1, ..Summary::default() }), "No problems found in 1 file.");
    let one = Summary { files: 1, warnings: 1, ..Summary::default() };
    assert_eq!(summary_line(&one), "Found 1 problem (1 warning) in 1 file.");
    let many = Summary { files: 4, errors: 2, warnings: 1, fixable: 1, ..Summary::default() };
    assert_eq!(summary_line(&many), "Found 3 problems (2 errors, 1 warning) in 4 files; 1 fixable with --fix.");
    let all = Summary { files: 5, errors: 1, warnings: 2, infos: 3, parse_errors: 2, fixable: 0 };
    assert_eq!(summary_line(&all), "Found 6 problems (1 error, 2 warnings, 3 infos) in 5 files; 2 parse errors.");
    let parse_only = Summary { files: 2, parse_errors: 1, ..Summary::default() };
    assert_eq!(summary_line(&parse_only), "No problems found in 2 files; 1 parse error.");
}

#[test]
fn statistics_sort_by_count_then_code() {
    let mut d = diagnostics();
    d.push(d[3].clone());
    d.push(d[0].clone());
    let mut out = Vec::new();
    statistics::render(&d, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "    2  DF101   run-as-root           [*]");
    assert_eq!(lines[1], "    2  DF301   latest-image-tag");
    assert_eq!(lines[2], "    2  K8S101  privileged-container");
    assert_eq!(lines[3], "    1  DF310   curl-pipe-shell");
    assert_eq!(lines.len(), 8);
}

#[test]
fn format_names_parse() {
    for name in Format::NAMES {
        let format = Format::parse(name).unwrap();
        assert_eq!(format.as_str(), *name);
    }
    assert_eq!(Format::parse("SARIF"), Some(Format::Sarif));
    assert_eq!(Format::parse("xml"), None);
}

fn human_for(text: &'static str, diagnostics: Vec<Diagnostic>) -> String {
    let source = move |_: &str| Some(Arc::from(text));
    let report = Report {
        diagnostics: &diagnostics,
        source: &source,
        rules: &[],
        summary: Summary::default(),
        statistics: false,
        color: false,
        tool_version: "0",
    };
    let mut out = Vec::new();
    render(Format::Human, &report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn frames_survive_odd_inputs() {
    let d = |span: Span| {
        Diagnostic::new("DF501", "missing-healthcheck", Severity::Info, Arc::from("Dockerfile"), span, "msg")
    };
    // An empty file.
    let out = human_for("", vec![d(Span::point(0))]);
    assert!(out.starts_with("Dockerfile:1:1 DF501"), "{out}");
    assert!(!out.contains('╭'), "{out}");
    // CRLF and a span at the very end.
    let out = human_for("FROM a\r\nUSER root\r\n", vec![d(Span::point(19))]);
    assert!(out.contains("USER root"), "{out}");
    // Spans past the end, inside a multi-byte char, and reversed.
    let out = human_for("FROM é\n", vec![d(Span::new(6, 99)), d(Span::new(8, 2))]);
    assert_eq!(out.matches("DF501").count(), 2, "{out}");
    // A multi-line span with a label inside it and an empty label.
    let text = "RUN apt-get update \\\n  && apt-get install -y curl\n";
    let diag = d(Span::new(0, text.len() - 1))
        .with_label(find(text, "install"), "no --no-install-recommends")
        .with_label(Span::point(text.find("curl").unwrap()), "unpinned");
    let out = human_for(text, vec![diag]);
    assert!(out.contains("no --no-install-recommends") && out.contains("unpinned"), "{out}");
}
