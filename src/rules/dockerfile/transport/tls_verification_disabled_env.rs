//! DF323: an `ENV` (or an `ARG` with a default) that turns off TLS certificate verification for a
//! tool that reads it from the environment.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct TlsVerificationDisabledEnv;

/// When a variable's value disables verification.
#[derive(Clone, Copy)]
enum Disables {
    /// This exact value.
    Value(&'static str),
    /// Any of these values, case-insensitively.
    AnyOf(&'static [&'static str]),
    /// Set at all, whatever the value (even empty or `false`).
    Set,
    /// Any non-empty value (a list of hosts or patterns).
    NonEmpty,
    /// A value that contains one of these options.
    Contains(&'static [&'static str]),
}

/// (variable, when, what it disables). Each one is documented by its tool.
const VARIABLES: &[(&str, Disables, &str)] = &[
    (
        "NODE_TLS_REJECT_UNAUTHORIZED",
        Disables::Value("0"),
        "certificate verification for every TLS connection of Node.js",
    ),
    (
        "PYTHONHTTPSVERIFY",
        Disables::Value("0"),
        "certificate verification of Python's HTTPS clients (PEP 493, Python 2.7.12+)",
    ),
    (
        "GIT_SSL_NO_VERIFY",
        Disables::Set,
        "Git's certificate verification over HTTPS (Git only checks that the variable is set)",
    ),
    ("NPM_CONFIG_STRICT_SSL", Disables::AnyOf(&["false"]), "npm's certificate verification of the registry"),
    ("YARN_ENABLE_STRICT_SSL", Disables::AnyOf(&["false", "0"]), "Yarn's certificate verification of the registry"),
    ("PIP_TRUSTED_HOST", Disables::NonEmpty, "pip's HTTPS certificate checks for the listed hosts"),
    ("UV_INSECURE_HOST", Disables::NonEmpty, "uv's certificate verification for the listed hosts"),
    ("GOINSECURE", Disables::NonEmpty, "certificate checks (and HTTPS) when Go fetches the matching modules"),
    ("BUNDLE_SSL_VERIFY_MODE", Disables::Value("0"), "Bundler's certificate verification (0 is OpenSSL's VERIFY_NONE)"),
    ("CONDA_SSL_VERIFY", Disables::AnyOf(&["false"]), "conda's certificate verification"),
    (
        "MAVEN_OPTS",
        Disables::Contains(&["-Dmaven.wagon.http.ssl.insecure=true", "-Daether.connector.https.securityMode=insecure"]),
        "Maven's certificate verification of repositories",
    ),
];

impl Rule for TlsVerificationDisabledEnv {
    fn code(&self) -> &'static str {
        "DF323"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            for (at, instr) in stage.instructions.iter().enumerate() {
                if !matches!(instr.kind, InstructionKind::Env | InstructionKind::Arg) {
                    continue;
                }
                // Pairs of one instruction see the variables as they were before it, as in Docker.
                let scope = file.scope_at(stage, at);
                for kv in instr.key_values(file.ast.escape) {
                    // An ARG without a default is unset unless the build passes it; never guessed.
                    let Some(raw) = kv.value.as_ref() else { continue };
                    let Some(value) = scope.expand(&raw.text) else { continue };
                    let Some(what) = disabled_by(&kv.key.text, &value) else { continue };
                    let d = cx.diag(kv.span, format!("`{}={value}` disables {what}", kv.key.text)).with_help(
                        "remove it, and make the certificate trusted instead: copy the CA certificate into the \
                             image and register it (`update-ca-certificates`, or the tool's own CA option such as \
                             `NODE_EXTRA_CA_CERTS`, `PIP_CERT`, `GIT_SSL_CAINFO`)",
                    );
                    cx.emit(d);
                }
            }
        }
    }
}

/// What setting `name` to `value` disables, if anything. npm reads `npm_config_*` in any case
/// and with `-` or `_`.
fn disabled_by(name: &str, value: &str) -> Option<&'static str> {
    let npm_normalized = name.to_ascii_uppercase().replace('-', "_");
    let key = if npm_normalized.starts_with("NPM_CONFIG_") { npm_normalized.as_str() } else { name };
    let &(_, when, what) = VARIABLES.iter().find(|(v, _, _)| *v == key)?;
    let hit = match when {
        Disables::Value(v) => value == v,
        Disables::AnyOf(vs) => vs.iter().any(|v| value.eq_ignore_ascii_case(v)),
        Disables::Set => true,
        Disables::NonEmpty => !value.trim().is_empty(),
        Disables::Contains(opts) => value.split_whitespace().any(|w| opts.contains(&w)),
    };
    hit.then_some(what)
}

#[cfg(test)]
mod tests {
    use super::disabled_by;
    use crate::rules::testing::findings;

    #[test]
    fn values_that_disable() {
        assert!(disabled_by("NODE_TLS_REJECT_UNAUTHORIZED", "0").is_some());
        assert!(disabled_by("NODE_TLS_REJECT_UNAUTHORIZED", "1").is_none());
        assert!(disabled_by("GIT_SSL_NO_VERIFY", "false").is_some());
        assert!(disabled_by("GIT_SSL_NO_VERIFY", "").is_some());
        assert!(disabled_by("npm_config_strict_ssl", "false").is_some());
        assert!(disabled_by("npm_config_strict-ssl", "false").is_some());
        assert!(disabled_by("NPM_CONFIG_STRICT_SSL", "true").is_none());
        assert!(disabled_by("PIP_TRUSTED_HOST", "").is_none());
        assert!(disabled_by("PIP_TRUSTED_HOST", "pypi.internal").is_some());
        assert!(disabled_by("pip_trusted_host", "pypi.internal").is_none());
        assert!(disabled_by("MAVEN_OPTS", "-Xmx1g -Dmaven.wagon.http.ssl.insecure=true").is_some());
        assert!(disabled_by("MAVEN_OPTS", "-Xmx1g").is_none());
        assert!(disabled_by("PYTHONHTTPSVERIFY", "1").is_none());
    }

    #[test]
    fn env_and_arg_defaults() {
        let src = "FROM node:22\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nARG GIT_SSL_NO_VERIFY\nARG V=0\n\
                   ENV PYTHONHTTPSVERIFY=$V\nENV GIT_SSL_NO_VERIFY true\nENV NODE_TLS_REJECT_UNAUTHORIZED=$UNKNOWN\n";
        let got = findings("DF323", src);
        assert_eq!(
            got,
            vec![
                (
                    "NODE_TLS_REJECT_UNAUTHORIZED=0".to_string(),
                    "`NODE_TLS_REJECT_UNAUTHORIZED=0` disables certificate verification for every TLS connection of Node.js".to_string()
                ),
                (
                    "PYTHONHTTPSVERIFY=$V".to_string(),
                    "`PYTHONHTTPSVERIFY=0` disables certificate verification of Python's HTTPS clients (PEP 493, Python 2.7.12+)".to_string()
                ),
                (
                    "GIT_SSL_NO_VERIFY true".to_string(),
                    "`GIT_SSL_NO_VERIFY=true` disables Git's certificate verification over HTTPS (Git only checks that the variable is set)".to_string()
                ),
            ]
        );
    }
}
