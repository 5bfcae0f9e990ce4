//! K8S201: a secret written as a literal environment variable value (`env[].value`).

use crate::diagnostic::redact;
use crate::model::kubernetes::Object;
use crate::rules::secrets::names::{NameKind, classify};
use crate::rules::secrets::value::is_literal;
use crate::rules::{Context, Rule};

pub struct SecretInEnvValue;

impl Rule for SecretInEnvValue {
    fn code(&self) -> &'static str {
        "K8S201"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        for c in pod.containers() {
            for env in c.list("env") {
                let Some(name) = env.get("name").and_then(|n| n.str()) else { continue };
                let Some(node) = env.get("value").filter(|v| v.is_scalar() && !v.is_null()) else { continue };
                let Some(value) = node.str().filter(|v| is_literal(v)) else { continue };
                let what = if is_private_key(value) {
                    "a private key"
                } else {
                    match classify(name) {
                        NameKind::Secret => "a secret",
                        NameKind::Url if url_password(value) => "a URL with an embedded password",
                        _ => continue,
                    }
                };
                let d = cx
                    .diag(
                        node.span(),
                        format!(
                            "`{name}` of {} of {} holds {what} as a literal value {}",
                            c.display_name(),
                            object.display_name(),
                            redact(value)
                        ),
                    )
                    .with_secret(node.span())
                    .with_help(format!(
                        "move the value into a Secret and read it with `valueFrom.secretKeyRef` (better: mount the \
                         Secret as a file); a literal value is visible to anyone who can read this {} or the \
                         repository, and is kept in its revision history",
                        object.kind
                    ));
                cx.emit(d);
            }
        }
    }
}

fn is_private_key(value: &str) -> bool {
    value.contains("-----BEGIN") && value.contains("PRIVATE KEY-----")
}

/// `scheme://user:password@host...` with a password that is written out.
fn url_password(value: &str) -> bool {
    let Some((_, rest)) = value.split_once("://") else { return false };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let Some((userinfo, _)) = authority.rsplit_once('@') else { return false };
    userinfo.split_once(':').is_some_and(|(_, password)| !password.is_empty() && password.chars().any(|c| c != '*'))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_diagnostics, k8s_spans, pod};

    #[test]
    fn literal_values_of_secret_names() {
        let src = pod("containers:\n\
                       - name: app\n  env:\n\
                       \x20 - {name: DB_PASSWORD, value: hunter2hunter}\n\
                       \x20 - {name: DB_PASSWORD_FILE, value: /run/secrets/db}\n\
                       \x20 - {name: API_TOKEN, valueFrom: {secretKeyRef: {name: s, key: k}}}\n\
                       \x20 - {name: JWT_SECRET, value: ''}\n\
                       \x20 - {name: ADMIN_PASSWORD, value: '$(BASE_PASSWORD)'}\n\
                       \x20 - {name: REDIS_PASSWORD, value: '{{ .Values.redis.password }}'}\n\
                       \x20 - {name: SMTP_PASS, value: '<your-password>'}\n\
                       \x20 - {name: TOKEN_AUTH, value: 'true'}\n\
                       \x20 - {name: GOOGLE_APPLICATION_CREDENTIALS, value: /var/secrets/google/key.json}\n\
                       \x20 - {name: DATABASE_URL, value: 'postgres://app:s3cr3t@db:5432/app'}\n\
                       \x20 - {name: CACHE_URL, value: 'redis://cache:6379/0'}\n\
                       \x20 - {name: MIRROR_URL, value: 'https://user@example.com/'}\n\
                       \x20 - {name: TLS_KEY, value: \"-----BEGIN RSA PRIVATE KEY-----\\nMIIE\"}\n\
                       \x20 - {name: SECRET_NAME, value: my-secret}\n\
                       \x20 - {name: GOOGLE_API_KEY, value: GOOGLE_API_KEY_VAL}\n");
        assert_eq!(
            k8s_spans("K8S201", &src),
            ["hunter2hunter", "'postgres://app:s3cr3t@db:5432/app'", "\"-----BEGIN RSA PRIVATE KEY-----\\nMIIE\""]
        );
        let d = &k8s_diagnostics("K8S201", &src)[0];
        assert_eq!(
            d.message,
            "`DB_PASSWORD` of container `app` of Deployment/web holds a secret as a literal value \"hunt…\" (13 chars)"
        );
        assert_eq!(d.secret, Some(d.span));
    }
}
