//! Real-corpus cases checked by hand, pinned as tests: for each, whether `code` fires in the
//! instruction that starts on `line` of the corpus file. The silent ones are where hadolint
//! reports and caulk, on purpose, does not (each explained in the rule's catalog entry); the
//! firing ones are findings hadolint misses. Skips when ../shared/corpus is absent.

mod common;

use caulk::span::LineIndex;
use caulk::syntax::dockerfile;

const CASES: &[(&str, &str, usize, bool)] = &[
    // `apt-get dist-clean` removes the lists (apt >= 2.7.8).
    ("docker-library__buildpack-deps__debian__forky__Dockerfile", "DF603", 9, false),
    // `apk add --no-network` fetches no index, so leaves no cache.
    ("docker-library__drupal__10.6__php8.3__fpm-alpine3.23__Dockerfile", "DF604", 11, false),
    // `apt-get install -s` is a simulation: it asks nothing and installs nothing.
    ("docker-library__postgres__18__bookworm__Dockerfile", "DF601", 94, false),
    // microdnf always assumes yes.
    ("docker-library__openjdk__27__oraclelinux10__Dockerfile", "DF608", 9, false),
    // `useradd -u $ARGOCD_USER_ID`: the UID is 999, not the length of the text.
    ("argoproj__argo-cd__Dockerfile", "DF617", 50, false),
    // A relative WORKDIR after an absolute one (BuildKit's WorkdirRelativePath).
    ("docker__buildx__hack__dockerfiles__lint.Dockerfile", "DF706", 56, false),
    // COPY to a relative path in a `FROM scratch` stage, whose directory is `/`.
    ("dotnet__dotnet-docker__samples__dotnetapp__Dockerfile.sdk-build", "DF707", 18, false),
    // `--from=gloursdocker/docker` is an image, not a stage.
    ("docker__awesome-compose__nginx-flask-mongo__flask__Dockerfile", "DF709", 26, false),
    // `--from=set` where the stage is `license-set`: a real bug (hadolint cannot parse the file).
    ("docker__compose__Dockerfile", "DF709", 147, true),
    // Windows users have no numeric form.
    ("adoptium__containers__11__jdk__windows__nanoserver-ltsc2022__Dockerfile", "DF120", 28, false),
    // `ARG USERNAME=vscode` names a user, not a secret.
    ("devcontainers__images__src__anaconda__.devcontainer__Dockerfile", "DF201", 15, false),
    // `set -eo pipefail;` in the script itself.
    ("docker__cli__dockerfiles__Dockerfile.shellcheck", "DF740", 5, false),
    // The pipe inside `sudo bash -c "..."`.
    ("microsoft__vscode-dev-containers__build__patch__2020-12-17__Dockerfile", "DF740", 42, true),
    // `yarn global add` without a version.
    ("dockersamples__example-voting-app__result__tests__Dockerfile", "DF333", 9, true),
    // `ONBUILD RUN curl https://install.meteor.com/ | sh`.
    ("kubernetes__examples___archived__meteor__dockerbase__Dockerfile", "DF310", 20, true),
    // `RUN apt-get update` alone, the next RUN installing from the cached index.
    ("kubernetes__examples___archived__storage__mysql-galera__image__Dockerfile", "DF690", 25, true),
];

