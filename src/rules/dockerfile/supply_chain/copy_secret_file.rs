//! DF316: `COPY`/`ADD` of a file whose name says it holds a secret (a private key, a
//! credentials file, a `.env`).

use super::sources::{SourceKind, sources};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct CopySecretFile;

impl Rule for CopySecretFile {
    fn code(&self) -> &'static str {
        "DF316"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            for (at, instr) in stage.instructions.iter().enumerate() {
                if !matches!(instr.kind, InstructionKind::Copy | InstructionKind::Add) {
                    continue;
                }
                for src in sources(file, stage, at, instr) {
                    if src.kind != Some(SourceKind::Path) {
                        continue;
                    }
                    let Some(what) = secret_kind(&src.text) else { continue };
                    let help = if what.contains("SSH") {
                        "a file copied into a layer stays in the image even if a later step deletes it; give the \
                         step that needs it `RUN --mount=type=ssh` (the build's SSH agent) instead, and list the file \
                         in `.dockerignore`"
                    } else {
                        "a file copied into a layer stays in the image even if a later step deletes it; give the \
                         step that needs it `RUN --mount=type=secret,id=<id>,target=<path>` instead (`docker build \
                         --secret id=<id>,src=<file>`), and list the file in `.dockerignore`"
                    };
                    let d = cx
                        .diag(src.word.span, format!("`{}` puts `{}` ({what}) into the image", instr.kind, src.text))
                        .with_help(help);
                    cx.emit(d);
                }
            }
        }
    }
}

/// What a path's name says it is, when that is a secret. Public material (`id_rsa.pub`,
/// `cert.pem`, `*.crt`, signing keys, `.env.example`) is not.
fn secret_kind(path: &str) -> Option<&'static str> {
    let lower = path.trim_end_matches('/').to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    if lower.ends_with(".docker/config.json") || name == ".dockercfg" {
        return Some("Docker registry credentials");
    }
    if lower.ends_with(".kube/config") || name == "kubeconfig" {
        return Some("a kubeconfig with cluster credentials");
    }
    if lower.ends_with(".aws/credentials") || name == ".aws" {
        return Some("AWS credentials");
    }
    let ssh_key = ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"].iter().any(|k| name.starts_with(k));
    if (ssh_key && !name.ends_with(".pub")) || name == ".ssh" {
        return Some("an SSH private key");
    }
    let fixed = match name {
        ".gnupg" => Some("a GnuPG home with private keys"),
        ".npmrc" => Some("an npm configuration, which usually holds a registry token"),
        ".pypirc" => Some("a PyPI configuration with upload credentials"),
        ".netrc" | "_netrc" => Some("a netrc file with login credentials"),
        ".git-credentials" => Some("stored Git credentials"),
        "credentials" | "credentials.json" => Some("a credentials file"),
        "secrets.yml" | "secrets.yaml" | "secrets.json" | "secrets.toml" => Some("a secrets file"),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    if name == ".env" || name.strip_prefix(".env.").is_some_and(|s| !is_template_suffix(s)) {
        return Some("an environment file, which usually holds secrets");
    }
    // Repository signing keys are often `*.key` files too (`nginx_signing.key`, `Release.key`).
    let public_hint = ["pub", "gpg", "pgp", "signing", "release"].iter().any(|h| name.contains(h));
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "key" if !public_hint => Some("a private key"),
        "pem" if (name.contains("key") || name.contains("priv")) && !name.contains("pub") => Some("a private key"),
        "ppk" => Some("a PuTTY private key"),
        "p12" | "pfx" => Some("a PKCS #12 bundle with a private key"),
        "jks" | "keystore" if !name.contains("trust") => Some("a Java keystore with private keys"),
        "kdbx" => Some("a KeePass database"),
        _ => None,
    }
}

/// `.env.example` and its kin are templates meant to be committed, without real values.
fn is_template_suffix(suffix: &str) -> bool {
    matches!(
        suffix,
        "example" | "sample" | "template" | "tmpl" | "tpl" | "dist" | "default" | "defaults" | "schema" | "in"
    )
}

#[cfg(test)]
mod tests {
    use super::secret_kind;
    use crate::rules::testing::findings;

    #[test]
    fn secret_names() {
        for secret in [
            "id_rsa",
            "/root/.ssh/id_ed25519",
            ".ssh/",
            "certs/server.key",
            "tls/key.pem",
            "privkey.pem",
            "sample-RSA-private.pem",
            "app.p12",
            ".env",
            ".env.production",
            "config/.npmrc",
            ".aws/credentials",
            "credentials.json",
            "home/.docker/config.json",
            "vault.kdbx",
            "*.key",
            "ca.key",
        ] {
            assert!(secret_kind(secret).is_some(), "{secret}");
        }
        for public in [
            "id_rsa.pub",
            "cert.pem",
            "fullchain.pem",
            "ca-certificates.pem",
            "sample-RSA-public.pem",
            "ca.crt",
            "nginx_signing.key",
            "repo.gpg.key",
            "public.key",
            ".env.example",
            ".env.sample",
            "meta.env",
            "*.pem",
            "truststore.jks",
            "config.json",
            "keys/",
            "docker-entrypoint.sh",
            ".envrc",
        ] {
            assert!(secret_kind(public).is_none(), "{public}");
        }
    }

    #[test]
    fn sources_only_not_destinations_or_urls() {
        let src = "FROM alpine:3\nCOPY id_rsa.pub /root/.ssh/id_rsa\nADD https://example.com/release.key /k\n\
                   COPY --from=build /root/.ssh/id_rsa /root/.ssh/\nCOPY . .\nCOPY .env* ./\nCOPY <<EOF .env\nA=1\nEOF\n";
        assert_eq!(
            findings("DF316", src),
            vec![(
                "/root/.ssh/id_rsa".to_string(),
                "`COPY` puts `/root/.ssh/id_rsa` (an SSH private key) into the image".to_string()
            )]
        );
    }
}
