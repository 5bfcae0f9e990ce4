//! What a variable's or key's name says it holds, shared by every rule that judges a secret by
//! its name. [`classify`] is caulk's test: a name is secret when its last word, or its last word
//! but a few that still name the value (`SECRET_KEY`, `PASSWORD_B64`), is a secret word.
//! [`buildkit_secret`] is BuildKit's, for the Dockerfile rule that matches BuildKit's check.

/// What a name says about its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// A password, token, key or credential (`DB_PASSWORD`, `apiKey`, `AWS_SECRET_ACCESS_KEY`).
    Secret,
    /// A URL or DSN (`DATABASE_URL`): secret only when it embeds a password.
    Url,
    Other,
}

/// Words that name a secret on their own.
const SECRET_WORDS: [&str; 16] = [
    "password",
    "passwd",
    "pwd",
    "pass",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "credential",
    "credentials",
    "creds",
    "privatekey",
    "accesskey",
    "secretkey",
    "clientsecret",
    "bearer",
];
/// Endings that name a secret inside one unseparated word (`azurestorageaccountkey`,
/// `adminpassword`); short words (`pass`, `key`) end too many others (`bypass`, `hotkey`).
const COMPOUND_ENDINGS: [&str; 8] =
    ["password", "passwd", "secret", "apikey", "accesskey", "secretkey", "accountkey", "privatekey"];
/// Words that make a following `key` a secret one (`API_KEY`, `PRIVATE_KEY`, `SIGNING_KEY`).
const KEY_KINDS: [&str; 10] =
    ["api", "private", "access", "signing", "encryption", "master", "hmac", "auth", "session", "license"];
/// Words after a secret word that still name its value (`PASSWORD_HASH`, `TOKEN_VALUE`, Rails'
/// `SECRET_KEY_BASE`), unlike `PASSWORD_FILE`, `TOKEN_TTL` or `SECRET_NAME`.
const VALUE_WORDS: [&str; 9] = ["key", "value", "b64", "base64", "hash", "plain", "plaintext", "raw", "base"];
/// Words that make a name about a secret rather than the secret.
const NOT_SECRET_WORDS: [&str; 14] = [
    "public", "existing", "checksum", "digest", "disable", "disabled", "enable", "enabled", "no", "allow", "require",
    "required", "skip", "generate",
];
const URL_WORDS: [&str; 4] = ["url", "uri", "dsn", "href"];

pub fn classify(name: &str) -> NameKind {
    let words = words(name);
    // `PUBLIC_KEY`, `existingSecret` (a Helm chart's reference), `checksum/secret` (a hash of it),
    // `--disabled-password` and `ENABLE_TOKEN` (settings about one).
    if words.iter().any(|w| NOT_SECRET_WORDS.contains(&w.as_str())) {
        return NameKind::Other;
    }
    // The last word that does not merely name the value (`_HASH`, `_KEY`) says what it is.
    let secret = words.iter().rposition(|w| !VALUE_WORDS.contains(&w.as_str())).is_some_and(|i| {
        let w = words[i].as_str();
        SECRET_WORDS.contains(&w)
            || (KEY_KINDS.contains(&w) && words.get(i + 1).is_some_and(|n| n == "key"))
            || COMPOUND_ENDINGS.iter().any(|e| w.len() > e.len() && w.ends_with(e))
    });
    if secret {
        NameKind::Secret
    } else if words.last().is_some_and(|w| URL_WORDS.contains(&w.as_str())) {
        NameKind::Url
    } else {
        NameKind::Other
    }
}

