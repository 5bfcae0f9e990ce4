//! `name = value` pairs whose name says they hold a secret, found in any text: YAML and JSON keys
//! (`password: x`, `"apiKey": "x"`), environment and properties lines (`DB_PASSWORD=x`,
//! `spring.datasource.password=x`) and command-line flags (`--db-password=x`, `--token x`). One
//! Aho-Corasick pass over the secret words finds the candidates, so text without them costs one scan.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::names::{NameKind, classify};
use crate::span::Span;

/// One pair: where its name and its value (without quotes) are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub name: Span,
    pub value: Span,
    /// `--flag value`: the value may as well be the next argument of a boolean flag.
    pub spaced: bool,
}

/// Stems of every word [`classify`] calls secret.
const STEMS: [&str; 7] = ["pass", "pwd", "secret", "token", "key", "cred", "bearer"];

/// Builds the stem automaton (see [`super::warm_up`]).
pub(super) fn warm_up() {
    LazyLock::force(&STEM_AUTOMATON);
}

static STEM_AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .kind(Some(AhoCorasickKind::DFA))
        .build(STEMS)
        .unwrap_or_else(|e| unreachable!("fixed stems always build: {e}"))
});

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/')
}

/// Every pair in `text` whose name is a secret's.
pub fn find(text: &str) -> Vec<Found> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut done = 0;
    for m in STEM_AUTOMATON.find_iter(text) {
        if m.start() < done {
            continue;
        }
        let mut start = m.start();
        while start > 0 && bytes.get(start - 1).is_some_and(|&b| is_name_byte(b)) {
            start -= 1;
        }
        let mut end = m.end();
        while bytes.get(end).is_some_and(|&b| is_name_byte(b)) {
            end += 1;
        }
        done = end;
        out.extend(pair(text, start, end));
    }
    out
}

/// The pair whose name is the run of name bytes `start..end`, if a value is assigned to it.
fn pair(text: &str, start: usize, end: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let raw = text.get(start..end)?;
    let dashes = raw.len() - raw.trim_start_matches('-').len();
    let flag = dashes == 2;
    let name_start = start + dashes;
    let name = raw[dashes..].trim_end_matches(['.', '/', '-']);
    let name_end = name_start + name.len();
    // A name inside an interpolation or a path (`${DB_PASSWORD}`, `%TOKEN%`, `/etc/secret`) is a
    // reference; a name in a sentence (`the password is`) has no separator and falls out below.
    let before = start.checked_sub(1).and_then(|i| bytes.get(i)).copied();
    let dollar = start.checked_sub(2).and_then(|i| bytes.get(i)) == Some(&b'$');
    let interpolated = match before {
        Some(b'$' | b'%' | b'@') => true,
        Some(b'{' | b'(') => dollar,
        _ => false,
    };
    if interpolated || name.is_empty() {
        return None;
    }
    let mut at = name_end;
    // The closing quote of a quoted key (`"password": "x"`).
    if let Some(q @ (b'"' | b'\'')) = before
        && bytes.get(at) == Some(&q)
    {
        at += 1;
    }
    let spaces = |mut i: usize| {
        while bytes.get(i).is_some_and(|&b| b == b' ' || b == b'\t') {
            i += 1;
        }
        i
    };
    let sep_at = spaces(at);
    let (separator, value_at) = match bytes.get(sep_at) {
        Some(b'=') if bytes.get(sep_at + 1) != Some(&b'=') => (b'=', spaces(sep_at + 1)),
        Some(b':') if matches!(bytes.get(sep_at + 1), Some(b' ' | b'\t' | b'"' | b'\'')) => (b':', spaces(sep_at + 1)),
        // `--token abc`: a flag and its value, one space apart.
        _ if flag && sep_at == at + 1 && bytes.get(at) == Some(&b' ') => (b' ', sep_at),
        _ => return None,
    };
    // The name is classified last: most words with a stem (`keys:`, `secretKeyRef:`) have no value.
    let (value_start, value_end) = value(text, value_at, separator)?;
    if value_start == value_end || classify(name) != NameKind::Secret {
        return None;
    }
    Some(Found {
        name: Span::new(name_start, name_end),
        value: Span::new(value_start, value_end),
        spaced: separator == b' ',
    })
}

