//! Helm-rendered streams mapped back to their templates, through the real binary: the committed
//! `helm template` output of `tests/fixtures/helm/webapp` is linted with the chart known, and
//! every finding must land on the template line written down here by hand. Also: the ways the
//! chart is found (flag, config, beside the stream, standard input), test hooks, chart
//! directories with and without `helm`, and the Helm corpus (every finding names its template).

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const CHART: &str = "tests/fixtures/helm/webapp";
const STREAM: &str = "tests/fixtures/helm/webapp/rendered.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn caulk_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caulk")).args(args).current_dir(dir).output().expect("run caulk")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

fn diagnostics(v: &Value) -> &Vec<Value> {
    v["diagnostics"].as_array().expect("diagnostics")
}

/// Every finding of the fixture stream (default rules): its code and line in `rendered.yaml`,
/// and the template file and line it belongs on, read off the templates by hand.
const EXPECTED: &[(&str, u64, &str, u64)] = &[
    // secret.yaml: `data:` and the one `{{ $key }}: ...` line of its range.
    ("SEC202", 14, "secret.yaml", 8),
    ("SEC203", 15, "secret.yaml", 10),
    ("SEC203", 16, "secret.yaml", 10),
    // service.yaml: `type: {{ .Values.service.type }}`.
    ("K8S410", 30, "service.yaml", 8),
    // No NetworkPolicy in the chart (a project rule): each workload's `name:` line.
    ("K8S420", 49, "deployment.yaml", 4),
    ("K8S420", 110, "tests/test-connection.yaml", 4),
    // deployment.yaml: the pod's `spec:`.
    ("K8S107", 67, "deployment.yaml", 16),
    // The first container has no securityContext: its `- name: {{ .Chart.Name }}` line.
    ("K8S101", 69, "deployment.yaml", 22),
    ("K8S102", 69, "deployment.yaml", 22),
    ("K8S103", 69, "deployment.yaml", 22),
    ("K8S104", 69, "deployment.yaml", 22),
    ("K8S123", 69, "deployment.yaml", 22),
    ("K8S126", 69, "deployment.yaml", 22),
    ("K8S127", 69, "deployment.yaml", 22),
    // env[0] comes from the `range` over .Values.env: its `value:` line.
    ("K8S201", 77, "deployment.yaml", 31),
    // The agent container, inside `{{- if .Values.agent.enabled }}`: `- name: node-agent`.
    ("K8S501", 89, "deployment.yaml", 36),
    ("K8S504", 89, "deployment.yaml", 36),
    // Its `securityContext:`, `privileged:` and what `toYaml` adds under it (capabilities).
    ("K8S101", 91, "deployment.yaml", 38),
    ("K8S103", 91, "deployment.yaml", 38),
    ("K8S123", 91, "deployment.yaml", 38),
    ("K8S126", 91, "deployment.yaml", 38),
    ("K8S112", 92, "deployment.yaml", 39),
    ("K8S104", 93, "deployment.yaml", 41),
    ("K8S127", 93, "deployment.yaml", 41),
    ("K8S113", 95, "deployment.yaml", 41),
    ("K8S113", 96, "deployment.yaml", 41),
    // The hostPath volume, inside `{{- if .Values.hostLogs.enabled }}`.
    ("K8S114", 103, "deployment.yaml", 51),
    // tests/test-connection.yaml, a `helm.sh/hook: test` Pod.
    ("K8S107", 119, "tests/test-connection.yaml", 9),
    ("K8S101", 121, "tests/test-connection.yaml", 11),
    ("K8S102", 121, "tests/test-connection.yaml", 11),
    ("K8S103", 121, "tests/test-connection.yaml", 11),
    ("K8S104", 121, "tests/test-connection.yaml", 11),
    ("K8S123", 121, "tests/test-connection.yaml", 11),
    ("K8S126", 121, "tests/test-connection.yaml", 11),
    ("K8S127", 121, "tests/test-connection.yaml", 11),
    ("K8S501", 121, "tests/test-connection.yaml", 11),
    ("K8S504", 121, "tests/test-connection.yaml", 11),
    ("K8S301", 122, "tests/test-connection.yaml", 12),
    // networkpolicy.yaml selects no pod of the chart (its `name:` line) and admits every peer
    // on its port (the rule's `- ports:` line).
    ("K8S423", 131, "networkpolicy.yaml", 4),
    ("K8S424", 144, "networkpolicy.yaml", 13),
];

/// A file (or code) and a line.
type At = (String, u64);

