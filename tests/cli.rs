//! The real binary on real files: exit codes, formats, stdin, and hostile input.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn caulk(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caulk")).args(args).current_dir(dir).output().expect("run caulk")
}

fn caulk_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caulk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(input).expect("write");
    child.wait_with_output().expect("wait")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn codes(v: &Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).expect("mkdir");
    }
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn readme_example_reports_every_first_rule() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = caulk(&["check", "examples", "--format", "json"], root);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    let codes = codes(&v);
    for code in ["DF101", "K8S101", "K8S102", "DC101"] {
        assert!(codes.iter().any(|c| c == code), "{code} missing from {codes:?}");
    }
    assert_eq!(v["summary"]["files"], 4);
    assert_eq!(v["summary"]["parse_errors"], 0);
    // Findings in the Helm stream name their template.
    let helm: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().contains("chart-rendered"))
        .collect();
    assert!(!helm.is_empty());
    // The stream's worker.yaml template starts at line 35.
    let template = |d: &&Value| match d["start"]["line"].as_u64() {
        Some(line) if line >= 35 => "shop/templates/worker.yaml",
        _ => "shop/templates/deployment.yaml",
    };
    assert!(helm.iter().all(|d| d["source"]["template"] == template(d)), "{helm:#?}");
    assert!(helm.iter().any(|d| d["code"] == "K8S101" && d["source"]["template"] == "shop/templates/deployment.yaml"));
}

/// The README's insecure Dockerfile: what the Dockerfile pack must catch there (a TLS bypass, a
/// script piped into a shell, root, a secret-looking ENV, a mutable base tag), each on its line.
#[test]
fn readme_dockerfile_is_flagged_for_each_insecure_pattern() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let v = json(&caulk(&["check", "examples/app/Dockerfile", "--format", "json"], root));
    let at = |code: &str| -> Vec<u64> {
        v["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| d["code"] == code)
            .filter_map(|d| d["start"]["line"].as_u64())
            .collect()
    };
    assert_eq!(at("DF320"), [10], "curl -k");
    assert_eq!(at("DF310"), [10], "curl | sh");
    assert_eq!(at("DF101"), [7], "root");
    assert_eq!(at("DF201"), [8], "ENV API_TOKEN");
    assert_eq!(at("DF301"), [7], "python:latest");
}

#[test]
fn json_schema_is_stable() {
    let out = caulk_stdin(&["check", "-", "--stdin-filename", "Dockerfile", "--format", "json"], b"FROM alpine:3.20\n");
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["version"], 1);
    let d = &v["diagnostics"][0];
    for key in ["code", "name", "severity", "path", "start", "end", "message", "help", "fix", "source"] {
        assert!(d.get(key).is_some(), "missing {key} in {d}");
    }
    assert_eq!(d["code"], "DF101");
    assert_eq!(d["path"], "Dockerfile");
    assert_eq!(d["start"]["line"], 1);
    assert_eq!(d["start"]["column"], 1);
    assert_eq!(d["start"]["offset"], 0);
    assert_eq!(d["end"]["column"], 17);
    assert_eq!(d["fix"]["applicability"], "unsafe");
    assert_eq!(v["summary"]["findings"]["error"], 1);
}