/// The value's span (inside quotes, if quoted) starting at `at`.
fn value(text: &str, at: usize, separator: u8) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let line_end = text.get(at..)?.find('\n').map_or(text.len(), |i| at + i);
    let line = &text[at..line_end];
    if let Some(q @ (b'"' | b'\'')) = bytes.get(at).copied() {
        let mut i = at + 1;
        while let Some(&b) = bytes.get(i) {
            if b == b'\\' && q == b'"' {
                i += 2;
                continue;
            }
            if b == q {
                return Some((at + 1, i));
            }
            if b == b'\n' {
                return None;
            }
            i += 1;
        }
        return None;
    }
    // `NAME= # comment` is empty.
    if line.starts_with('#') && at > 0 && bytes.get(at - 1).is_some_and(|b| b.is_ascii_whitespace()) {
        return None;
    }
    // A flag's value never starts with `-` or continues the line (`\`); a YAML `: |` starts a
    // block, `: &a` an anchor.
    if line.starts_with(['-', '|', '>', '&', '*', '!', '#', '{', '[', '\\']) && separator != b'=' {
        return None;
    }
    // A YAML value ends at a flow indicator, a shell word at an operator or a quote.
    let stop = |b: u8| {
        b.is_ascii_whitespace()
            || matches!(b, b',' | b'}' | b']' | b'`')
            || (separator != b':' && matches!(b, b';' | b')' | b'"' | b'\'' | b'&' | b'|'))
    };
    let len = line.bytes().position(stop).unwrap_or(line.len());
    if separator == b':' {
        // A YAML plain scalar is the rest of the line: one word followed by more words is prose.
        let rest = line[len..].trim_start();
        if !(rest.is_empty() || rest.starts_with('#') || rest.starts_with([',', '}', ']'])) {
            return None;
        }
    }
    Some((at, at + len))
}

#[cfg(test)]
mod tests {
    use super::find;

    fn pairs(text: &str) -> Vec<(&str, &str)> {
        find(text).iter().map(|a| (a.name.slice(text), a.value.slice(text))).collect()
    }

    #[test]
    fn every_syntax() {
        assert_eq!(pairs("DB_PASSWORD=hunter2 APP=1"), [("DB_PASSWORD", "hunter2")]);
        assert_eq!(pairs("  db_password: 'hunter 2'\n"), [("db_password", "hunter 2")]);
        assert_eq!(pairs("{\"apiKey\": \"k-1\", \"x\": 1}"), [("apiKey", "k-1")]);
        assert_eq!(pairs("spring.datasource.password=s3cr3t\n"), [("spring.datasource.password", "s3cr3t")]);
        assert_eq!(pairs("args: [\"--db-password=abc\", \"--token\", \"x\"]"), [("db-password", "abc")]);
        assert_eq!(pairs("run --token abc123 --verbose"), [("token", "abc123")]);
        assert_eq!(pairs("{password: x1, user: y}"), [("password", "x1")]);
        assert_eq!(pairs("\"secret\":\"a\\\"b\""), [("secret", "a\\\"b")]);
    }

    #[test]
    fn not_assignments() {
        for text in [
            "echo ${DB_PASSWORD:-abc}",
            "password: |\n  x\n",
            "password: must be at least 8 characters",
            "the password is abc",
            "if [ \"$TOKEN\" == abc ]",
            "PASSWORD_FILE=/run/secrets/db",
            "secretKeyRef: {name: db, key: password}",
            "token:abc",
            "--password-file /x",
            "password: &pw abc",
            "password:\n  - a\n",
            "#- SUDO_PASSWORD_HASH= #optional",
        ] {
            assert!(pairs(text).is_empty(), "{text}: {:?}", pairs(text));
        }
    }
}