#[test]
fn hand_checked_corpus_cases() {
    let Some(dir) = common::corpus("dockerfile") else {
        eprintln!("skipped: ../shared/corpus/dockerfile is absent");
        return;
    };
    let config = common::all_rules();
    let mut wrong = Vec::new();
    for &(file, code, line, fires) in CASES {
        let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
            wrong.push(format!("{file}: missing"));
            continue;
        };
        let idx = LineIndex::new(&text);
        let at = idx.line_start(line - 1);
        let ast = dockerfile::parse(&text);
        let Some(instr) = ast.instructions.iter().find(|i| i.span.start <= at && at <= i.span.end) else {
            wrong.push(format!("{file}:{line}: no instruction there"));
            continue;
        };
        let diags = common::lint_one("Dockerfile", &text, &config);
        let fired =
            diags.iter().any(|d| d.code == code && instr.span.start <= d.span.start && d.span.start <= instr.span.end);
        if fired != fires {
            wrong.push(format!("{file}:{line}: {code} {}", if fires { "did not fire" } else { "fired" }));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// SEC201 on the corpus, every finding and the look-alikes next to them checked by hand:
/// `(folder, file, line, fires)`.
const SECRET_CASES: &[(&str, &str, &str, usize, bool)] = &[
    // A demo database password in a URL: hardcoded all the same.
    ("SEC201", "compose", "docker__awesome-compose__wasmedge-mysql-nginx__compose.yml", 17, true),
    // A committed PKCS#8 private key of a sample JWT server.
    ("SEC201", "k8s", "istio__istio__samples__jwt-server__jwt-server.yaml", 65, true),
    // A GCP service-account key inside a base64 `.dockercfg` of a Secret (its JSON has `\n` escapes).
    ("SEC201", "k8s", "tektoncd__pipeline__examples__v1__taskruns__no-ci__pull-private-image.yaml", 27, true),
    // `postgres:postgres`: the image's default, not an issued credential.
    ("SEC201", "compose", "Haxxnet__Compose-Examples__examples__docuseal__docker-compose.yml", 8, false),
    // `${PG_USER:-linkwarden}:${PG_PASS:-linkwarden}@`: interpolated.
    ("SEC201", "compose", "Haxxnet__Compose-Examples__examples__linkwarden__docker-compose.yml", 7, false),
    // `smtp://user:pass@smtp` in a comment: a placeholder.
    ("SEC201", "compose", "Haxxnet__Compose-Examples__examples__rxresume__docker-compose-v4.yml", 83, false),
    // The certificate beside the key is public.
    ("SEC201", "k8s", "istio__istio__samples__jwt-server__jwt-server.yaml", 42, false),
    // A Secret whose `.dockercfg` (base64 JSON) holds a service-account key: committed data.
    ("SEC202", "k8s", "tektoncd__pipeline__examples__v1__taskruns__no-ci__pull-private-image.yaml", 20, true),
    // `ssh-privatekey: <private-key-for-repo1>`: a Secret to fill in, nothing committed.
    ("SEC202", "k8s", "tektoncd__pipeline__examples__v1__taskruns__no-ci__git-ssh-auth-multiple-repos.yaml", 26, false),
    // A generated RPC secret and a Django secret key, written into the services' environment.
    ("SEC203", "compose", "Haxxnet__Compose-Examples__examples__drone__docker-compose.yml", 20, true),
    ("SEC203", "compose", "Haxxnet__Compose-Examples__examples__paperless-ngx__docker-compose.yml", 54, true),
    // A random password in a test Secret's base64 `data`, judged decoded.
    ("SEC203", "helm-rendered", "tektoncd__pipeline__test__git-resolver__gitea.yaml", 33, true),
    // `%kernel.project_dir%/config/jwt/private.pem`: a Symfony parameter and a path.
    ("SEC203", "compose", "Haxxnet__Compose-Examples__examples__koillection__docker-compose.yml", 38, false),
    // `SUDO_PASSWORD_HASH= #optional`: empty, then a comment.
    ("SEC203", "compose", "Haxxnet__Compose-Examples__examples__code-server__docker-compose.yml", 12, false),
    // `<proxy password>`: a placeholder.
    ("SEC203", "compose", "Haxxnet__Compose-Examples__examples__whoogle__docker-compose.yml", 33, false),
    // `P4ssb0lt`: the application's name in leetspeak, a default someone chose.
    ("SEC203", "compose", "Haxxnet__Compose-Examples__examples__passbolt__docker-compose.yml", 14, false),
    // ... and no information finding either: the file is an example.
    ("SEC204", "compose", "Haxxnet__Compose-Examples__examples__passbolt__docker-compose.yml", 14, false),
    // The image's default password in a Compose file that is not marked as an example.
    ("SEC204", "compose", "docker__awesome-compose__gitea-postgres__compose.yaml", 9, true),
    // "has `automountServiceAccountToken: true`," in a CRD description: prose, and a boolean.
    (
        "SEC204",
        "k8s",
        "prometheus-operator__kube-prometheus__manifests__setup__0alertmanagerCustomResourceDefinition.yaml",
        2308,
        false,
    ),
    // `adduser --disabled-password \`: a flag without a value.
    ("SEC204", "dockerfile", "docker-library__haproxy__3.0__alpine__Dockerfile", 22, false),
];

#[test]
fn hand_checked_secret_cases() {
    let Some(root) = common::corpus("") else {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    };
    let config = common::all_rules();
    let mut wrong = Vec::new();
    for &(code, folder, file, line, fires) in SECRET_CASES {
        let Ok(text) = std::fs::read_to_string(root.join(folder).join(file)) else {
            wrong.push(format!("{file}: missing"));
            continue;
        };
        let idx = LineIndex::new(&text);
        let name = if folder == "dockerfile" { "Dockerfile" } else { file };
        let diags = common::lint_one(name, &text, &config);
        let fired = diags.iter().any(|d| d.code == code && idx.line_of(d.span.start) + 1 == line);
        if fired != fires {
            wrong.push(format!("{file}:{line}: {code} {}", if fires { "did not fire" } else { "fired" }));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