#[test]
fn exit_codes_and_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Dockerfile", "FROM alpine:3.20\nUSER 10001\n");
    assert_eq!(caulk(&["check", "."], dir.path()).status.code(), Some(0));
    write(dir.path(), "compose.yaml", "services:\n  web:\n    image: nginx:1.27\n");
    // DC101 is a warning: fails by default, passes with --fail-on error.
    assert_eq!(caulk(&["check", "."], dir.path()).status.code(), Some(1));
    assert_eq!(caulk(&["check", ".", "--fail-on", "error"], dir.path()).status.code(), Some(0));
    // Usage errors exit 2.
    assert_eq!(caulk(&["check", "missing-dir"], dir.path()).status.code(), Some(2));
    assert_eq!(caulk(&["check", ".", "--format", "xml"], dir.path()).status.code(), Some(2));
    assert_eq!(caulk(&["check", "--bogus"], dir.path()).status.code(), Some(2));
    let out = caulk(&["check", ".", "--config", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a directory"));
}

#[test]
fn config_file_selects_and_ignores() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Dockerfile", "FROM alpine:3.20\n");
    write(dir.path(), "sub/Dockerfile", "FROM alpine:3.20\n");
    write(dir.path(), "sub/caulk.toml", "ignore = [\"run-as-root\"]\n");
    let v = json(&caulk(&["check", ".", "--format", "json"], dir.path()));
    let paths: Vec<_> =
        v["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(paths, vec!["Dockerfile".to_string()]);
    // A broken config is a usage error with its path.
    write(dir.path(), "caulk.toml", "selct = 1\n");
    let out = caulk(&["check", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("caulk.toml"));
}

#[test]
fn gitignore_and_exclude_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".gitignore", "ignored/\n");
    write(dir.path(), "ignored/Dockerfile", "FROM alpine\n");
    write(dir.path(), "vendor/Dockerfile", "FROM alpine\n");
    write(dir.path(), "kept/Dockerfile", "FROM alpine\n");
    let v = json(&caulk(&["check", ".", "--format", "json", "--exclude", "vendor", "--select", "DF101"], dir.path()));
    let paths: Vec<_> =
        v["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(paths, vec!["kept/Dockerfile".to_string()]);
}

#[test]
fn suppressions_inline_and_peer_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/Dockerfile", "FROM alpine:3.20\n# hadolint ignore=DL3002\nUSER root\n");
    write(dir.path(), "b/Dockerfile", "# caulk: ignore[run-as-root] base image sets its user\nFROM alpine:3.20\n");
    write(dir.path(), "c/Dockerfile", "# caulk: ignore[K8S101]\nFROM alpine:3.20\nUSER 1000\n");
    let v = json(&caulk(&["check", ".", "--format", "json", "--select", "DF101,E100"], dir.path()));
    let found: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}:{}", d["code"].as_str().unwrap(), d["path"].as_str().unwrap(), d["start"]["line"]))
        .collect();
    assert_eq!(found, vec!["E100 c/Dockerfile:1".to_string()]);
}

