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
    !(is_reference(v) || is_bracketed(v) || is_screaming_snake(v))
}

/// Stands for a value found elsewhere: empty, interpolated, templated, a path, a boolean, `null`,
/// SOPS ciphertext.
fn is_reference(v: &str) -> bool {
    // `/run/secrets/db`, not base64 that starts with a slash (`//Rz+5=`).
    let path = (v.starts_with('/') || v.starts_with("./") || v.starts_with("~/"))
        && !v.starts_with("//")
        && !v.contains(|c: char| c.is_whitespace() || c == '+' || c == '=');
    v.is_empty()
        || is_interpolated(v)
        || is_templated(v)
        || path
        || yaml11_bool(v).is_some()
        || v.starts_with("ENC[")
        || v.eq_ignore_ascii_case("null")
        || v == "~"
}

/// `<your-token>`, `[redis.password]`.
fn is_bracketed(v: &str) -> bool {
    v.starts_with('<') || (v.starts_with('[') && v.ends_with(']'))
}

/// Another variable's name (`DB_PASSWORD_VAR`), unless placeholder words say otherwise.
fn is_screaming_snake(v: &str) -> bool {
    v.contains('_') && v.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
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
    // `__SERVICEACCOUNT_TOKEN__`: a marker an install script replaces.
    let marker = v.len() > 4 && v.starts_with("__") && v.ends_with("__");
    dollar || percent || at || marker || v.contains("#{")
}

/// Words that mark a value as documentation, a default to replace, or a name rather than a
/// credential.
const PLACEHOLDER_WORDS: [&str; 26] = [
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
    "demo",
    "foobar",
];

pub fn is_placeholder(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    let first = v.as_bytes().first();
    PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w)) || v.bytes().all(|b| Some(&b) == first) || counts_up(&lower)
}

/// Four characters in a row that count up (`1234`, `5678`, `abcd`): what people type for a fake
/// key, and what a random one contains about once in a thousand.
fn counts_up(lower: &str) -> bool {
    lower.as_bytes().windows(4).any(|w| {
        w.iter().all(u8::is_ascii_alphanumeric)
            && w.windows(2).all(|p| p[1] == p[0] + 1 && p[0].is_ascii_digit() == p[1].is_ascii_digit())
    })
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
fn passes_floor(v: &str) -> bool {
    if v.len() < 6 || v.len() > 512 || v.contains(char::is_whitespace) {
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

/// What a value assigned to a secret-looking name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Judgement {
    /// An interpolation, a template, a path, a name or a hash: not the credential itself.
    Reference,
    /// Documentation or a default to replace (`changeme`, `<your-token>`, `xxxx`).
    Placeholder,
    /// A literal a person chose or an image ships with (`postgres`, `P@ssw0rd`, `Summer2024!`).
    Weak,
    /// Random enough to have been issued or generated.
    Credential,
}

pub fn judge(v: &str) -> Judgement {
    let v = v.trim();
    if is_reference(v) {
        Judgement::Reference
    } else if is_bracketed(v) || is_placeholder(v) || is_placeholder(&unleet(v)) {
        // `<your-token>` and `PUT_YOUR_TOKEN_HERE` would be deployed as written.
        Judgement::Placeholder
    } else if is_screaming_snake(v) || is_password_hash(v) || is_identifier(v) {
        Judgement::Reference
    } else if !passes_floor(v) || is_human_chosen(v) {
        Judgement::Weak
    } else {
        Judgement::Credential
    }
}

pub fn is_credential(v: &str) -> bool {
    judge(v) == Judgement::Credential
}

/// Letters for the digits and symbols people write in their place (`P@ssw0rd`).
fn unleet(v: &str) -> String {
    v.chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | '!' => 'i',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            c => c,
        })
        .collect()
}

/// Words a person strings together, then digits or a symbol (`Summer2024!`, `GoodNewsEveryone`,
/// `sCaleio123`, `P4ssb0lt`): after the trailing digits and symbols and with leetspeak undone,
/// letters only, in at most four camel-case words, each pronounceable (no four consonants in a
/// row, a vowel in any word longer than three letters, at most one word without one). Generated
/// strings fail this almost always.
fn is_human_chosen(v: &str) -> bool {
    let core = v.trim_end_matches(|c: char| !c.is_ascii_alphabetic());
    let letters = unleet(core);
    // Leetspeak changes a letter or two; more digits inside are a generator's.
    let substituted = core.bytes().filter(|b| !b.is_ascii_alphabetic()).count();
    if letters.len() < 3 || substituted > 2 || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let mut words: Vec<String> = Vec::new();
    let mut prev_lower = false;
    for c in letters.chars() {
        if c.is_ascii_uppercase() && prev_lower || words.is_empty() {
            words.push(String::new());
        }
        prev_lower = c.is_ascii_lowercase();
        if let Some(w) = words.last_mut() {
            w.push(c.to_ascii_lowercase());
        }
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let pronounceable = |w: &String| {
        let mut run = 0;
        let mut longest = 0;
        for c in w.chars() {
            run = if vowel(c) { 0 } else { run + 1 };
            longest = longest.max(run);
        }
        longest < 4 && (w.len() <= 3 || w.chars().any(vowel))
    };
    // One short word without a vowel is an acronym or an initial (`PW`, `sCaleio`); more is noise.
    let unvoiced = words.iter().filter(|w| !w.chars().any(vowel)).count();
    words.len() <= 4 && unvoiced <= 1 && words.iter().all(pronounceable)
}

/// A crypt(3) or LDAP password hash (`$2b$12$...`, `$argon2id$...`, `{SSHA}...`; `$$` is Compose's
/// escaped `$`): what a server stores to check a password, not the password.
fn is_password_hash(v: &str) -> bool {
    let v = v.replace("$$", "$");
    const SCHEMES: [&str; 10] = ["$2a$", "$2b$", "$2y$", "$argon2", "$apr1$", "$1$", "$5$", "$6$", "{SSHA}", "{SHA}"];
    SCHEMES.iter().any(|s| v.starts_with(s))
}

#[cfg(test)]
mod tests {
    use super::{Judgement, is_credential, judge};

    #[test]
    fn credentials() {
        for v in [
            "Kq8#vL2mZx9!",
            "aZ7kQ2mX9pL4",
            "k8s-Admin-2024!",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCY",
            "Ybtfjl10Vo",
            "v67ic55x4ghvjfj",
            "8aff725d2e16ef31fbc42",
            "Yql4JDm45Ez4rAr",
            "//Rzr/z64u839c3g7RiDz6yzxpSzSiOhj86GvTOH+M5=",
            "deport-silver-showcase-pusher-radiantly",
        ] {
            assert!(is_credential(v), "{v}");
        }
    }

    #[test]
    fn chosen_passwords_are_weak() {
        for v in [
            "hunter2",
            "P4ssb0lt",
            "sCaleio123",
            "USERPW1",
            "SuperDuperAdminPW",
            "GoodNewsEveryone",
            "Summer2024!",
            "postgres",
            "r00tpw",
        ] {
            assert_eq!(judge(v), Judgement::Weak, "{v}");
        }
        assert_eq!(judge("P@ssw0rd"), Judgement::Placeholder);
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
            "$$2a$$12$$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
            "{SSHA}bS8YqAzg3Qh5H8kGq0Xq2Wm1aZ3bC4dE",
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
            "__SERVICEACCOUNT_TOKEN__",
            "8312341g-5678-abcd-4a2b2c-33bcsd655",
            "",
        ] {
            assert!(!is_credential(v), "{v}");
        }
    }
}
