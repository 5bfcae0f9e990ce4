//! SEC202: a Kubernetes `Secret` whose `data` or `stringData` holds literal values in the file.

use super::base64::decode;
use super::value::{Judgement, judge};
use crate::model::kubernetes::{Object, is_templated, string_entries};
use crate::rules::{Context, Rule};
use crate::syntax::yaml::NodeRef;

pub struct CommittedSecret;

impl Rule for CommittedSecret {
    fn code(&self) -> &'static str {
        "SEC202"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        if object.kind != "Secret" || !object.group().is_empty() || sops_encrypted(object) {
            return;
        }
        for field in ["data", "stringData"] {
            let Some((key, map)) = object.root.entry(field) else { continue };
            let encoded = field == "data";
            let literal =
                string_entries(Some(map)).filter(|(k, v)| !is_descriptive(k) && is_literal(*v, encoded)).count();
            if literal == 0 {
                continue;
            }
            let name = object.display_name();
            let values = if literal == 1 { "1 literal value".to_string() } else { format!("{literal} literal values") };
            let d = cx.diag(key.span(), format!("{name} commits {values} in `{field}`")).with_help(
                "keep Secrets out of the repository: create them in the cluster, or commit them encrypted \
                     (SealedSecret, SOPS) or as a reference to a secret store (ExternalSecret)",
            );
            cx.emit(d);
            // One finding per Secret.
            return;
        }
    }
}

/// A value written out, decoded when `data` holds it: not empty, templated, SOPS ciphertext or a
/// placeholder (`<username>`, `...base64 encoded data...`, `SECRET_PASSWORD`, `my-password`).
fn is_literal(v: NodeRef<'_>, encoded: bool) -> bool {
    let Some(text) = v.str() else { return false };
    let decoded = if encoded { decode(text).and_then(|b| String::from_utf8(b).ok()) } else { None };
    let text = decoded.as_deref().unwrap_or(text).trim();
    if text.contains("-----BEGIN") {
        // A PEM block with key material, not `...` between its lines.
        let material = text.lines().filter(|l| !l.trim_start().starts_with("-----")).flat_map(|l| l.bytes());
        return material.filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/')).count() >= 64;
    }
    if text.contains('\n') || text.starts_with('{') || text.len() > 128 {
        // A file (a certificate, a configuration, a `.dockercfg`): literal unless templated.
        return !is_templated(text);
    }
    matches!(judge(text), Judgement::Credential | Judgement::Weak)
}

/// Keys that describe the credential rather than hold it (`url`, `type`, `username` of an Argo CD
/// repository Secret, `apiAddress`); compared lower-case without separators.
fn is_descriptive(key: &str) -> bool {
    const WORDS: [&str; 10] =
        ["url", "type", "name", "project", "user", "username", "email", "host", "address", "port"];
    const FLAGS: [&str; 3] = ["insecure", "enablelfs", "enableoci"];
    let squashed: String = key.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    WORDS.iter().any(|w| squashed.ends_with(w)) || FLAGS.contains(&squashed.as_str())
}

/// A SOPS-encrypted file keeps its metadata in a top-level `sops:` key.
fn sops_encrypted(object: &Object<'_>) -> bool {
    object.root.get("sops").is_some_and(|s| s.is_mapping())
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    fn secret(body: &str) -> String {
        format!("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\n{body}")
    }

    #[test]
    fn one_finding_per_secret_on_its_data_key() {
        let both = secret("data:\n  password: aHVudGVyMg==\nstringData:\n  token: app\n");
        assert_eq!(k8s_spans("SEC202", &both), ["data"]);
        assert_eq!(k8s_spans("SEC202", &secret("stringData:\n  token: app\n")), ["stringData"]);
        // A user name alone is no secret.
        assert!(k8s_spans("SEC202", &secret("stringData:\n  user: app\n")).is_empty());
    }

    #[test]
    fn empty_templated_encrypted_and_other_kinds_are_silent() {
        for quiet in [
            secret("data: {}\n"),
            secret("data:\n  password: \"\"\n"),
            secret("data:\n  password: '{{ .Values.password | b64enc }}'\n"),
            secret("stringData:\n  username: <username>\n  password: <password>\n"),
            secret("stringData:\n  password: my-password\n  token: SECRET_TOKEN\n"),
            secret("data:\n  dhparam.pem: \"...base64 encoded data...\"\n"),
            secret("stringData:\n  url: https://github.com/acme/app\n  type: git\n  sshPrivateKey: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    ...\n    -----END OPENSSH PRIVATE KEY-----\n"),
            secret("stringData:\n  password: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\nsops:\n  version: 3.8.1\n"),
            "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: db}\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA==\n".to_string(),
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n  annotations: {kubernetes.io/service-account.name: ci}\ntype: kubernetes.io/service-account-token\n".to_string(),
        ] {
            assert!(k8s_spans("SEC202", &quiet).is_empty(), "{quiet}");
        }
    }
}