#[test]
fn hostile_inputs_give_positioned_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(p, "heredoc/Dockerfile", "FROM alpine:3.20\nRUN <<EOF\necho never ends\n");
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = (b'a' + i - 1) as char;
        let cur = (b'a' + i) as char;
        bomb.push_str(&format!(
            "{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    write(p, "bomb.yaml", format!("apiVersion: v1\nkind: ConfigMap\n{bomb}"));
    write(p, "deep.yaml", format!("apiVersion: v1\nkind: ConfigMap\ndata: {}{}\n", "[".repeat(200), "]".repeat(200)));
    write(p, "utf8/Dockerfile", b"FROM alpine\nUSER \xff\xfe\n");
    write(p, "nul/Dockerfile", b"FROM alpine\n\0USER 1\n");
    write(p, "empty/Dockerfile", b"");
    std::fs::create_dir_all(p.join("dir-named/Dockerfile")).unwrap();

    let start = Instant::now();
    let out = caulk(&["check", ".", "--format", "json"], p);
    assert!(start.elapsed() < Duration::from_secs(20), "took {:?}", start.elapsed());
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    let diags = v["diagnostics"].as_array().unwrap();
    let find = |path: &str, code: &str| {
        diags
            .iter()
            .find(|d| d["path"] == path && d["code"] == code)
            .unwrap_or_else(|| panic!("no {code} for {path} in {diags:#?}"))
            .clone()
    };
    let heredoc = find("heredoc/Dockerfile", "E001");
    assert_eq!(heredoc["start"]["line"], 2);
    assert!(heredoc["message"].as_str().unwrap().to_lowercase().contains("heredoc"));
    let bomb = find("bomb.yaml", "E002");
    assert!(bomb["message"].as_str().unwrap().contains("alias"), "{bomb}");
    assert!(bomb["start"]["line"].as_u64().unwrap() >= 3);
    let deep = find("deep.yaml", "E002");
    assert_eq!(deep["start"]["line"], 3);
    let utf8 = find("utf8/Dockerfile", "E004");
    assert_eq!((utf8["start"]["line"].as_u64(), utf8["start"]["offset"].as_u64()), (Some(2), Some(17)));
    let nul = find("nul/Dockerfile", "E004");
    assert_eq!(nul["start"]["line"], 2);
    // An empty Dockerfile has no stage: nothing to report, and no crash.
    assert!(diags.iter().all(|d| d["path"] != "empty/Dockerfile"));
}

#[cfg(unix)]
#[test]
fn fifos_symlink_loops_and_oversized_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    assert!(Command::new("mkfifo").arg(p.join("pipe.yaml")).status().unwrap().success());
    std::os::unix::fs::symlink("loop.yaml", p.join("loop.yaml")).unwrap();
    std::os::unix::fs::symlink(".", p.join("self")).unwrap();
    write(p, "big/Dockerfile", "FROM alpine:3.20\n".repeat(100));
    let out = caulk(&["check", ".", "--format", "json", "--max-file-size", "1000"], p);
    let v = json(&out);
    let msgs: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {}",
                d["code"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert!(msgs.iter().any(|m| m.starts_with("E004 pipe.yaml") && m.contains("FIFO")), "{msgs:#?}");
    assert!(msgs.iter().any(|m| m.starts_with("E004 big/Dockerfile") && m.contains("limit")), "{msgs:#?}");
    // The looping link is reported, never followed; the directory loop `self -> .` is not walked.
    assert!(msgs.iter().any(|m| m.starts_with("E004 loop.yaml") && m.contains("symbolic link")), "{msgs:#?}");
    assert!(msgs.iter().all(|m| !m.contains("self/")), "{msgs:#?}");
    assert_eq!(out.status.code(), Some(1));
    // A FIFO named explicitly is reported, not read (which would block).
    let out = caulk(&["check", "pipe.yaml", "--format", "json"], p);
    assert!(codes(&json(&out)).contains(&"E004".to_string()));
}

#[test]
fn every_format_renders() {
    let input = b"FROM alpine:3.20\nUSER root\n";
    for (format, check) in [
        ("human", "DF101"),
        ("concise", "Dockerfile:2:1: DF101"),
        ("sarif", "\"2.1.0\""),
        ("github", "::error file=Dockerfile,line=2"),
    ] {
        let out = caulk_stdin(&["check", "-", "--stdin-filename", "Dockerfile", "--format", format], input);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(check), "{format}: {text}");
    }
}

#[test]
fn fix_writes_atomically_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Dockerfile", "FROM alpine:3.20\n# keep me\nCMD [\"sh\"]\n");
    let out = caulk(&["check", ".", "--fix", "--unsafe-fixes"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let fixed = std::fs::read_to_string(dir.path().join("Dockerfile")).unwrap();
    assert_eq!(fixed, "FROM alpine:3.20\n# keep me\nUSER 10001\nCMD [\"sh\"]\n");
    // Safe mode alone does not apply the unsafe fix.
    write(dir.path(), "Dockerfile", "FROM alpine:3.20\n");
    assert_eq!(caulk(&["check", ".", "--fix"], dir.path()).status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(dir.path().join("Dockerfile")).unwrap(), "FROM alpine:3.20\n");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn rule_and_rules_commands() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for key in ["DF101", "df101", "DL3002"] {
        let out = caulk(&["rule", key], root);
        assert_eq!(out.status.code(), Some(0));
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("DF101 run-as-root"), "{key}");
    }
    // A name shared by each format's rule shows all of them.
    let text = String::from_utf8(caulk(&["rule", "run-as-root"], root).stdout).unwrap();
    for code in ["DC101 run-as-root", "DF101 run-as-root", "K8S101 run-as-root"] {
        assert!(text.contains(code), "{code}");
    }
    assert_eq!(caulk(&["rule", "NOPE"], root).status.code(), Some(2));
    let out = caulk(&["rules", "--format", "json"], root);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let k8s = v.as_array().unwrap().iter().find(|r| r["code"] == "K8S101").unwrap();
    for key in ["code", "name", "domain", "category", "severity", "fix", "aliases"] {
        assert!(k8s.get(key).is_some(), "{key}");
    }
    assert_eq!(k8s["domain"], "kubernetes");
}