/// `(code, rendered line)` -> `(template file under templates/, line)` for the findings that
/// were placed on a template.
fn placements(v: &Value) -> Vec<(At, Option<At>)> {
    diagnostics(v)
        .iter()
        .map(|d| {
            let key = (d["code"].as_str().unwrap_or("").to_string(), d["start"]["line"].as_u64().unwrap_or(0));
            let at = &d["source"]["location"];
            let placed = at["path"].as_str().map(|p| {
                let p = p.replace('\\', "/");
                let rel = p.split("/templates/").nth(1).unwrap_or(&p).to_string();
                (rel, at["start"]["line"].as_u64().unwrap_or(0))
            });
            (key, placed)
        })
        .collect()
}

/// Checks every finding against [`EXPECTED`] and returns the share on the right line.
fn check_against_expected(v: &Value, expected: &[(&str, u64, &str, u64)]) -> f64 {
    let got = placements(v);
    let mut want: Vec<(At, At)> =
        expected.iter().map(|&(c, l, f, tl)| ((c.to_string(), l), (f.to_string(), tl))).collect();
    let mut right = 0;
    let mut wrong = Vec::new();
    for (key, placed) in &got {
        let Some(i) = want.iter().position(|(k, _)| k == key) else {
            panic!("unexpected finding {key:?} placed at {placed:?}: add it to EXPECTED with its template line");
        };
        let (_, place) = want.remove(i);
        if placed.as_ref() == Some(&place) {
            right += 1;
        } else {
            wrong.push(format!("{key:?}: want {place:?}, got {placed:?}"));
        }
    }
    assert!(want.is_empty(), "expected findings missing: {want:?}");
    let ratio = right as f64 / got.len().max(1) as f64;
    println!("helm mapping: {right} of {} findings on the right template line ({:.1}%)", got.len(), ratio * 100.0);
    for w in &wrong {
        println!("  off: {w}");
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    ratio
}

#[test]
fn findings_land_on_their_template_lines() {
    let out = caulk_in(root(), &["check", STREAM, "--helm-chart-root", CHART, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    let ratio = check_against_expected(&v, EXPECTED);
    assert!(ratio >= 0.9, "only {:.1}% on the right line", ratio * 100.0);
    for d in diagnostics(&v) {
        // The rendered place stays the diagnostic's own; the template is the source's location.
        assert_eq!(d["path"], STREAM);
        let source = &d["source"];
        let template = source["template"].as_str().unwrap();
        let at = source["location"]["path"].as_str().unwrap();
        assert_eq!(at, format!("{CHART}/{}", template.trim_start_matches("webapp/")));
        assert!(source["key_path"].as_str().is_some_and(|p| !p.is_empty()), "{d}");
    }
    // What toYaml adds is placed on the toYaml line, and says which ancestor the template has.
    let cap = diagnostics(&v).iter().find(|d| d["code"] == "K8S113").unwrap();
    assert_eq!(cap["source"]["key_path"], "spec.template.spec.containers[1].securityContext.capabilities.add[0]");
    assert_eq!(cap["source"]["location"]["key_path"], "spec.template.spec.containers[1].securityContext");
    assert_eq!(cap["source"]["location"]["exact"], false);
    let privileged = diagnostics(&v).iter().find(|d| d["code"] == "K8S112").unwrap();
    assert_eq!(privileged["source"]["location"]["exact"], true);
    assert_eq!(privileged["source"]["location"]["start"]["column"], 13);
    // The test hook is named as such.
    let hooks: Vec<_> = diagnostics(&v).iter().filter(|d| d["source"]["hook"] == "test").collect();
    assert_eq!(hooks.len(), 12);
    assert!(hooks.iter().all(|d| d["source"]["template"] == "webapp/templates/tests/test-connection.yaml"));
}

#[test]
fn the_chart_beside_the_stream_or_on_stdin_is_found_without_the_flag() {
    let v = json(&caulk_in(root(), &["check", STREAM, "--format", "json"]));
    check_against_expected(&v, EXPECTED);
    // Piped, as the message for a chart without `helm` suggests.
    let text = std::fs::read(root().join(STREAM)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_caulk"))
        .args(["check", "--stdin-filename", STREAM, "--format", "json", "-"])
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    check_against_expected(&json(&child.wait_with_output().unwrap()), EXPECTED);
    // A chart root without the templates: said once, and the findings only name their template.
    let out = caulk_in(root(), &["check", STREAM, "--helm-chart-root", "examples", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("Helm chart root examples: no template").count(), 1, "{stderr}");
    assert!(diagnostics(&json(&out)).iter().all(|d| d["source"]["location"].is_null()));
    // Elsewhere, with no chart beside it, the findings only name their template.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("out.yaml"), &text).unwrap();
    let v = json(&caulk_in(dir.path(), &["check", "out.yaml", "--format", "json"]));
    assert!(diagnostics(&v).iter().all(|d| d["source"]["template"].is_string() && d["source"]["location"].is_null()));
}

#[test]
fn config_names_the_chart_root_and_skips_test_hooks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::copy(root().join(STREAM), dir.path().join("out/stream.yaml")).unwrap();
    let chart = root().join(CHART);
    let toml = format!("[helm]\nchart-root = {:?}\n", chart.display().to_string());
    std::fs::write(dir.path().join("caulk.toml"), &toml).unwrap();
    let v = json(&caulk_in(dir.path(), &["check", "out/stream.yaml", "--format", "json"]));
    check_against_expected(&v, EXPECTED);
    let without_tests: Vec<_> =
        EXPECTED.iter().copied().filter(|&(_, _, file, _)| file != "tests/test-connection.yaml").collect();
    let v = json(&caulk_in(dir.path(), &["check", "out/stream.yaml", "--format", "json", "--helm-skip-tests"]));
    check_against_expected(&v, &without_tests);
    std::fs::write(dir.path().join("caulk.toml"), format!("{toml}skip-tests = true\n")).unwrap();
    let v = json(&caulk_in(dir.path(), &["check", "out/stream.yaml", "--format", "json"]));
    check_against_expected(&v, &without_tests);
}

#[test]
fn sarif_human_and_github_put_the_template_first() {
    let args = |format: &str| ["check", STREAM, "--helm-chart-root", CHART, "--format", format].map(String::from);
    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_caulk")).args(args(format)).current_dir(root()).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let privileged = results.iter().find(|r| r["ruleId"] == "K8S112").unwrap();
    let loc = &privileged["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], format!("{CHART}/templates/deployment.yaml"));
    assert_eq!(loc["region"]["startLine"], 39);
    let related = privileged["relatedLocations"].as_array().unwrap();
    let rendered = related.iter().find(|r| r["physicalLocation"]["artifactLocation"]["uri"] == STREAM).unwrap();
    assert_eq!(rendered["physicalLocation"]["region"]["startLine"], 92);
    assert!(rendered["message"]["text"].as_str().unwrap().contains("webapp/templates/deployment.yaml"));

    let human = run("human");
    let header = format!("{CHART}/templates/deployment.yaml:39:13 K8S112");
    let at = human.find(&header).unwrap_or_else(|| panic!("{header} not in\n{human}"));
    let block = &human[at..human[at..].find("\n\n").map_or(human.len(), |e| at + e)];
    assert!(block.contains("privileged: {{ .Values.agent.privileged }}"), "{block}");
    assert!(block.contains(&format!("note: rendered at {STREAM}:92:13")), "{block}");
    // Secret values stay masked on template lines too.
    assert!(!human.contains("tok_9f8e"), "{human}");

    let github = run("github");
    assert!(github.contains(&format!("file={CHART}/templates/deployment.yaml,line=39,col=13,")), "{github}");
}

/// A directory holding only `helm`, for PATH: the script prints the committed rendered stream
/// and writes the arguments it got beside it.
#[cfg(unix)]
fn fake_helm(script_body: &str) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let helm = dir.path().join("helm");
    std::fs::write(&helm, format!("#!/bin/sh\nPATH=/usr/bin:/bin\n{script_body}\n")).unwrap();
    std::fs::set_permissions(&helm, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

fn caulk_with_path(path: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caulk"))
        .args(args)
        .current_dir(root())
        .env("PATH", path)
        .output()
        .expect("run caulk")
}

#[test]
fn a_chart_directory_without_helm_is_not_linted_and_says_so_once() {
    let empty = tempfile::tempdir().unwrap();
    let out = caulk_with_path(empty.path(), &["check", CHART, "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr.matches("was not rendered").count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("helm template {CHART} | caulk check --stdin-filename {CHART}/rendered.yaml -")),
        "{stderr}"
    );
    assert!(!stderr.contains("no Dockerfile"), "{stderr}");
    // Neither the templates nor the committed stream were read as files.
    let v = json(&out);
    assert!(diagnostics(&v).is_empty(), "{v}");
    assert_eq!(v["summary"]["files"], 0);
    // Other paths are still linted.
    let out = caulk_with_path(empty.path(), &["check", CHART, "examples/deploy", "--format", "json"]);
    assert_eq!(String::from_utf8_lossy(&out.stderr).matches("was not rendered").count(), 1);
    assert!(!diagnostics(&json(&out)).is_empty());
}

#[cfg(unix)]
#[test]
fn a_chart_directory_is_rendered_with_helm_template() {
    let stream = root().join(STREAM);
    let helm = fake_helm(&format!("echo \"$@\" > \"$(dirname \"$0\")/args\"\ncat {:?}", stream.display().to_string()));
    let out = caulk_with_path(
        helm.path(),
        &["check", CHART, "--helm-values", "a.yaml", "--helm-values", "b.yaml", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let args = std::fs::read_to_string(helm.path().join("args")).unwrap();
    assert_eq!(args.trim(), format!("template {CHART} --values a.yaml --values b.yaml"));
    let v = json(&out);
    assert!(diagnostics(&v).iter().all(|d| d["path"] == format!("{CHART}/rendered")), "{v}");
    // The rendered stream's chart is the directory itself.
    let ratio = check_against_expected(&v, EXPECTED);
    assert_eq!(ratio, 1.0);

    // A failing `helm` is a usage error with its message.
    let failing = fake_helm("echo 'Error: found in Chart.yaml, but missing in charts/ directory: redis' >&2\nexit 1");
    let out = caulk_with_path(failing.path(), &["check", CHART]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("helm template tests/fixtures/helm/webapp: Error: found in Chart.yaml"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn charts_met_while_walking_are_rendered_not_read_as_files() {
    let stream = root().join(STREAM);
    let helm = fake_helm(&format!("echo \"$@\" > \"$(dirname \"$0\")/args\"\ncat {:?}", stream.display().to_string()));
    // `--helm-values` is for the charts named: a chart met while walking renders with its own.
    let out =
        caulk_with_path(helm.path(), &["check", "tests/fixtures/helm", "--helm-values", "a.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let args = std::fs::read_to_string(helm.path().join("args")).unwrap();
    assert_eq!(args.trim(), format!("template {CHART}"));
    let v = json(&out);
    assert!(diagnostics(&v).iter().all(|d| d["path"] == format!("{CHART}/rendered")), "{v}");
    assert_eq!(check_against_expected(&v, EXPECTED), 1.0);

    // Without helm: one warning, and no template read as a file (no E005 per template).
    let empty = tempfile::tempdir().unwrap();
    let out = caulk_with_path(empty.path(), &["check", "tests/fixtures/helm", "examples/deploy", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("was not rendered").count(), 1, "{stderr}");
    let v = json(&out);
    assert!(diagnostics(&v).iter().all(|d| !d["path"].as_str().unwrap_or("").starts_with(CHART)), "{v}");
    assert!(!diagnostics(&v).is_empty());

    // A walked chart that fails to render is a finding on its Chart.yaml; the run goes on.
    let failing = fake_helm("echo 'Error: missing in charts/ directory: redis' >&2\nexit 1");
    let out = caulk_with_path(failing.path(), &["check", "tests/fixtures/helm", "examples/deploy", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let failed: Vec<&Value> = diagnostics(&v).iter().filter(|d| d["code"] == "E004").collect();
    assert_eq!(failed.len(), 1, "{v}");
    assert_eq!(failed[0]["path"], format!("{CHART}/Chart.yaml"));
    assert!(failed[0]["message"].as_str().unwrap_or("").contains("missing in charts/ directory"));
}

/// The Helm corpus: no file gives caulk an error of its own, and every finding in a document
/// that has a `# Source:` line names that template. The findings that name none are in the
/// documents that have no such line (hand-written manifests concatenated with chart output).
#[test]
fn every_corpus_finding_names_its_template() {
    let Some(dir) = common::corpus("helm-rendered") else {
        eprintln!("skipped: ../shared/corpus/helm-rendered is absent");
        return;
    };
    let config = common::all_rules();
    let paths: Vec<PathBuf> = common::files_in(&dir);
    let files: Vec<caulk::SourceFile> = paths
        .iter()
        .map(|p| caulk::SourceFile::new(&p.display().to_string(), std::fs::read(p).expect("read corpus file")))
        .collect();
    let result = caulk::lint(&files, &config);
    let own_errors: Vec<_> = result.diagnostics.iter().filter(|d| d.code.starts_with('E')).collect();
    assert!(own_errors.is_empty(), "{own_errors:#?}");
    assert_eq!(result.files_linted, files.len());
    let (mut named, mut unnamed) = (0, BTreeMap::<String, usize>::new());
    for f in &files {
        let text = std::str::from_utf8(&f.bytes).expect("corpus files are UTF-8");
        let tree = caulk::syntax::yaml::parse(text, &Default::default());
        for d in result.diagnostics.iter().filter(|d| d.path == f.path) {
            // The document holding the finding, with the comments before it (the first
            // document's `# Source:` may come before its first token).
            let i = tree.documents.iter().rposition(|doc| doc.span.start <= d.span.start).unwrap_or(0);
            let start = if i == 0 { 0 } else { tree.documents[i - 1].span.end };
            let end = tree.documents.get(i).map_or(text.len(), |doc| doc.span.end);
            let has_source = tree
                .comments
                .iter()
                .any(|c| start <= c.span.start && c.span.start < end && c.text.trim_start().starts_with("Source:"));
            match &d.source {
                Some(source) => {
                    assert!(
                        has_source,
                        "{}: {} names {} outside a # Source: document",
                        d.path, d.code, source.template
                    );
                    assert!(source.template.contains("/templates/"), "{}", source.template);
                    named += 1;
                }
                None => {
                    assert!(
                        !has_source,
                        "{}:{} {} has a # Source: line and names no template",
                        d.path, d.span.start, d.code
                    );
                    let name = Path::new(&*d.path).file_name().unwrap().to_string_lossy().to_string();
                    *unnamed.entry(name).or_default() += 1;
                }
            }
        }
    }
    println!(
        "helm corpus: {} files, {} findings, {named} name their template, {} in documents without `# Source:`: {unnamed:?}",
        files.len(),
        result.diagnostics.len(),
        unnamed.values().sum::<usize>()
    );
    assert!(named > 1000, "only {named} findings");
}

/// A plain YAML file is a template without actions: the outline must find every finding's key
/// path in it on the line the finding is on. Run over the Helm and Kubernetes corpora, this
/// checks the indentation reading on real files (block scalars, flow collections, quoted keys,
/// comments, indentless sequences).
#[test]
fn outline_of_plain_yaml_finds_every_key_on_its_line() {
    use caulk::model::helm::{KeyPath, Template};
    let mut folders = 0;
    let (mut total, mut same_line, mut exact, mut misses) = (0usize, 0usize, 0usize, Vec::new());
    for folder in ["helm-rendered", "k8s"] {
        let Some(dir) = common::corpus(folder) else { continue };
        folders += 1;
        let paths = common::files_in(&dir);
        let files: Vec<caulk::SourceFile> = paths
            .iter()
            .map(|p| caulk::SourceFile::new(&p.display().to_string(), std::fs::read(p).expect("read corpus file")))
            .collect();
        let result = caulk::lint(&files, &common::all_rules());
        for f in &files {
            let Ok(text) = std::str::from_utf8(&f.bytes) else { continue };
            if text.contains("{{") {
                continue;
            }
            let tree = caulk::syntax::yaml::parse(text, &Default::default());
            if tree.has_fatal_errors() {
                continue;
            }
            let outline = Template::parse(text);
            // Sections are the documents that have content, in order.
            let docs: Vec<_> = tree.documents.iter().filter(|d| tree.root(d).is_some()).collect();
            for d in result.diagnostics.iter().filter(|d| d.path == f.path) {
                let Some(i) = docs.iter().rposition(|doc| doc.span.start <= d.span.start) else { continue };
                let Some(root) = tree.root(docs[i]) else { continue };
                let path = KeyPath::at(root, d.span.start);
                if path.is_empty() {
                    continue;
                }
                total += 1;
                let found = outline.locate(i, None, &path);
                let line = |at: usize| text[..at].matches('\n').count() + 1;
                // Inside a flow collection or a block scalar the key's line is the place,
                // though the rest of the path is not read.
                exact += usize::from(found.matched == path.len());
                if line(found.line.start) == line(d.span.start) {
                    same_line += 1;
                } else if misses.len() < 20 {
                    misses.push(format!(
                        "{}:{} {} {path}: found {}/{} at line {}",
                        Path::new(&*d.path).file_name().unwrap().to_string_lossy(),
                        line(d.span.start),
                        d.code,
                        found.matched,
                        path.len(),
                        line(found.line.start)
                    ));
                }
            }
        }
    }
    if folders == 0 {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    }
    let ratio = same_line as f64 / total.max(1) as f64;
    println!(
        "outline on plain YAML: {same_line} of {total} finding key paths found on their line ({:.2}%), {exact} to the \
         last segment",
        ratio * 100.0
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(ratio >= 0.99, "{:.2}%: {misses:#?}", ratio * 100.0);
}
