//! A container and the Dockerfile its image is built from, linked through the Compose service
//! that builds the image: what the kubelet does with `runAsNonRoot` and the image's `USER`.

use caulk::SourceFile;
use caulk::config::{Config, Options};

fn findings(files: &[(&str, &str)]) -> Vec<(String, String)> {
    let config = Config::new(Options { select: Some(vec!["K8S430".into(), "K8S431".into()]), ..Options::default() })
        .expect("config");
    let sources: Vec<SourceFile> = files.iter().map(|(p, t)| SourceFile::new(p, *t)).collect();
    let text = |path: &str| files.iter().find(|(p, _)| *p == path).map_or("", |(_, t)| *t);
    caulk::lint(&sources, &config)
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), format!("{}: {}", d.path, d.span.slice(text(&d.path)))))
        .collect()
}

const COMPOSE: &str = "services:\n  web:\n    image: ghcr.io/acme/web:dev\n    build: ./web\n  \
                       api:\n    image: ghcr.io/acme/api\n    build: {context: ./api, dockerfile: Containerfile}\n";

fn deployment(image: &str, security: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  selector: {{matchLabels: {{app: web}}}}\n  \
         template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      securityContext: {security}\n      \
         containers:\n        - name: c\n          image: {image}\n"
    )
}

#[test]
fn run_as_non_root_with_a_named_or_root_image_user() {
    let named = "FROM alpine:3.20\nRUN adduser -D app\nUSER app\n";
    let numeric = "FROM alpine:3.20\nUSER 10001:10001\n";
    let root = "FROM alpine:3.20\nUSER root\n";
    let k8s = deployment("ghcr.io/acme/web:1.4.2", "{runAsNonRoot: true}");
    let run = |dockerfile: &str| {
        findings(&[("compose.yaml", COMPOSE), ("web/Dockerfile", dockerfile), ("deploy/web.yaml", &k8s)])
    };
    let at = |code: &str| vec![(code.to_string(), "deploy/web.yaml: ghcr.io/acme/web:1.4.2".to_string())];
    assert_eq!(run(named), at("K8S430"));
    assert_eq!(run(root), at("K8S430"));
    assert_eq!(run(numeric), vec![]);
    // With a runAsUser the image's user does not run.
    let with_user = deployment("ghcr.io/acme/web:1.4.2", "{runAsNonRoot: true, runAsUser: 10001}");
    assert_eq!(
        findings(&[("compose.yaml", COMPOSE), ("web/Dockerfile", named), ("deploy/web.yaml", &with_user)]),
        vec![]
    );
}

#[test]
fn no_run_as_user_with_a_root_image() {
    let root = "FROM alpine:3.20\nUSER 0\n";
    let k8s = deployment("ghcr.io/acme/api:2.0@sha256:0123abcd", "{}");
    // `build.dockerfile` names the file, relative to the context.
    let got = findings(&[("compose.yaml", COMPOSE), ("api/Containerfile", root), ("k8s.yaml", &k8s)]);
    assert_eq!(got, vec![("K8S431".to_string(), "k8s.yaml: ghcr.io/acme/api:2.0@sha256:0123abcd".to_string())]);
    // An image no Compose service builds is not linked; nor is a Dockerfile without a USER
    // (it runs as its base image's user, which the run does not show).
    let other = deployment("docker.io/library/nginx:1.27", "{}");
    assert_eq!(findings(&[("compose.yaml", COMPOSE), ("api/Containerfile", root), ("k8s.yaml", &other)]), vec![]);
    let no_user = "FROM alpine:3.20\n";
    assert_eq!(findings(&[("compose.yaml", COMPOSE), ("api/Containerfile", no_user), ("k8s.yaml", &k8s)]), vec![]);
}

/// A Compose build of a `target` stage runs that stage's user, not the final stage's: the image
/// is not judged by the Dockerfile's end.
#[test]
fn a_build_of_a_target_stage_is_not_linked() {
    let dockerfile = "FROM alpine:3.20 AS prod\nUSER 10001\nFROM prod AS debug\nUSER root\n";
    let k8s = deployment("ghcr.io/acme/web:1.4.2", "{runAsNonRoot: true}");
    let compose = |build: &str| format!("services:\n  web:\n    image: ghcr.io/acme/web:dev\n    build: {build}\n");
    let run = |build: &str| {
        let compose = compose(build);
        findings(&[("compose.yaml", compose.as_str()), ("web/Dockerfile", dockerfile), ("deploy/web.yaml", &k8s)])
    };
    assert_eq!(run("{context: ./web, target: prod}"), vec![]);
    assert_eq!(run("./web").len(), 1, "the final stage runs as root");
}
