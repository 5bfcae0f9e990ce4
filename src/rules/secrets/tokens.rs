//! Provider token formats: a fixed prefix and a body of a known alphabet and length, found in one
//! pass. An Aho-Corasick automaton over every prefix finds the candidates; each is then checked
//! against its format, its boundaries and the placeholder test, so plain text costs one scan.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use crate::span::Span;

/// What may follow a prefix.
#[derive(Clone, Copy)]
enum Alphabet {
    /// `[A-Za-z0-9]`
    Alnum,
    /// `[A-Za-z0-9_-]`
    Url,
    /// `[0-9a-f]` (either case)
    Hex,
    /// `[A-Z2-7]` (RFC 4648 base32, as AWS key ids use)
    Base32,
    /// `[A-Za-z0-9+/]` then `=` padding
    Base64,
    /// `[A-Za-z0-9+/=]`: base64 segments padded inside the token (Sentry's `<json>=_<mac>`)
    Base64Padded,
    /// bech32's alphabet, upper case (age keys)
    Bech32Upper,
}

impl Alphabet {
    fn has(self, b: u8) -> bool {
        match self {
            Alphabet::Alnum => b.is_ascii_alphanumeric(),
            Alphabet::Url => b.is_ascii_alphanumeric() || b == b'_' || b == b'-',
            Alphabet::Hex => b.is_ascii_hexdigit(),
            Alphabet::Base32 => b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b),
            Alphabet::Base64 => b.is_ascii_alphanumeric() || b == b'+' || b == b'/',
            Alphabet::Base64Padded => Alphabet::Base64.has(b) || b == b'=',
            Alphabet::Bech32Upper => b"QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L".contains(&b),
        }
    }
}

/// One token format, as the provider documents it.
pub struct Format {
    pub provider: &'static str,
    prefixes: &'static [&'static str],
    alphabet: Alphabet,
    min: usize,
    /// `usize::MAX` for open-ended bodies.
    max: usize,
    /// A byte that joins the body's segments and how many times it occurs (`SG.<22>.<43>` has one
    /// `.`), so a multi-segment format is a table row rather than code.
    separator: Option<(u8, usize)>,
    shape: Shape,
}

/// How a candidate is read after its prefix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A run of the alphabet, `min..=max` long.
    Run,
    /// `-----BEGIN ... PRIVATE KEY-----` up to its `-----END ...-----` line.
    PrivateKey,
    /// `eyJ<header>.eyJ<payload>.<signature>`.
    Jwt,
    /// The password of `scheme://user:password@host`.
    UrlPassword,
    /// `Basic <base64 of user:password>` in an `Authorization` header.
    BasicAuth,
}

const fn format(
    provider: &'static str,
    prefixes: &'static [&'static str],
    alphabet: Alphabet,
    min: usize,
    max: usize,
) -> Format {
    Format { provider, prefixes, alphabet, min, max, separator: None, shape: Shape::Run }
}

