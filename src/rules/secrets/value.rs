//! Whether a value written next to a secret-looking name is a credential: not a reference to one
//! (an interpolation, a template, a path, another variable's name), not a placeholder, and random
//! enough to be issued rather than illustrative.

use crate::model::kubernetes::is_templated;
use crate::syntax::yaml::yaml11_bool;

/// A value written out rather than referenced: not empty, not interpolated or templated
/// (`${VAR}`, `$VAR`, `$(cmd)`, `{{ .Values.x }}`, `${{ secrets.X }}`, `%VAR%`, `#{x}`), not a
/// `<placeholder>` or another variable's `SCREAMING_SNAKE` name, not a boolean, not a path.
pub fn is_literal(value: &str) -> bool {
    let v = value.trim();
    let screaming_snake =
        v.contains('_') && v.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    let bracketed = v.starts_with('<') || (v.starts_with('[') && v.ends_with(']'));
    let path = (v.starts_with('/') || v.starts_with("./") || v.starts_with("~/")) && !v.contains(char::is_whitespace);
    !(v.is_empty()
        || is_interpolated(v)
        || is_templated(v)
        || bracketed
        || screaming_snake
        || path
        || yaml11_bool(v).is_some()
        || v.starts_with("ENC[")
        || v.eq_ignore_ascii_case("null")
        || v == "~")
}

/// `$VAR`, `$(cmd)`, `${VAR}`, `%VAR%`, `#{expr}`, `@VAR@` anywhere in the value.
fn is_interpolated(v: &str) -> bool {
    let b = v.as_bytes();
    let dollar = b
        .windows(2)
        .any(|w| w[0] == b'$' && (w[1] == b'(' || w[1] == b'{' || w[1] == b'_' || w[1].is_ascii_alphabetic()));
    // `%VAR%` (Windows, Symfony parameters), anywhere: `%kernel.project_dir%/jwt.pem`.
    let percent =
        v.split('%').skip(1).step_by(2).any(|inner| {
            !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        }) && v.matches('%').count() >= 2;
    let at = v.starts_with('@') && v.ends_with('@') && v.len() > 2;
    dollar || percent || at || v.contains("#{")
}

/// Words that mark a value as documentation, a default to replace, or a name rather than a
/// credential.
const PLACEHOLDER_WORDS: [&str; 25] = [
    "changeme",
    "change_me",
    "change-me",
    "changeit",
    "example",
    "dummy",
    "placeholder",
    "sample",
    "your",
    "insert",
    "replace",
    "redacted",
    "fixme",
    "todo",
    "fake",
    "xxx",
    "***",
    "...",
    "secret",
    "password",
    "passwd",
    "token",
    "here",
    "notset",
    "foobar",
];

pub fn is_placeholder(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w)) || {
        let first = v.as_bytes().first();
        v.bytes().all(|b| Some(&b) == first)
    }
}

/// A name rather than a credential: two or three words of letters joined by `-`, `.` or `_`,
/// perhaps ending in a version or index (`db-creds`, `app.tls`, `redis-auth-v2`, `vault_role_1`).
/// More words make a passphrase (`deport-silver-showcase-pusher`).
fn is_identifier(v: &str) -> bool {
    let parts: Vec<&str> = v.split(['-', '.', '_']).collect();
    let Some((last, init)) = parts.split_last() else { return false };
    let word = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase());
    let version = |p: &str| {
        let p = p.strip_prefix('v').unwrap_or(p);
        !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit())
    };
    (2..=3).contains(&parts.len()) && init.iter().all(|p| word(p)) && (word(last) || version(last))
}

/// Four or more words joined by one separator, as passphrase generators write them.
fn is_passphrase(v: &str) -> bool {
    let Some(sep) = v.bytes().find(|b| matches!(b, b'-' | b'.' | b'_')) else { return false };
    let words: Vec<&str> = v.split(char::from(sep)).collect();
    words.len() >= 4
        && v.len() >= 20
        && words.iter().all(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// Bits per character of the value's own character distribution.
fn entropy(v: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in v.bytes() {
        counts[usize::from(b)] += 1;
    }
    let n = v.len() as f64;
    counts.iter().filter(|&&c| c > 0).map(|&c| f64::from(c) / n).map(|p| -p * p.log2()).sum()
}

/// The floor a credential passes: at least 6 characters of at least two classes (lower, upper,
/// digit, symbol; `-`, `_` and `.` are separators, not symbols), no whitespace, and an entropy
/// that repeated characters do not reach.
pub fn passes_floor(v: &str) -> bool {
    if v.len() < 6 || v.len() > 512 || v.contains(char::is_whitespace) || is_identifier(v) {
        return false;
    }
    if is_passphrase(v) {
        return true;
    }
    let classes = [
        v.bytes().any(|b| b.is_ascii_lowercase()),
        v.bytes().any(|b| b.is_ascii_uppercase()),
        v.bytes().any(|b| b.is_ascii_digit()),
        v.bytes().any(|b| !b.is_ascii_alphanumeric() && !matches!(b, b'-' | b'_' | b'.')),
    ];
    let numeric = v.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    // Short values cannot reach 2.3 bits; they need most of what their length allows.
    let floor = (0.85 * (v.len() as f64).log2()).min(2.3);
    classes.iter().filter(|&&c| c).count() >= 2 && !numeric && entropy(v) >= floor
}

/// The whole test: a literal, not a placeholder, over the floor.
pub fn is_credential(v: &str) -> bool {
    is_literal(v) && !is_placeholder(v) && passes_floor(v)
}

#[cfg(test)]
mod tests {
    use super::is_credential;

    #[test]
    fn credentials() {
        for v in [
            "hunter2hunter",
            "S3cr3t!Pw",
            "aZ7kQ2mX9pL4",
            "k8s-Admin-2024!",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCY",
            "p@ssw0rd1!",
            "r00tpw",
            "deport-silver-showcase-pusher-radiantly",
        ] {
            assert!(is_credential(v), "{v}");
        }
    }

    #[test]
    fn references_templates_and_placeholders() {
        for v in [
            "${DB_PASSWORD}",
            "${DB_PASSWORD:-x9Kq2mZ}",
            "$DB_PASSWORD",
            "$(cat /run/secrets/db)",
            "{{ .Values.db.password }}",
            "${{ secrets.DEPLOY_TOKEN }}",
            "%DB_PASSWORD%",
            "#{vault.db.password}",
            "@DB_PASSWORD@",
            "<your-token>",
            "PUT_YOUR_TOKEN_HERE",
            "DB_PASSWORD_VAR",
            "changeme",
            "ChangeMe123",
            "example-key-123",
            "dummy123",
            "xxxxxxxx",
            "********",
            "my-db-secret",
            "%kernel.project_dir%/config/jwt/private.pem",
            "<proxy",
            "foobar123",
            "app-credentials",
            "redis-auth-v2",
            "vault_role_1",
            "/run/secrets/db_password",
            "./secrets/token.txt",
            "true",
            "12345678",
            "1.2.3.4",
            "admin",
            "postgres",
            "aaaaaaaaaa",
            "must be set",
            "ENC[AES256_GCM,data:abc,iv:x]",
            "",
        ] {
            assert!(!is_credential(v), "{v}");
        }
    }
}
