//! SEC204: a secret-looking name whose value is a placeholder or a guessable default, in a file
//! that looks like it is deployed (not an example, a test or a development setup).

use super::pairs::{Pair, PairRule};
use super::value::{Judgement, judge};
use crate::diagnostic::Diagnostic;
use crate::rules::Context;

pub static PLACEHOLDER_CREDENTIAL: PairRule = PairRule { code: "SEC204", finding };

/// Words of a path that say its files are not deployed as they are: prefixes (`examples`,
/// `testdata`, `.devcontainer`) and whole words (`docs`, `dev`, `local`).
const NOT_DEPLOYED_PREFIXES: [&str; 10] =
    ["example", "sample", "demo", "test", "fixture", "tutorial", "template", "mock", "devcontainer", "quickstart"];
const NOT_DEPLOYED_WORDS: [&str; 6] = ["e2e", "doc", "docs", "dev", "local", "playground"];

fn looks_deployed(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    !lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| NOT_DEPLOYED_PREFIXES.iter().any(|p| w.starts_with(p)) || NOT_DEPLOYED_WORDS.contains(&w))
}

fn finding(cx: &Context<'_>, pair: &Pair<'_>) -> Option<Diagnostic> {
    // `--disabled-password appuser`: a weak "value" after a space is as likely the next argument.
    if pair.spaced {
        return None;
    }
    let what = match judge(&pair.value) {
        Judgement::Placeholder => "a placeholder",
        Judgement::Weak => "a guessable default",
        Judgement::Reference | Judgement::Credential => return None,
    };
    if !looks_deployed(cx.path()) {
        return None;
    }
    let d = cx
        .diag(pair.span, format!("`{}` is set to {what}, which would be deployed as it is", pair.name))
        .with_secret(pair.span)
        .with_help(
            "leave the value out of the file and supply it at deploy time (a Secret, a Compose secret, an \
             interpolated variable); anyone can guess a default",
        );
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::looks_deployed;
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn container_variables_too() {
        let src = pod("containers:\n- name: db\n  env:\n  - {name: POSTGRES_PASSWORD, value: postgres}\n  \
                       - {name: API_TOKEN, value: <your-token>}\n  - {name: JWT_SECRET, value: Kq8vL2mZx9Tr}\n");
        assert_eq!(k8s_spans("SEC204", &src), ["postgres", "<your-token>"]);
        // The issued one is K8S201's, with its fix; neither rule reports the other's.
        assert_eq!(k8s_spans("K8S201", &src), ["Kq8vL2mZx9Tr"]);
        assert!(k8s_spans("SEC203", &src).is_empty());
    }

    #[test]
    fn deployed_paths() {
        for p in ["deploy/prod/values.yaml", "docker-compose.yml", "k8s/base/api.yaml", "devops/compose.yaml"] {
            assert!(looks_deployed(p), "{p}");
        }
        for p in [
            "examples/db/compose.yaml",
            "test/e2e/pod.yaml",
            ".devcontainer/docker-compose.yml",
            "docs/secret.yaml",
            "dev/.env",
        ] {
            assert!(!looks_deployed(p), "{p}");
        }
    }
}