const fn shaped(provider: &'static str, prefixes: &'static [&'static str], shape: Shape) -> Format {
    Format { provider, prefixes, alphabet: Alphabet::Url, min: 0, max: OPEN, separator: None, shape }
}

impl Format {
    /// The body is `times + 1` segments joined by `byte`; the length counts the separators.
    const fn split(self, byte: u8, times: usize) -> Format {
        Format { separator: Some((byte, times)), ..self }
    }
}

use Alphabet::{Alnum, Base32, Base64, Bech32Upper, Hex, Url};

const OPEN: usize = usize::MAX;

/// The formats, described in the catalog entry of SEC201.
pub static FORMATS: &[Format] = &[
    format("AWS access key ID", &["AKIA", "ASIA", "ABIA", "ACCA"], Base32, 16, 16),
    format("GitHub token", &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], Alnum, 36, 36),
    format("GitHub fine-grained token", &["github_pat_"], Url, 82, 82),
    format("GitLab token", &["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "GR1348941"], Url, 20, 64),
    format("Slack token", &["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-"], Url, 10, OPEN),
    format("Slack webhook", &["https://hooks.slack.com/services/"], Url, 40, OPEN).split(b'/', 2),
    format("Stripe live key", &["sk_live_", "rk_live_"], Alnum, 24, OPEN),
    format("SendGrid API key", &["SG."], Url, 66, 69).split(b'.', 1),
    format("Mailgun API key", &["key-"], Hex, 32, 32),
    format("npm token", &["npm_"], Alnum, 36, 36),
    format("PyPI token", &["pypi-AgEIcHlwaS5vcmc"], Url, 50, OPEN),
    format("Docker Hub token", &["dckr_pat_", "dckr_oat_"], Url, 27, OPEN),
    format("Shopify token", &["shpat_", "shpca_", "shppa_", "shpss_"], Hex, 32, 32),
    format("OpenAI API key", &["sk-proj-", "sk-svcacct-", "sk-admin-"], Url, 40, OPEN),
    format("Anthropic API key", &["sk-ant-api03-", "sk-ant-admin01-"], Url, 80, OPEN),
    format("Hugging Face token", &["hf_"], Alnum, 34, 34),
    format("Databricks token", &["dapi"], Hex, 32, 32),
    format("DigitalOcean token", &["dop_v1_", "doo_v1_", "dor_v1_"], Hex, 64, 64),
    format("Google API key", &["AIza"], Url, 35, 35),
    format("Twilio API key", &["SK"], Hex, 32, 32),
    format("New Relic key", &["NRAK-", "NRJS-"], Alnum, 19, 27),
    format("Square token", &["sq0atp-", "sq0csp-", "EAAA"], Url, 22, 60),
    format("Linear API key", &["lin_api_"], Alnum, 40, 40),
    format("Pulumi token", &["pul-"], Hex, 40, 40),
    format("Doppler token", &["dp.pt.", "dp.st.", "dp.sa."], Alnum, 40, 44),
    format("HashiCorp Vault token", &["hvs.", "hvb."], Url, 24, OPEN),
    format("Grafana token", &["glsa_", "glc_"], Url, 32, OPEN),
    format("age secret key", &["AGE-SECRET-KEY-1"], Bech32Upper, 58, 58),
    format("Azure storage account key", &["AccountKey="], Base64, 86, 88),
    shaped("private key", &["-----BEGIN "], Shape::PrivateKey),
    shaped("JSON Web Token", &["eyJ"], Shape::Jwt),
    shaped("password in a URL", &["://"], Shape::UrlPassword),
    shaped("basic-auth credentials", &["Basic ", "basic "], Shape::BasicAuth),
];

/// One token found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub format: usize,
}

impl Token {
    pub fn provider(&self) -> &'static str {
        FORMATS.get(self.format).map_or("token", |f| f.provider)
    }
}

static AUTOMATON: LazyLock<(AhoCorasick, Vec<usize>)> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut owner = Vec::new();
    for (i, f) in FORMATS.iter().enumerate() {
        for p in f.prefixes {
            patterns.push(*p);
            owner.push(i);
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .unwrap_or_else(|e| unreachable!("fixed token prefixes always build: {e}"));
    (ac, owner)
});

/// Every provider token in `text`, in order; `base` is added to spans (for a slice of a file).
pub fn scan(text: &str, base: usize) -> Vec<Token> {
    let (ac, owner) = &*AUTOMATON;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(m) = ac.find(Input::new(text).span(from..text.len())) {
        let found = owner
            .get(m.pattern().as_usize())
            .and_then(|&fi| Some((fi, candidate(text, FORMATS.get(fi)?, m.start(), m.end())?)));
        match found {
            Some((fi, (start, end))) => {
                out.push(Token { span: Span::new(base + start, base + end), format: fi });
                from = m.end();
            }
            // A prefix that is not a token may hide one that starts inside it.
            None => from = m.start() + 1,
        }
    }
    out
}