#[test]
fn yaml_suppressions_annotations_and_ignore_entries() {
    let dir = tempfile::tempdir().unwrap();
    let pod = |name: &str, extra_meta: &str, container_comment: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n{extra_meta}spec:\n  containers:\n    - name: app {container_comment}\n      image: app:1\n      resources: {{limits: {{cpu: 100m, memory: 64Mi}}}}\n"
        )
    };
    // Trailing comment on the finding's line; own-line comment above; annotation; [[ignore]].
    write(dir.path(), "a.yaml", pod("a", "", "# caulk: ignore[K8S101, K8S102]"));
    write(
        dir.path(),
        "b.yaml",
        pod("b", "", "").replace("    - name: app", "    # caulk: ignore[run-as-root]\n    - name: app"),
    );
    write(
        dir.path(),
        "c.yaml",
        pod("c", "  annotations:\n    caulk.dev/ignore: \"K8S101, missing-security-context, K8S999\"\n", ""),
    );
    write(dir.path(), "d.yaml", pod("d", "", ""));
    write(dir.path(), "e.yaml", format!("# caulk: ignore-file[K8S102]\n{}", pod("e", "", "")));
    write(
        dir.path(),
        "caulk.toml",
        "[[ignore]]\nrule = \"K8S101\"\nobject = \"Pod/d\"\nreason = \"legacy\"\n\n[[ignore]]\nrule = \"K8S102\"\npaths = [\"d.yaml\"]\nexpires = \"2001-01-01\"\n",
    );
    // Other Kubernetes rules report these pods too; they are not what is tested.
    let v = json(&caulk(&["check", ".", "--format", "json", "--select", "K8S101,K8S102,E100"], dir.path()));
    let mut found: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}:{}", d["code"].as_str().unwrap(), d["path"].as_str().unwrap(), d["start"]["line"]))
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            // b: only run-as-root is suppressed.
            "E100 c.yaml:6".to_string(), // K8S999 is no rule
            "K8S101 e.yaml:8".to_string(),
            "K8S102 b.yaml:8".to_string(),
            // d: the expired entry no longer hides K8S102; the object entry hides K8S101.
            "K8S102 d.yaml:7".to_string(),
        ]
    );
}

#[test]
fn statistics_and_empty_runs() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/Dockerfile", "FROM alpine\n");
    write(dir.path(), "b/Dockerfile", "FROM alpine\n");
    let out = caulk(&["check", ".", "--format", "concise", "--statistics"], dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().any(|l| l.split_whitespace().collect::<Vec<_>>()[..2] == ["2", "DF101"]), "{text}");
    let empty = tempfile::tempdir().unwrap();
    write(empty.path(), "notes.txt", "nothing here");
    let out = caulk(&["check", "."], empty.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no Dockerfile"));
}

