//! K8S201: a secret written as a literal environment variable value (`env[].value`).

use crate::diagnostic::{Applicability, Edit, Fix, redact};
use crate::model::kubernetes::{Container, Object};
use crate::rules::secrets::names::{NameKind, classify};
use crate::rules::secrets::value::{is_credential, is_literal};
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::yaml::edit::{column, indent_step, is_flow, line_break};
use crate::syntax::yaml::{NodeRef, ScalarStyle, is_null_str, yaml11_bool};

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
                        // Placeholders and chosen defaults are SEC204's information findings.
                        NameKind::Secret if is_credential(value) => "a secret",
                        NameKind::Url if url_password(value) => "a URL with an embedded password",
                        _ => continue,
                    }
                };
                let mut d = cx
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
                if let Some(fix) = secret_ref_fix(cx.src, object, &c, env, name) {
                    d = d.with_fix(fix);
                }
                cx.emit(d);
            }
        }
    }
}

/// Replaces `value: <literal>` with a `valueFrom.secretKeyRef` to a Secret named after the
/// workload, in the entry's own style (block or flow, key quoting, indentation, line breaks).
/// Unsafe: that Secret does not exist until someone creates it, so the message says how.
fn secret_ref_fix(
    src: &str,
    object: &Object<'_>,
    container: &Container<'_>,
    env: NodeRef<'_>,
    var: &str,
) -> Option<Fix> {
    let (key, value) = env.entry("value")?;
    // An edit through an alias or a merged entry would rewrite the anchor, not this entry, and
    // removing an anchored value would leave its aliases dangling.
    let own = env.span().start <= key.span().start && value.span().end <= env.span().end;
    if !own || env.is_alias() || value.is_alias() || value.anchor().is_some() || env.get("valueFrom").is_some() {
        return None;
    }
    let workload = [object.name, container.name].into_iter().flatten().find(|n| is_dns_name(n))?;
    let secret = format!("{workload}-secrets");
    let secret_key = kebab(var)?;
    let q = match key.style() {
        Some(ScalarStyle::DoubleQuoted) => "\"",
        Some(ScalarStyle::SingleQuoted) => "'",
        _ => "",
    };
    let k = |s: &str| format!("{q}{s}{q}");
    let v = |s: &str| match q {
        "" if ambiguous(s) => format!("'{s}'"),
        _ => format!("{q}{s}{q}"),
    };
    let (value_from, key_ref, name_k, key_k) = (k("valueFrom"), k("secretKeyRef"), k("name"), k("key"));
    let (secret_v, key_v) = (v(&secret), v(&secret_key));
    let replacement = if is_flow(src, env) {
        format!("{value_from}: {{{key_ref}: {{{name_k}: {secret_v}, {key_k}: {key_v}}}}}")
    } else {
        let nl = line_break(src, key.span().start);
        let pad = " ".repeat(column(src, key.span().start));
        let step = " ".repeat(indent_step(src, object.root).unwrap_or(2));
        format!(
            "{value_from}:{nl}{pad}{step}{key_ref}:{nl}{pad}{step}{step}{name_k}: {secret_v}{nl}{pad}{step}{step}{key_k}: {key_v}"
        )
    };
    // A block scalar's span may end with its last line break, which stays.
    let written = src.get(key.span().start..value.span().end)?;
    let end = key.span().start + written.trim_end_matches(['\r', '\n']).len();
    let namespace = object.namespace.map_or(String::new(), |ns| format!(" -n {ns}"));
    Some(Fix {
        message: format!(
            "read `{var}` from key `{secret_key}` of Secret `{secret}` (create it first: `kubectl create secret \
             generic {secret}{namespace} --from-literal={secret_key}=...`)"
        ),
        applicability: Applicability::Unsafe,
        edits: vec![Edit { span: Span::new(key.span().start, end), replacement }],
    })
}

/// A name that `<name>-secrets` keeps a valid Secret name (a DNS subdomain); template
/// placeholders and the like are not.
fn is_dns_name(name: &str) -> bool {
    let edge_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    name.len() <= 245
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && edge_ok(name.chars().next())
        && edge_ok(name.chars().last())
}

/// The Secret key for a variable: its words in lower-kebab case (`DB_PASSWORD` → `db-password`,
/// `apiKey` → `api-key`, `AWSSecretKey` → `aws-secret-key`); `None` when it has no word.
fn kebab(name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j));
        let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
        // A hump: `aK`, `2K`, and `KSe` (the last capital of an acronym starts the next word).
        let hump = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase() || p.is_ascii_digit() || (p.is_ascii_uppercase() && next_lower)
            });
        if (hump || !c.is_ascii_alphanumeric()) && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    }
    let out = out.trim_end_matches('-');
    (!out.is_empty()).then(|| out.to_string())
}