/// The span of the token whose prefix is at `at..after`, if the text there has `f`'s format.
fn candidate(text: &str, f: &Format, at: usize, after: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    match f.shape {
        Shape::Run => {
            let end = body_end(f, bytes, at, after)?;
            (!is_placeholder(text.get(after..end)?, f.alphabet)).then_some((at, end))
        }
        Shape::PrivateKey => private_key(text, at, after),
        Shape::Jwt => jwt(bytes, at),
        Shape::UrlPassword => url_password(text, at, after),
        Shape::BasicAuth => basic_auth(text, after),
    }
}

/// Where a token starting at `start` whose prefix ends at `body` ends, if it has the format.
fn body_end(f: &Format, bytes: &[u8], start: usize, body: usize) -> Option<usize> {
    // A token starts at a word boundary (`xAKIA...` is not a key id), except URLs.
    let starts_word = !f.prefixes.iter().all(|p| p.starts_with("https://"));
    if starts_word && start > 0 && bytes.get(start - 1).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let in_body = |i: usize| bytes.get(i).is_some_and(|&b| f.alphabet.has(b));
    let mut end = body;
    let mut joins = 0;
    while end - body < f.max {
        let Some(&b) = bytes.get(end) else { break };
        // A separator counts only between two body bytes and only as often as the format has it.
        let joins_segments =
            f.separator.is_some_and(|(sep, times)| b == sep && joins < times && end > body && in_body(end + 1));
        if joins_segments {
            joins += 1;
        } else if !f.alphabet.has(b) {
            break;
        }
        end += 1;
    }
    if matches!(f.alphabet, Alphabet::Base64) {
        while end - body < f.max && bytes.get(end) == Some(&b'=') {
            end += 1;
        }
    }
    let len = end - body;
    // The body must stop where the token stops: `AKIA` followed by 17 letters is a word.
    let complete = joins == f.separator.map_or(0, |(_, times)| times);
    (len >= f.min && complete && (f.max == OPEN || !in_body(end))).then_some(end)
}

/// `-----BEGIN [RSA |EC |OPENSSH |ENCRYPTED ...]PRIVATE KEY-----`, through its END line when
/// present (else the BEGIN line); a block with no key material between is an illustration.
fn private_key(text: &str, start: usize, after: usize) -> Option<(usize, usize)> {
    // The label ends at the first `-----`: in a JSON string (a GCP service-account key) the
    // whole block is one line with `\n` escapes.
    let label_len = text.get(after..)?.find("-----")?;
    let label = &text[after..after + label_len];
    if !label.ends_with("PRIVATE KEY") || label.len() > 40 {
        return None;
    }
    let header_end = after + label_len + 5;
    let end_marker = format!("-----END {label}-----");
    let Some(rel) = text[header_end..].find(&end_marker) else {
        let line_end = text[header_end..].find('\n').map_or(text.len(), |i| header_end + i);
        return Some((start, line_end));
    };
    let body = &text[header_end..header_end + rel];
    let material = body.bytes().filter(|b| Alphabet::Base64.has(*b)).count();
    // A real key has hundreds of base64 characters; `...` or `<your key>` is documentation.
    (material >= 64 && !is_placeholder_words(body)).then_some((start, header_end + rel + end_marker.len()))
}

/// Three base64url segments, the first two JSON objects (`eyJ` is `{"` encoded).
fn jwt(bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    if start > 0 && bytes.get(start - 1).is_some_and(|b| Alphabet::Url.has(*b)) {
        return None;
    }
    let segment = |from: usize| run_end(bytes, from, Alphabet::Url, OPEN);
    let header = segment(start);
    let payload_start = header + 1;
    if bytes.get(header) != Some(&b'.') || bytes.get(payload_start..payload_start + 3) != Some(b"eyJ") {
        return None;
    }
    let payload = segment(payload_start);
    let signature = segment(payload + 1);
    let long_enough = header - start >= 10 && payload - payload_start >= 10 && signature - payload > 16;
    (bytes.get(payload) == Some(&b'.') && long_enough).then_some((start, signature))
}