/// A secret value a rule reports in a Dockerfile (a credential on a command line, a password hash,
/// a secret-named ENV, a provider token in a comment) appears in no output format, code frames
/// included.
#[test]
fn dockerfile_secrets_are_redacted_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let secrets = ["hunter2hunter2", "s3cr3tvalue99", "ZXhhbXBsZWhhc2g", "9Lp2Wq7Rt4Zs1Vb6Nc3Kd8Hf5Jg0Wy2Ea7U3"];
    write(
        dir.path(),
        "Dockerfile",
        format!(
            "FROM alpine:3.20\nENV DB_PASSWORD={}\nRUN curl -fsSL -u me:{} https://x.example/a -o /a\n\
             RUN useradd -p '{}' app\n# ghp_{}\nUSER 10001\n",
            secrets[0], secrets[1], secrets[2], secrets[3]
        ),
    );
    for format in caulk::report::Format::NAMES {
        let out = caulk(&["check", ".", "--format", format, "--color", "never"], dir.path());
        let text = String::from_utf8_lossy(&out.stdout);
        let codes = ["DF202", "DF201", "DF103", "SEC201"];
        let found = reported(format, &text);
        assert!(codes.iter().all(|c| found.contains(c)), "{format}: {text}");
        for s in secrets {
            assert!(!text.contains(s), "{format} shows the secret {s}:\n{text}");
        }
    }
}

/// Values the name-and-value rules report (a generated password, a default, a key in a Secret's
/// base64 data) appear in no output format, in Compose, `.env` and manifest files alike.
#[test]
fn assigned_secrets_are_redacted_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let secrets = ["Kq8vL2mZx9Tr", "whalehello", "Zr7wq2Lk9PxV4mB", "Vq3nT8wLp2Rx"];
    write(
        dir.path(),
        "compose.yaml",
        format!(
            "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: {}\n      \
             ADMIN_PASSWORD: {}\n",
            secrets[0], secrets[1]
        ),
    );
    write(dir.path(), ".env", format!("API_TOKEN={}\n", secrets[2]));
    let encoded = "VnEzblQ4d0xwMlJ4"; // base64 of secrets[3]
    write(
        dir.path(),
        "secret.yaml",
        format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: {encoded}\n"),
    );
    for format in caulk::report::Format::NAMES {
        let out = caulk(&["check", ".", "--format", format, "--color", "never"], dir.path());
        let text = String::from_utf8_lossy(&out.stdout);
        let found = reported(format, &text);
        assert!(["SEC203", "SEC204", "SEC202"].iter().all(|c| found.contains(c)), "{format}: {text}");
        assert!(found.matches("SEC203").count() >= 3, "{format}: {text}");
        for s in secrets.iter().chain([&encoded]) {
            assert!(!text.contains(s), "{format} shows the secret {s}:\n{text}");
        }
    }
}

/// What a report says was found: its text, or for SARIF (whose rule list names every rule) the
/// `ruleId` of each result.
fn reported(format: &str, text: &str) -> String {
    if format != "sarif" {
        return text.to_string();
    }
    let sarif: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let results = sarif["runs"][0]["results"].as_array().cloned().unwrap_or_default();
    results.iter().filter_map(|r| r["ruleId"].as_str()).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_compose_file_named_alone_is_judged_with_its_override_and_bases() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  web:\n    extends: {file: common/base.yaml, service: hardened}\n  db:\n    image: postgres:17\n",
    );
    write(dir.path(), "compose.override.yaml", "services:\n  db:\n    user: \"999\"\n    privileged: true\n");
    write(dir.path(), "common/base.yaml", "services:\n  hardened:\n    image: nginx:1.27\n    user: \"10001\"\n");
    let run = |args: &[&str]| {
        json(&caulk(&[&["check", "--format", "json", "--select", "DC101,DC102"], args].concat(), dir.path()))
    };
    // `web` gets its user from the base and `db` from the override: no DC101, and nothing is
    // reported in the files read only as context (the override's `privileged` is its own).
    let alone = run(&["compose.yaml"]);
    assert_eq!(codes(&alone), Vec::<String>::new(), "{alone}");
    assert_eq!(alone["summary"]["files"], 1);
    // Named, the override is reported as usual.
    let both = run(&["compose.yaml", "compose.override.yaml"]);
    assert_eq!(codes(&both), ["DC102"]);
    assert_eq!(both["diagnostics"][0]["path"], "compose.override.yaml");
    // Without the context files, the same file has two services without a user.
    std::fs::remove_file(dir.path().join("compose.override.yaml")).unwrap();
    std::fs::remove_file(dir.path().join("common/base.yaml")).unwrap();
    assert_eq!(codes(&run(&["compose.yaml"])), ["DC101"]);
}

