//! Pod Security Standards conformance: every upstream pod-security-admission fixture in
//! `../shared/conformance/pss/<level>/<version>/<pass|fail>/*.yaml`, linted with exactly the
//! selection `--pss <level>:<version>` makes. A `pass/` pod must get no PSS finding, a `fail/` pod
//! at least one, from the rule of the control its file name names (`privileged0.yaml`,
//! `capabilities_restricted2.yaml`, ...). Each fixture's pod is also wrapped into a Deployment's
//! pod template (and, at the latest version, a CronJob's) and must get the same verdict.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use caulk::config::{Config, Options};
use caulk::rules::kubernetes::pss::{CONTROLS, Control};
use caulk::{SourceFile, lint};

#[derive(Default)]
struct Tally {
    pass: (usize, usize),
    fail: (usize, usize),
    /// Fail fixtures reported by the rule of the named control.
    by_control: usize,
}

fn dirs(path: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(path).map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
    v.sort();
    v
}

fn minor(version_dir: &Path) -> u32 {
    let name = version_dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    name.strip_prefix("v1.").and_then(|m| m.parse().ok()).unwrap_or(u32::MAX)
}

/// `capabilities_restricted2.yaml` -> `capabilities_restricted`.
fn prefix(file: &Path) -> String {
    let stem = file.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    stem.trim_end_matches(|c: char| c.is_ascii_digit()).to_string()
}

fn control_for(prefix: &str) -> Option<&'static Control> {
    CONTROLS.iter().find(|c| c.check.eq_ignore_ascii_case(prefix))
}

/// The top-level `key:` block of a fixture (the key line and its indented lines).
fn block(text: &str, key: &str) -> Option<String> {
    let mut lines = text.lines().skip_while(|l| *l != format!("{key}:"));
    lines.next()?;
    let body: Vec<&str> = lines.take_while(|l| l.starts_with(' ') || l.is_empty()).collect();
    Some(body.iter().map(|l| format!("{l}\n")).collect())
}

fn indent(text: &str, by: usize) -> String {
    text.lines().map(|l| format!("{}{l}\n", " ".repeat(by))).collect()
}

/// The fixture's pod as the template of a Deployment (`cronjob`: of a CronJob's job).
fn wrapped(text: &str, cronjob: bool) -> Option<String> {
    let metadata = block(text, "metadata")?;
    let spec = block(text, "spec")?;
    let template = format!("template:\n  metadata:\n{}  spec:\n{}", indent(&metadata, 2), indent(&spec, 2));
    Some(if cronjob {
        format!(
            "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: wrapped\nspec:\n  schedule: \"@daily\"\n  jobTemplate:\n    spec:\n{}",
            indent(&template, 6)
        )
    } else {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: wrapped\nspec:\n{}", indent(&template, 2))
    })
}

/// The PSS findings (code and message) of `text` under `config`.
fn pss_findings(name: &str, text: &str, config: &Config) -> Vec<(String, String)> {
    let result = lint(&[SourceFile::new(name, text)], config);
    result
        .diagnostics
        .iter()
        .filter(|d| CONTROLS.iter().any(|c| c.code == d.code) || d.is_parse_error())
        .map(|d| (d.code.to_string(), d.message.clone()))
        .collect()
}