/// `scheme://user:password@host`: the password's span, unless it is a reference or a placeholder.
fn url_password(text: &str, at: usize, after: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let scheme_start = text[..at]
        .bytes()
        .rposition(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-')))
        .map_or(0, |i| i + 1);
    if scheme_start == at || !bytes.get(scheme_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let stop = |b: u8| b.is_ascii_whitespace() || matches!(b, b'/' | b'"' | b'\'' | b'`' | b'?' | b'#');
    let authority_end = text[after..].bytes().position(stop).map_or(text.len(), |i| after + i);
    let authority = &text[after..authority_end];
    let at_sign = authority.rfind('@')?;
    let (user, password) = authority[..at_sign].split_once(':')?;
    let password_start = after + user.len() + 1;
    // `${USER:-app}:${PASS:-app}@` is interpolated; `postgres:postgres` and `user:pass` are the
    // defaults and placeholders of examples, not credentials someone issued.
    let userinfo = &authority[..at_sign];
    let ok = !user.is_empty()
        && !userinfo.contains('$')
        && password != user
        && !password.to_ascii_lowercase().contains("pass")
        && password.len() >= 4
        && !password.starts_with(['$', '%', '<', '{', '['])
        && !password.contains("{{")
        && !is_placeholder_words(password)
        && !password.bytes().all(|b| b == b'*' || b == b'x' || b == b'X');
    ok.then_some((password_start, password_start + password.len()))
}

/// The base64 after `Basic `, when it decodes to `user:password` with a real password.
fn basic_auth(text: &str, after: usize) -> Option<(usize, usize)> {
    let end = run_end(text.as_bytes(), after, Alphabet::Base64Padded, OPEN);
    let encoded = text.get(after..end)?;
    if encoded.len() < 8 {
        return None;
    }
    let decoded = String::from_utf8(super::base64::decode(encoded)?).ok()?;
    let (user, password) = decoded.split_once(':')?;
    let printable = decoded.chars().all(|c| !c.is_control());
    let real = printable && !user.is_empty() && password.len() >= 4 && password != user;
    (real && !is_placeholder_words(password) && !password.starts_with(['$', '<', '{'])).then_some((after, end))
}

/// The end of the run of `alphabet` from `from`, at most `max` long.
fn run_end(bytes: &[u8], from: usize, alphabet: Alphabet, max: usize) -> usize {
    let len = bytes.get(from..).map_or(0, |rest| rest.iter().take(max).take_while(|&&b| alphabet.has(b)).count());
    from + len
}

/// Words that mark a value as documentation rather than a credential.
fn is_placeholder_words(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    [
        "example",
        "xxxx",
        "your",
        "placeholder",
        "changeme",
        "dummy",
        "fake",
        "sample",
        "password",
        "secret",
        "redacted",
        "...",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Bodies that are documentation, not credentials: `AKIAIOSFODNN7EXAMPLE`, `xxxx...`, a run of
/// one character, or a long body with no digit (or no letter) where random bodies of that
/// alphabet always mix both (`ghp_yourtokenhere...`). Base32 bodies are short and mostly letters,
/// so an all-letter AWS key id is real.
fn is_placeholder(body: &str, alphabet: Alphabet) -> bool {
    if is_placeholder_words(body) || body.to_ascii_lowercase().contains("token") {
        return true;
    }
    let first = body.as_bytes().first();
    if body.bytes().all(|b| Some(&b) == first) {
        return true;
    }
    let unmixed = !body.bytes().any(|b| b.is_ascii_digit()) || !body.bytes().any(|b| b.is_ascii_alphabetic());
    body.len() >= 16 && !matches!(alphabet, Alphabet::Base32) && unmixed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&'static str, &str)> {
        scan(text, 0).iter().map(|t| (t.provider(), t.span.slice(text))).collect()
    }

    #[test]
    fn provider_formats_are_found_with_their_exact_span() {
        let gh = "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R";
        let text = format!("ENV GITHUB_TOKEN={gh}\n");
        assert_eq!(found(&text), [("GitHub token", gh)]);
        assert_eq!(found("key: AKIA2E3F4G5H6J7K2L3M,"), [("AWS access key ID", "AKIA2E3F4G5H6J7K2L3M")]);
        let sg = "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";
        assert_eq!(found(&format!("\"{sg}\"")), [("SendGrid API key", sg)]);
        let hook = "https://hooks.slack.com/services/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";
        assert_eq!(found(hook), [("Slack webhook", hook)]);
        let az = format!("AccountKey={}==;", "a1B2".repeat(21) + "c3");
        assert_eq!(found(&az).len(), 1);
    }

    #[test]
    fn separators_join_a_fixed_number_of_segments() {
        let sg = "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";
        // A sentence's full stop ends the key; a third segment is not part of it.
        assert_eq!(found(&format!("key {sg}.")), [("SendGrid API key", sg)]);
        assert!(found("SG.aB3dE5fG7hJ9kL1mN3pQ5rsT7uV9wX1yZ3aB5cD7eF9gH1jK3lM5nP7qR9sT1uV3w").is_empty());
        let hook = "https://hooks.slack.com/services/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";
        assert_eq!(found(&format!("{hook}/")), [("Slack webhook", hook)]);
        assert!(found("https://hooks.slack.com/services/T0A1B2C3D/B4E5F6G7Ha1B2c3D4e5F6g7H8i9J0k1L2").is_empty());
        assert!(found("https://hooks.slack.com/services//T0A1B2C3D/B4E5F6G7H/a1B2c3D4e5F6g7H8i9J0k1L2").is_empty());
    }

    #[test]
    fn structured_secrets() {
        let key = format!(
            "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----",
            "MIIEpAIBAAKCAQEA3x9Kq".repeat(5)
        );
        let text = format!("data:\n  key: |\n{key}\n");
        assert_eq!(found(&text), [("private key", key.as_str())]);
        assert!(found("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----").is_empty());
        assert!(found("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----").is_empty());
        let json = format!(
            "{{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n{}\\n-----END PRIVATE KEY-----\\n\"}}",
            "MIIEvQIBADANBgkqhkiG9w0".repeat(4)
        );
        assert_eq!(found(&json).len(), 1, "{json}");
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(found(&format!("Authorization: Bearer {jwt}\n")), [("JSON Web Token", jwt)]);
        assert_eq!(found("DSN=postgres://app:Zq8!w2Lm@db:5432/app"), [("password in a URL", "Zq8!w2Lm")]);
        // `deploy:Xk2!pQ9w` and `user:password`.
        assert_eq!(
            found("-H 'Authorization: Basic ZGVwbG95OlhrMiFwUTl3'"),
            [("basic-auth credentials", "ZGVwbG95OlhrMiFwUTl3")]
        );
        assert!(found("Authorization: Basic dXNlcjpwYXNzd29yZA==").is_empty());
        assert!(found("Basic authentication is enabled").is_empty());
        for quiet in [
            "postgres://app:${DB_PASSWORD}@db/app",
            "redis://:password@redis:6379",
            "https://user:<password>@host",
            "http://example.com:8080/path",
            "amqp://guest:{{ .Values.pw }}@rabbit",
            "mongodb://root:$(MONGO_PW)@mongo",
            "postgresql://${PG_USER:-app}:${PG_PASS:-app}@postgres:5432/app",
            "postgresql://postgres:postgres@postgres:5432/db",
            "smtp://user:pass@smtp:587",
            "https://myacct:mypass@localhost:4430",
        ] {
            assert!(found(quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn words_documentation_keys_and_placeholders_are_not_tokens() {
        // Inside a word, too long for the format, or the documented example.
        assert!(found("xAKIA2E3F4G5H6J7K2L3M").is_empty());
        assert!(found("AKIA2E3F4G5H6J7K2L3MN").is_empty());
        assert!(found("AKIAIOSFODNN7EXAMPLE").is_empty());
        assert_eq!(found("ASIALMTTMJTYFVQVXVQJ").len(), 1, "all letters is a valid key id");
        assert!(found("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").is_empty());
        assert!(found("ghp_yourpersonalaccesstokengoeshereabc").is_empty());
        assert!(found("glpat-PUT_YOUR_TOKEN_HERE").is_empty());
        // Short or lookalike prefixes in prose.
        assert!(found("SKIP this key-value pair; dapi is not a token").is_empty());
        assert!(found("hf_hub_download(repo_id)").is_empty());
    }
}
