//! What an environment variable's name says it holds. Deliberately small and precise until the
//! secrets engine (issue 5) takes over: a name is secret when its last word, or its last word
//! but a few that still name the value (`SECRET_KEY`, `PASSWORD_B64`), is a secret word.

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
/// Words that make a following `key` a secret one (`API_KEY`, `PRIVATE_KEY`, `SIGNING_KEY`).
const KEY_KINDS: [&str; 10] =
    ["api", "private", "access", "signing", "encryption", "master", "hmac", "auth", "session", "license"];
/// Words after a secret word that still name its value (`PASSWORD_HASH`, `TOKEN_VALUE`), unlike
/// `PASSWORD_FILE`, `TOKEN_TTL` or `SECRET_NAME`.
const VALUE_WORDS: [&str; 8] = ["key", "value", "b64", "base64", "hash", "plain", "plaintext", "raw"];
const URL_WORDS: [&str; 4] = ["url", "uri", "dsn", "href"];

pub fn classify(name: &str) -> NameKind {
    let words = words(name);
    if words.iter().any(|w| w == "public") {
        return NameKind::Other;
    }
    // The last word that does not merely name the value (`_HASH`, `_KEY`) says what it is.
    let secret = words.iter().rposition(|w| !VALUE_WORDS.contains(&w.as_str())).is_some_and(|i| {
        let w = words[i].as_str();
        SECRET_WORDS.contains(&w) || (KEY_KINDS.contains(&w) && words.get(i + 1).is_some_and(|n| n == "key"))
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

#[cfg(test)]
mod tests {
    use super::{NameKind, classify};

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
        ] {
            assert_eq!(classify(name), NameKind::Other, "{name}");
        }
        for name in ["DATABASE_URL", "TOKEN_URL", "mongoUri", "SENTRY_DSN"] {
            assert_eq!(classify(name), NameKind::Url, "{name}");
        }
    }
}