/// Lower-case words of a name: split at `_`, `-`, `.`, and camelCase humps; digits that end a
/// word are dropped (`PASSWORD2`, `TOKEN_2`), except in value words (`B64`).
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            out.push(std::mem::take(&mut cur));
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    out.push(cur);
    out.into_iter()
        .map(|w| {
            if VALUE_WORDS.contains(&w.as_str()) {
                w
            } else {
                w.trim_end_matches(|c: char| c.is_ascii_digit()).to_string()
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// BuildKit's tokens: a name matches when one of its `_`-separated parts is one of these
/// (case-insensitively), as in `(?i)(?:_|^)(?:apikey|auth|...)(?:_|$)`.
const SECRET_TOKENS: [&str; 10] =
    ["apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"];
/// BuildKit's allow list: a name with one of these parts is not reported (`PUBLIC_KEY`,
/// `PASSWORD_FILE`, `TOKEN_VERSION`).
const ALLOW_TOKENS: [&str; 3] = ["public", "file", "version"];

/// BuildKit's SecretsUsedInArgOrEnv test for an `ARG`/`ENV` name, with one departure (below).
pub fn buildkit_secret(name: &str) -> bool {
    let parts: Vec<String> = name.split('_').map(str::to_ascii_lowercase).collect();
    let has = |set: &[&str]| parts.iter().any(|p| set.contains(&p.as_str()));
    has(&SECRET_TOKENS) && !has(&ALLOW_TOKENS) && !names_signing_key(&parts)
}

/// caulk's one departure from BuildKit: `GPG_KEY`, `PGP_KEY` (as in the official `python`
/// images) hold the fingerprint of the key that verifies a download, which is public. A name
/// that also says `private` or matches another secret part (`GPG_SECRET_KEY`) is still reported.
fn names_signing_key(parts: &[String]) -> bool {
    let matched: Vec<&String> = parts.iter().filter(|p| SECRET_TOKENS.contains(&p.as_str())).collect();
    parts.iter().any(|p| matches!(p.as_str(), "gpg" | "pgp" | "gnupg"))
        && matched.iter().all(|p| p.as_str() == "key")
        && !parts.iter().any(|p| p == "private")
}

#[cfg(test)]
mod tests {
    use super::{NameKind, buildkit_secret, classify};

    #[test]
    fn secret_names() {
        for name in [
            "DB_PASSWORD",
            "POSTGRES_PASSWORD",
            "MYSQL_ROOT_PASSWORD",
            "SMTP_PASS",
            "GITHUB_TOKEN",
            "API_KEY",
            "apiKey",
            "APIKEY",
            "AWS_SECRET_ACCESS_KEY",
            "PRIVATE_KEY",
            "JWT_SECRET",
            "SECRET_KEY",
            "DJANGO_SECRET_KEY",
            "CLIENT_SECRET",
            "GOOGLE_APPLICATION_CREDENTIALS",
            "REDIS_PASSWORD_B64",
            "ADMIN_PASSWORD_HASH",
            "dbPassword",
            "PASSWORD2",
            "NEW_RELIC_LICENSE_KEY",
            "SECRET_KEY_BASE",
            "azurestorageaccountkey",
            "adminpassword",
        ] {
            assert_eq!(classify(name), NameKind::Secret, "{name}");
        }
        for name in [
            "PASSWORD_FILE",
            "TOKEN_PATH",
            "SECRET_NAME",
            "TOKEN_TTL",
            "PASSWORD_MIN_LENGTH",
            "AWS_ACCESS_KEY_ID",
            "PUBLIC_KEY",
            "VAPID_PUBLIC_KEY",
            "KEY",
            "CACHE_KEY",
            "SORT_KEY",
            "PASSTHROUGH",
            "BYPASS_CACHE",
            "TOKENIZER",
            "AUTH_ENABLED",
            "SECRETS_DIR",
            "PASS_THROUGH",
            "existingSecret",
            "checksum/secret",
            "vault.hashicorp.com/agent-inject-secret-db",
            "disabled-password",
            "ENABLE_TOKEN",
            "no-password",
            "BYPASS",
            "hotkey",
        ] {
            assert_eq!(classify(name), NameKind::Other, "{name}");
        }
        for name in ["DATABASE_URL", "TOKEN_URL", "mongoUri", "SENTRY_DSN"] {
            assert_eq!(classify(name), NameKind::Url, "{name}");
        }
    }

    #[test]
    fn buildkit_tokens() {
        for secret in [
            "GITHUB_TOKEN",
            "api_key",
            "DATABASE_PASSWORD",
            "secret_MESSAGE",
            "AUTH",
            "AWS_SECRET_ACCESS_KEY",
            "apikey",
            "GPG_PRIVATE_KEY",
            "GPG_SECRET_KEY",
        ] {
            assert!(buildkit_secret(secret), "{secret}");
        }
        // Parts are split at `_` only, as BuildKit does: `APIKEY_X` matches, `MYAPIKEY` does not.
        for fine in [
            "PUBLIC_KEY",
            "PASSWORD_FILE",
            "TOKEN_VERSION",
            "KEYCLOAK_URL",
            "MYTOKEN",
            "api-key",
            "GPG_KEY",
            "GPG_KEYS",
            "PGP_KEY",
            "TOKENS",
            "NODE_VERSION",
        ] {
            assert!(!buildkit_secret(fine), "{fine}");
        }
    }
}