/// A plain scalar a YAML 1.1 reader would not take as a string (`y`, `null`, `123`).
fn ambiguous(s: &str) -> bool {
    !s.starts_with(|c: char| c.is_ascii_lowercase()) || yaml11_bool(s).is_some() || is_null_str(s)
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
    use crate::diagnostic::Applicability;
    use crate::rules::testing::{k8s_diagnostics, k8s_fixed, k8s_spans, pod};
    use crate::syntax::yaml::{Limits, parse};

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

    /// `src` fixed to a fixpoint, checked to parse and to leave nothing for the rule to report.
    fn fixed_clean(src: &str) -> String {
        let out = k8s_fixed("K8S201", src);
        let tree = parse(&out, &Limits::default());
        assert!(tree.errors.is_empty(), "{:?}\n{out}", tree.errors);
        assert!(k8s_diagnostics("K8S201", &out).is_empty(), "still fires:\n{out}");
        assert_eq!(k8s_fixed("K8S201", &out), out, "a second pass changes nothing");
        out
    }

    #[test]
    fn block_value_becomes_a_secret_key_ref_and_keeps_its_comment() {
        let src = pod("containers:\n- name: app\n  env:\n  - name: DB_PASSWORD\n    value: hunter2hunter # rotate\n\
                       \x20 - name: LOG_LEVEL\n    value: debug\n");
        let d = &k8s_diagnostics("K8S201", &src)[0];
        let fix = d.fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert_eq!(
            fix.message,
            "read `DB_PASSWORD` from key `db-password` of Secret `web-secrets` (create it first: `kubectl create \
             secret generic web-secrets --from-literal=db-password=...`)"
        );
        assert!(fix.edits.iter().all(|e| !e.replacement.contains("hunter2")));
        let out = fixed_clean(&src);
        assert!(
            out.ends_with(
                "  - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: web-secrets\n\
                 \x20             key: db-password # rotate\n        - name: LOG_LEVEL\n          value: debug\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn flow_value_becomes_a_flow_secret_key_ref() {
        let src = pod("containers:\n- name: app\n  env:\n  - {name: apiKey, value: 'Wq2Lk9PxVz7r'}  # c\n");
        let out = fixed_clean(&src);
        assert!(
            out.ends_with("- {name: apiKey, valueFrom: {secretKeyRef: {name: web-secrets, key: api-key}}}  # c\n"),
            "{out}"
        );
    }

    #[test]
    fn json_keeps_its_quotes_and_a_namespace_reaches_the_message() {
        let src = r#"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "prod"},
 "spec": {"containers": [{"name": "a", "env": [{"name": "API_TOKEN", "value": "Zq8vL2mXk4Tr"}]}]}}
"#;
        let d = &k8s_diagnostics("K8S201", src)[0];
        assert!(d.fix.as_ref().is_some_and(|f| f.message.contains("generic p-secrets -n prod --from-literal")));
        let out = fixed_clean(src);
        assert!(out.contains(
            r#"{"name": "API_TOKEN", "valueFrom": {"secretKeyRef": {"name": "p-secrets", "key": "api-token"}}}"#
        ));
        assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok(), "{out}");
    }

    #[test]
    fn block_scalars_and_the_files_indent_step() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    containers:\n    - name: a\n      env:\n\
                   \x20     - name: TLS_KEY\n        value: |\n          -----BEGIN RSA PRIVATE KEY-----\n          MIIE\n\
                   \x20     - {name: X, value: y}\n";
        let out = fixed_clean(src);
        assert!(
            out.ends_with(
                "- name: TLS_KEY\n        valueFrom:\n            secretKeyRef:\n                name: p-secrets\n\
                 \x20               key: tls-key\n      - {name: X, value: y}\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn every_document_of_a_helm_stream_names_its_own_secret() {
        let doc = |name: &str| {
            format!(
                "# Source: app/templates/{name}.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n\
                 spec:\n  template:\n    spec:\n      containers:\n        - name: main\n          env:\n\
                 \x20           - name: REDIS_PASSWORD\n              value: \"Kq8vL2mZx9Tr\"\n"
            )
        };
        let src = format!("---\n{}---\n{}", doc("release-api"), doc("release-worker"));
        assert_eq!(k8s_diagnostics("K8S201", &src).len(), 2);
        let out = fixed_clean(&src);
        assert!(out.contains("name: release-api-secrets\n                  key: redis-password\n"), "{out}");
        assert!(out.contains("name: release-worker-secrets\n"), "{out}");
    }

    #[test]
    fn no_fix_without_a_usable_name_or_through_an_alias() {
        let unnamed = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: '{{ x }}'\n    env:\n\
                       \x20   - {name: DB_PASSWORD, value: hunter2hunter}\n";
        assert!(k8s_diagnostics("K8S201", unnamed)[0].fix.is_none());
        let container_named = unnamed.replace("'{{ x }}'", "db");
        assert!(fixed_clean(&container_named).contains("name: db-secrets"));
        let aliased = pod("containers:\n- name: a\n  env:\n  - &e {name: DB_PASSWORD, value: hunter2hunter}\n\
                           - name: b\n  env:\n  - *e\n");
        let diags = k8s_diagnostics("K8S201", &aliased);
        assert_eq!(diags.iter().filter(|d| d.fix.is_some()).count(), 1, "only the anchor is edited");
        fixed_clean(&aliased);
        let anchored_value = pod("containers:\n- name: a\n  env:\n  - {name: DB_PASSWORD, value: &pw hunter2hunter}\n\
                                  \x20 - {name: DB_PASS, value: *pw}\n");
        let diags = k8s_diagnostics("K8S201", &anchored_value);
        assert!(diags.len() == 2 && diags.iter().all(|d| d.fix.is_none()), "{diags:?}");
    }

    #[test]
    fn secret_keys_are_kebab_case() {
        for (var, key) in [
            ("DB_PASSWORD", "db-password"),
            ("apiKey", "api-key"),
            ("AWSSecretKey", "aws-secret-key"),
            ("OAUTH2_TOKEN", "oauth2-token"),
            ("s3.Token", "s3-token"),
            ("__TOKEN__", "token"),
        ] {
            assert_eq!(super::kebab(var).as_deref(), Some(key), "{var}");
        }
        assert_eq!(super::kebab("__"), None);
    }
}