#[test]
fn a_manifest_named_alone_is_judged_with_the_rest_of_its_repository() {
    let dir = tempfile::tempdir().unwrap();
    let deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  \
                  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      \
                  serviceAccountName: web\n      containers: [{name: web, image: \"nginx:1.27\"}]\n";
    write(dir.path(), "k8s/deploy.yaml", deploy);
    write(
        dir.path(),
        "policies/deny.yaml",
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec:\n  \
         podSelector: {}\n  policyTypes: [Ingress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n\
         metadata: {name: stale, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: gone}}\n---\n\
         apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: other, namespace: shop}\n",
    );
    let run = |args: &[&str]| {
        json(&caulk(&[&["check", "--format", "json", "--select", "K8S420,K8S423,K8S428"], args].concat(), dir.path()))
    };
    let placed = |v: &Value| -> Vec<String> {
        v["diagnostics"].as_array().unwrap().iter().map(|d| format!("{} {}", d["code"], d["path"])).collect()
    };
    let web = |code: &str| format!("\"{code}\" \"k8s/deploy.yaml\"");
    // No repository: the file is judged alone (no policy in `shop`, no account to compare with).
    assert_eq!(placed(&run(&["k8s/deploy.yaml"])), [web("K8S420")]);
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    // In a repository, as the pre-commit hook names it: the policies and accounts beside it
    // count (isolated; `web` is not among the namespace's accounts), and the stale policy is
    // not reported (its file was not named).
    let named = run(&["k8s/deploy.yaml"]);
    assert_eq!(placed(&named), [web("K8S428")], "{named}");
    assert_eq!(named["summary"]["files"], 1);
    // A directory named is judged as the project it is.
    assert_eq!(placed(&run(&["k8s"])), [web("K8S420")]);
    // The repository's own run reports the stale policy too.
    assert_eq!(placed(&run(&["."])), [web("K8S428"), "\"K8S423\" \"policies/deny.yaml\"".to_string()]);
    // Fixing the named file writes nothing into the files read beside it.
    let policies = std::fs::read(dir.path().join("policies/deny.yaml")).unwrap();
    run(&["k8s/deploy.yaml", "--fix", "--unsafe-fixes"]);
    assert_eq!(std::fs::read(dir.path().join("policies/deny.yaml")).unwrap(), policies);
    assert_eq!(std::fs::read_to_string(dir.path().join("k8s/deploy.yaml")).unwrap(), deploy);
    write(dir.path(), "caulk.toml", "[kubernetes]\nrepository-context = false\n");
    assert_eq!(placed(&run(&["k8s/deploy.yaml"])), [web("K8S420")]);
}

#[test]
fn images_in_the_config_link_a_pod_to_its_dockerfile() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "caulk.toml", "[images]\n\"ghcr.io/acme/web\" = \"services/web/Dockerfile\"\n");
    write(dir.path(), "services/web/Dockerfile", "FROM alpine:3.20\nUSER app\n");
    write(
        dir.path(),
        "deploy/web.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  securityContext: {runAsNonRoot: true}\n  \
         containers: [{name: web, image: \"ghcr.io/acme/web:1.2\"}]\n",
    );
    let v = json(&caulk(&["check", ".", "--select", "K8S430", "--format", "json"], dir.path()));
    assert_eq!(codes(&v), ["K8S430"], "{v}");
    assert_eq!(v["diagnostics"][0]["path"], "deploy/web.yaml");
    // Without the link the pod's image has no known Dockerfile.
    write(dir.path(), "caulk.toml", "");
    assert_eq!(
        codes(&json(&caulk(&["check", ".", "--select", "K8S430", "--format", "json"], dir.path()))),
        Vec::<String>::new()
    );
}