#[test]
fn every_upstream_fixture_gets_the_admission_verdict() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/pss");
    if !root.is_dir() {
        eprintln!("skipped: ../shared/conformance/pss is absent");
        return;
    }
    let mut tally: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut unmapped = Vec::new();
    let (mut files, mut wrapped_checked) = (0, 0);
    for level in ["baseline", "restricted"] {
        let mut versions = dirs(&root.join(level));
        versions.sort_by_key(|d| minor(d));
        let latest = versions.last().map(|d| minor(d));
        for version_dir in &versions {
            let version = format!("v1.{}", minor(version_dir));
            let options = Options { pss: Some(format!("{level}:{version}")), ..Options::default() };
            let config = Config::new(options).expect("--pss selection");
            for verdict in ["pass", "fail"] {
                for file in dirs(&version_dir.join(verdict)) {
                    let Ok(text) = std::fs::read_to_string(&file) else { continue };
                    files += 1;
                    let name = format!(
                        "{level}/{version}/{verdict}/{}",
                        file.file_name().unwrap_or_default().to_string_lossy()
                    );
                    let prefix = prefix(&file);
                    let control = control_for(&prefix);
                    if control.is_none() && !prefix.starts_with("base") {
                        unmapped.push(name.clone());
                    }
                    let found = pss_findings(&name, &text, &config);
                    let t = tally.entry((level.to_string(), prefix.clone())).or_default();
                    let ok = if verdict == "pass" {
                        t.pass.1 += 1;
                        found.is_empty()
                    } else {
                        t.fail.1 += 1;
                        // A restricted control's overlap with the baseline control it replaces is
                        // reported by the baseline rule (one finding per place).
                        let named = control.is_some_and(|c| {
                            found.iter().any(|(code, _)| *code == c.code || c.overrides == Some(code.as_str()))
                        });
                        if named {
                            t.by_control += 1;
                        } else {
                            failures.push(format!("{name}: not reported by the rule of `{prefix}`: {found:?}"));
                        }
                        !found.is_empty()
                    };
                    if ok {
                        if verdict == "pass" {
                            t.pass.0 += 1;
                        } else {
                            t.fail.0 += 1;
                        }
                    } else {
                        failures.push(format!("{name}: expected {verdict}, found {found:?}"));
                    }
                    // The same pod as a workload's template gets the same verdict.
                    let forms = if Some(minor(version_dir)) == latest { &[false, true][..] } else { &[false][..] };
                    for &cronjob in forms {
                        let Some(doc) = wrapped(&text, cronjob) else {
                            failures.push(format!("{name}: could not be wrapped"));
                            continue;
                        };
                        wrapped_checked += 1;
                        let inner = pss_findings(&name, &doc, &config);
                        let mut codes: Vec<_> = found.iter().map(|(c, _)| c.clone()).collect();
                        let mut inner_codes: Vec<_> = inner.iter().map(|(c, _)| c.clone()).collect();
                        codes.sort();
                        inner_codes.sort();
                        if codes != inner_codes {
                            let kind = if cronjob { "CronJob" } else { "Deployment" };
                            failures.push(format!("{name} in a {kind}: {inner_codes:?} instead of {codes:?}"));
                        }
                    }
                }
            }
        }
    }
    println!("PSS conformance: {files} fixtures, {wrapped_checked} wrapped into workload templates");
    println!(
        "{:<11} {:<28} {:<7} {:>11} {:>11} {:>11}",
        "level", "control (file prefix)", "rule", "pass", "fail", "by control"
    );
    let (mut pass, mut fail, mut named) = ((0, 0), (0, 0), 0);
    for ((level, prefix), t) in &tally {
        let rule = control_for(prefix).map_or("-", |c| c.code);
        let by_control = if t.fail.1 == 0 { "-".to_string() } else { format!("{}/{}", t.by_control, t.fail.1) };
        println!(
            "{level:<11} {prefix:<28} {rule:<7} {:>11} {:>11} {by_control:>11}",
            format!("{}/{}", t.pass.0, t.pass.1),
            format!("{}/{}", t.fail.0, t.fail.1)
        );
        pass = (pass.0 + t.pass.0, pass.1 + t.pass.1);
        fail = (fail.0 + t.fail.0, fail.1 + t.fail.1);
        named += t.by_control;
    }
    println!(
        "pass fixtures allowed: {}/{}; fail fixtures denied: {}/{}; by the named control: {named}/{}",
        pass.0, pass.1, fail.0, fail.1, fail.1
    );
    assert!(unmapped.is_empty(), "fixture prefixes with no rule: {unmapped:#?}");
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
    assert_eq!((pass.0, fail.0, named), (pass.1, fail.1, fail.1));
    assert!(files > 4000, "only {files} fixtures");
}

/// `caulk check --pss`: exactly the rules of the level, at the version, and nothing else.
#[test]
fn cli_pss_selects_exactly_the_level_at_the_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    // hostNetwork (baseline), no allowPrivilegeEscalation (restricted), no runAsNonRoot (restricted
    // and K8S101), a Windows pod: exempt from allowPrivilegeEscalation from v1.25 only.
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  os: {name: windows}\n  hostNetwork: true\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n  - name: a\n    image: x:1\n    securityContext:\n      capabilities: {drop: [ALL]}\n";
    std::fs::write(dir.path().join("pod.yaml"), pod).expect("write");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_caulk"))
            .args(["check", "pod.yaml", "--format", "concise"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("run caulk");
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        let mut codes: Vec<String> = stdout
            .lines()
            .filter_map(|l| l.split_whitespace().nth(1))
            .filter(|c| c.starts_with("K8S"))
            .map(String::from)
            .collect();
        codes.dedup();
        (out.status.code(), codes, String::from_utf8_lossy(&out.stderr).to_string())
    };
    assert_eq!(run(&["--pss", "baseline"]).1, ["K8S111"]);
    assert_eq!(run(&["--pss", "restricted"]).1, ["K8S111", "K8S124"]);
    assert_eq!(run(&["--pss", "restricted:v1.24"]).1, ["K8S111", "K8S123", "K8S124"]);
    let (code, _, err) = run(&["--pss", "strict"]);
    assert_eq!(code, Some(2), "{err}");
    let (code, _, _) = run(&["--pss", "baseline", "--select", "K8S101"]);
    assert_eq!(code, Some(2));
}
