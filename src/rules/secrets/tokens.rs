//! Provider token formats: a fixed prefix and a body of a known alphabet and length, found in one
//! pass. An Aho-Corasick automaton over every prefix finds the candidates; each is then checked
//! against its format, its boundaries and the placeholder test, so plain text costs one scan. Two
//! formats have their fixed part inside the token (a Telegram bot token's `:A`, an Azure AD
//! secret's `Q~`) and are checked on both sides of it.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::span::Span;

/// What may follow a prefix.
#[derive(Clone, Copy)]
enum Alphabet {
    /// `[A-Za-z0-9]`
    Alnum,
    /// `[a-z0-9]`
    LowerAlnum,
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
    /// `[A-Za-z0-9_~.-]` (Azure AD client secrets)
    Azure,
    /// bech32's alphabet, upper case (age keys)
    Bech32Upper,
}

impl Alphabet {
    fn has(self, b: u8) -> bool {
        match self {
            Alphabet::Alnum => b.is_ascii_alphanumeric(),
            Alphabet::LowerAlnum => b.is_ascii_lowercase() || b.is_ascii_digit(),
            Alphabet::Url => b.is_ascii_alphanumeric() || b == b'_' || b == b'-',
            Alphabet::Hex => b.is_ascii_hexdigit(),
            Alphabet::Base32 => b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b),
            Alphabet::Base64 => b.is_ascii_alphanumeric() || b == b'+' || b == b'/',
            Alphabet::Base64Padded => Alphabet::Base64.has(b) || b == b'=',
            Alphabet::Azure => Alphabet::Url.has(b) || b == b'~' || b == b'.',
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
    /// `<bot id>:A<34>`: the prefix `:A` sits inside the token, after the bot's numeric id.
    Telegram,
    /// `<3><digit>Q~<31-34>`: the prefix `Q~` sits inside the token, after four characters.
    AzureClientSecret,
    /// `AQ` + 38 base64 ending `==`, whose 28 decoded bytes are a Ceph key header and 16 key bytes.
    Ceph,
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

use Alphabet::{Alnum, Base32, Base64, Base64Padded, Bech32Upper, Hex, LowerAlnum, Url};

const OPEN: usize = usize::MAX;

/// Discord's webhook hosts; the path after them is `<id>/<token>`.
const DISCORD_WEBHOOKS: [&str; 4] = [
    "https://discord.com/api/webhooks/",
    "https://discordapp.com/api/webhooks/",
    "https://ptb.discord.com/api/webhooks/",
    "https://canary.discord.com/api/webhooks/",
];

/// The formats, described in the catalog entry of SEC201.
pub static FORMATS: &[Format] = &[
    format("AWS access key ID", &["AKIA", "ASIA", "ABIA", "ACCA"], Base32, 16, 16),
    format("GitHub token", &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], Alnum, 36, 36),
    format("GitHub fine-grained token", &["github_pat_"], Url, 82, 82),
    format("GitLab token", &["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "GR1348941"], Url, 20, 64),
    format("Slack token", &["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xapp-"], Url, 10, OPEN),
    format("Slack webhook", &["https://hooks.slack.com/services/"], Url, 40, OPEN).split(b'/', 2),
    format("Stripe live key", &["sk_live_", "rk_live_"], Alnum, 24, OPEN),
    format("Stripe webhook secret", &["whsec_"], Base64, 32, 64),
    format("SendGrid API key", &["SG."], Url, 66, 69).split(b'.', 1),
    format("Mailgun API key", &["key-"], Hex, 32, 32),
    format("npm token", &["npm_"], Alnum, 36, 36),
    format("PyPI token", &["pypi-AgEIcHlwaS5vcmc"], Url, 50, OPEN),
    format("Docker Hub token", &["dckr_pat_", "dckr_oat_"], Url, 27, OPEN),
    format("Shopify token", &["shpat_", "shpca_", "shppa_", "shpss_"], Hex, 32, 32),
    format("OpenAI API key", &["sk-proj-", "sk-svcacct-", "sk-admin-"], Url, 40, OPEN),
    format("Anthropic API key", &["sk-ant-api03-", "sk-ant-admin01-"], Url, 80, OPEN),
    format("Hugging Face token", &["hf_", "api_org_"], Alnum, 34, 34),
    format("Databricks token", &["dapi"], Hex, 32, 32),
    format("DigitalOcean token", &["dop_v1_", "doo_v1_", "dor_v1_"], Hex, 64, 64),
    format("Google API key", &["AIza"], Url, 35, 35),
    format("Google OAuth client secret", &["GOCSPX-"], Url, 28, 28),
    format("Google OAuth access token", &["ya29."], Url, 30, OPEN),
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
    format("Azure shared access key", &["SharedAccessKey="], Base64, 44, 44),
    shaped("Azure AD client secret", &["Q~"], Shape::AzureClientSecret),
    format("Heroku API key", &["HRKU-AA"], Url, 58, 58),
    format("Sentry user token", &["sntryu_"], Hex, 64, 64),
    format("Sentry org token", &["sntrys_eyJ"], Base64Padded, 80, OPEN).split(b'_', 1),
    shaped("Telegram bot token", &[":A"], Shape::Telegram),
    shaped("Ceph key", &["AQ"], Shape::Ceph),
    format("Postman API key", &["PMAK-"], Hex, 59, 59).split(b'-', 1),
    format("Discord webhook", &DISCORD_WEBHOOKS, Url, 80, 92).split(b'/', 1),
    format("Atlassian API token", &["ATATT3"], Url, 186, 186).split(b'=', 1),
    format("Dynatrace token", &["dt0c01."], Alnum, 89, 89).split(b'.', 1),
    format("Supabase token", &["sbp_"], Hex, 40, 40),
    format("RubyGems API key", &["rubygems_"], Hex, 48, 48),
    format("PlanetScale token", &["pscale_tkn_", "pscale_pw_", "pscale_oauth_"], Url, 32, 64),
    format("Buildkite token", &["bkua_"], LowerAlnum, 40, 40),
    format("Fly.io token", &["fo1_"], Url, 43, 43),
    format("Fly.io macaroon", &["fm1a_", "fm1r_", "fm2_"], Base64, 100, OPEN),
    format("Contentful token", &["CFPAT-"], Url, 43, 43),
    format("Alibaba Cloud access key ID", &["LTAI"], Alnum, 20, 20),
    format("Brevo API key", &["xkeysib-", "xsmtpsib-"], Alnum, 81, 81).split(b'-', 1),
    format("Groq API key", &["gsk_"], Alnum, 52, 52),
    format("Perplexity API key", &["pplx-"], Alnum, 48, 48),
    format("xAI API key", &["xai-"], Alnum, 80, 80),
    format("Mapbox secret token", &["sk.eyJ"], Url, 60, OPEN).split(b'.', 1),
    format("Prefect API key", &["pnu_"], Alnum, 36, 36),
    format("ReadMe API key", &["rdme_"], LowerAlnum, 70, 70),
    format("Frame.io token", &["fio-u-"], Url, 64, 64),
    format("Adafruit IO key", &["aio_"], Alnum, 28, 28),
    format("1Password service account token", &["ops_eyJ"], Base64, 250, OPEN),
    format("NuGet API key", &["oy2"], LowerAlnum, 43, 43),
    format("JFrog reference token", &["cmVmdGtuOjAxOj"], Alnum, 50, 50),
    format("JFrog API key", &["AKCp"], Alnum, 69, 69),
    format("OpenShift token", &["sha256~"], Url, 43, 43),
    format("Tailscale key", &["tskey-auth-", "tskey-api-", "tskey-client-"], Alnum, 40, 64).split(b'-', 1),
    format("EasyPost API key", &["EZAK"], Alnum, 54, 54),
    format("Notion token", &["ntn_"], Alnum, 46, 46),
    format("Shippo API token", &["shippo_live_"], Hex, 40, 40),
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

/// Builds the prefix automaton (see [`super::warm_up`]).
pub(super) fn warm_up() {
    LazyLock::force(&AUTOMATON);
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
    // A DFA: a few hundred patterns, some of two bytes, defeat the prefilters; a full
    // transition table scans each byte in one step.
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
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
            // A prefix that is not a token may hide one that starts inside it: `x:AKIA...` is no
            // Telegram bot token, but holds an AWS key id.
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
        Shape::Telegram => telegram(text, at, after),
        Shape::AzureClientSecret => azure_client_secret(text, at, after),
        Shape::Ceph => ceph(bytes, at),
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

/// A run of exactly `min..=max` bytes of `alphabet` from `from`, not followed by more of it.
fn exact_run(bytes: &[u8], from: usize, alphabet: Alphabet, min: usize, max: usize) -> Option<usize> {
    let end = run_end(bytes, from, alphabet, max);
    let runs_on = bytes.get(end).is_some_and(|&b| alphabet.has(b));
    (end - from >= min && !runs_on).then_some(end)
}

/// `123456789:AA...`: a bot id of 5–16 digits at a word boundary (or after the `bot` of an API
/// URL, `https://api.telegram.org/bot<token>/`), then `:A` and 34 of `[A-Za-z0-9_-]`.
fn telegram(text: &str, colon: usize, after: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let digits = bytes.get(..colon)?.iter().rev().take(17).take_while(|b| b.is_ascii_digit()).count();
    let start = colon - digits;
    let before = bytes.get(..start)?;
    let before = before.strip_suffix(b"bot").unwrap_or(before);
    if !(5..=16).contains(&digits) || before.last().is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let end = exact_run(bytes, after, Alphabet::Url, 34, 34)?;
    (!is_placeholder(text.get(after..end)?, Alphabet::Url)).then_some((start, end))
}

/// `abc8Q~...`: three of `[A-Za-z0-9_~.]` and a digit before `Q~`, 31–34 of `[A-Za-z0-9_~.-]`
/// after it, and none of that alphabet on either side.
fn azure_client_secret(text: &str, q: usize, after: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let start = q.checked_sub(4)?;
    let &[a, b, c, digit] = bytes.get(start..q)? else { return None };
    let head = [a, b, c].iter().all(|&x| Alphabet::Azure.has(x) && x != b'-') && digit.is_ascii_digit();
    let joined = start.checked_sub(1).and_then(|i| bytes.get(i)).is_some_and(|&x| Alphabet::Azure.has(x));
    if !head || joined {
        return None;
    }
    let end = exact_run(bytes, after, Alphabet::Azure, 31, 34)?;
    (!is_placeholder(text.get(after..end)?, Alphabet::Azure)).then_some((start, end))
}

/// A Ceph key (`ceph auth get-key`): base64 of a 12-byte header (u16 type 1 = AES, creation time,
/// key length 16) and the 16 key bytes; the header check makes a two-letter prefix safe.
fn ceph(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let end = at + 40;
    let encoded = std::str::from_utf8(bytes.get(at..end)?).ok()?;
    let joined = |b: Option<&u8>| b.is_some_and(|&b| Alphabet::Base64.has(b) || b == b'=');
    if joined(at.checked_sub(1).and_then(|i| bytes.get(i))) || joined(bytes.get(end)) || !encoded.ends_with("==") {
        return None;
    }
    let key = super::base64::decode(encoded)?;
    (key.len() == 28 && key.get(..2) == Some(&[1, 0]) && key.get(10..12) == Some(&[16, 0])).then_some((at, end))
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
    fn ceph_keys_by_their_header() {
        assert_eq!(
            found("key: AQBHCbtT6APDHhAA5W00cBchwkQjh3dkKsyPjw==\n"),
            [("Ceph key", "AQBHCbtT6APDHhAA5W00cBchwkQjh3dkKsyPjw==")]
        );
        // Base64 of anything else starting `AQ`, and a key inside a longer string, are not.
        assert!(found("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHA==").is_empty());
        assert!(found("xAQBHCbtT6APDHhAA5W00cBchwkQjh3dkKsyPjw==").is_empty());
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

    /// `n` characters cycling through `chars`: a body of a format's alphabet that mixes letters
    /// and digits, as generated tokens do.
    fn fill(chars: &str, n: usize) -> String {
        chars.chars().cycle().take(n).collect()
    }

    const ALNUM: &str = "k3Jq9Zx2Wm7R";
    const LOWER: &str = "k3jq9zx2wm7r";
    const HEX: &str = "3f9a0c7e5b1d";
    const URL: &str = "k3J_q9Z-x2Wm";

    #[test]
    fn formats_added_for_more_providers() {
        let tokens = [
            ("Heroku API key", format!("HRKU-AA{}", fill(URL, 58))),
            ("Sentry user token", format!("sntryu_{}", fill(HEX, 64))),
            ("Sentry org token", format!("sntrys_eyJpYXQiOjE3{}=_{}", fill("k3Jq9+Zx2/Wm", 120), fill(ALNUM, 43))),
            ("Postman API key", format!("PMAK-{}-{}", fill(HEX, 24), fill(HEX, 34))),
            ("Discord webhook", format!("https://discord.com/api/webhooks/1234567890123456789/{}", fill(URL, 68))),
            ("Atlassian API token", format!("ATATT3{}={}", fill(URL, 177), "E4F531A9")),
            ("Dynatrace token", format!("dt0c01.{}.{}", fill("K3JQ9ZX2WM7R", 24), fill("K3JQ9ZX2WM7R", 64))),
            ("Supabase token", format!("sbp_{}", fill(HEX, 40))),
            ("RubyGems API key", format!("rubygems_{}", fill(HEX, 48))),
            ("PlanetScale token", format!("pscale_pw_{}", fill(ALNUM, 43))),
            ("Buildkite token", format!("bkua_{}", fill(LOWER, 40))),
            ("Fly.io token", format!("fo1_{}", fill(URL, 43))),
            ("Fly.io macaroon", format!("fm2_{}==", fill("k3Jq9+Zx2/Wm", 180))),
            ("Contentful token", format!("CFPAT-{}", fill(URL, 43))),
            ("Alibaba Cloud access key ID", format!("LTAI{}", fill(ALNUM, 20))),
            ("Brevo API key", format!("xkeysib-{}-{}", fill(HEX, 64), fill(ALNUM, 16))),
            ("Groq API key", format!("gsk_{}", fill(ALNUM, 52))),
            ("Perplexity API key", format!("pplx-{}", fill(ALNUM, 48))),
            ("xAI API key", format!("xai-{}", fill(ALNUM, 80))),
            ("Mapbox secret token", format!("sk.eyJ1IjoiY2F1bGsiLCJhIjoi{}.{}", fill(URL, 40), fill(URL, 22))),
            ("Prefect API key", format!("pnu_{}", fill(ALNUM, 36))),
            ("ReadMe API key", format!("rdme_{}", fill(LOWER, 70))),
            ("Frame.io token", format!("fio-u-{}", fill(URL, 64))),
            ("Adafruit IO key", format!("aio_{}", fill(ALNUM, 28))),
            ("1Password service account token", format!("ops_eyJ{}", fill("k3Jq9+Zx2/Wm", 300))),
            ("NuGet API key", format!("oy2{}", fill(LOWER, 43))),
            ("JFrog reference token", format!("cmVmdGtuOjAxOj{}", fill(ALNUM, 50))),
            ("JFrog API key", format!("AKCp{}", fill(ALNUM, 69))),
            ("OpenShift token", format!("sha256~{}", fill(URL, 43))),
            ("Tailscale key", format!("tskey-auth-{}CNTRL-{}", fill(ALNUM, 12), fill(ALNUM, 32))),
            ("EasyPost API key", format!("EZAK{}", fill(ALNUM, 54))),
            ("Notion token", format!("ntn_{}", fill(ALNUM, 46))),
            ("Shippo API token", format!("shippo_live_{}", fill(HEX, 40))),
            ("Google OAuth client secret", format!("GOCSPX-{}", fill(URL, 28))),
            ("Google OAuth access token", format!("ya29.a0{}", fill(URL, 150))),
            ("Azure shared access key", format!("SharedAccessKey={}=", fill("k3Jq9+Zx2/Wm", 43))),
            ("Azure AD client secret", format!("Ab_7Q~{}", fill("k3Jq9.Zx2~_-", 34))),
            ("Stripe webhook secret", format!("whsec_{}", fill(ALNUM, 32))),
            ("Slack token", format!("xapp-1-A0123456789-1234567890123-{}", fill(HEX, 64))),
            ("Hugging Face token", format!("api_org_{}", fill(ALNUM, 34))),
        ];
        for (provider, token) in &tokens {
            for text in [format!("VALUE={token}\n"), format!("\"{token}\","), format!("- '{token}'")] {
                assert_eq!(found(&text), [(*provider, token.as_str())], "{text}");
            }
        }
    }

    #[test]
    fn telegram_bot_tokens_are_a_bot_id_then_a_secret() {
        let token = format!("123456789:AA{}", fill(URL, 33));
        assert_eq!(found(&format!("BOT_TOKEN={token}")), [("Telegram bot token", token.as_str())]);
        let url = format!("https://api.telegram.org/bot{token}/sendMessage");
        assert_eq!(found(&url), [("Telegram bot token", token.as_str())]);
        for quiet in [
            format!("x{token}"),
            format!("1234:AA{}", fill(URL, 33)),
            format!("{token}a"),
            "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11".to_string(),
            "12:30:AM, 2024-05-01T10:20:30:Alpha".to_string(),
        ] {
            assert!(found(&quiet).is_empty(), "{quiet}");
        }
        // A prefix that is no token does not hide the one inside it.
        assert_eq!(found("id:AKIA2E3F4G5H6J7K2L3M"), [("AWS access key ID", "AKIA2E3F4G5H6J7K2L3M")]);
    }

    #[test]
    fn azure_ad_secrets_need_their_head_and_a_boundary() {
        let secret = format!("Ab_7Q~{}", fill("k3Jq9.Zx2~_-", 34));
        assert_eq!(found(&format!("client_secret: {secret}")), [("Azure AD client secret", secret.as_str())]);
        for quiet in [
            format!("x{secret}"),
            format!("{secret}k"),
            format!("Ab_xQ~{}", fill("k3Jq9.Zx2~_-", 34)),
            format!("Ab_7Q~{}", fill("k3Jq9.Zx2~_-", 30)),
            "~".repeat(40),
            ".ui.visible.right.sidebar~.ui.visible.left.sidebar~.pusher{transform:none}".to_string(),
        ] {
            assert!(found(&quiet).is_empty(), "{quiet}");
        }
    }

    #[test]
    fn short_prefixes_and_lookalikes_in_prose_and_code() {
        for quiet in [
            // Inside a word, one character short or long, or in the wrong case.
            format!("decoy2{}", fill(LOWER, 43)),
            format!("oy2{}", fill(LOWER, 42)),
            format!("oy2{}", fill(LOWER, 44)),
            format!("oy2{}", fill(ALNUM, 43)),
            format!("ALTAI{}", fill(ALNUM, 20)),
            format!("LTAI{}", fill(ALNUM, 19)),
            format!("LTAI{}", fill(ALNUM, 21)),
            format!("info1_{}", fill(URL, 43)),
            format!("Xaio_{}", fill(ALNUM, 28)),
            // Identifiers, file names and documentation.
            "aio_read(&cb); aio_impl_release; AIO_BLOCK_BODY; utils.sl.py; pnu_K = post.pnu_K".to_string(),
            "xai-api-key gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx pplx-your-key".to_string(),
            "GOCSPX-test-secret SharedAccessKey=<key> SharedAccessKey=${SB_KEY} ya29.example".to_string(),
            "ops_eyJzaWduSW5B..[Redacted] tskey-auth-CHANGE_ME_CNTRL-CHANGE_ME whsec_your-webhook-secret".to_string(),
            format!("sntryu_{}", "a".repeat(64)),
            format!("HRKU-AA{}", "x".repeat(58)),
            // Discord URLs that are not webhooks, and a webhook's documented placeholder.
            "https://discord.com/invite/k3Jq9Zx2 https://discord.com/channels/123456789012345678/1234".to_string(),
            "https://discord.com/api/webhooks/{webhook.id}/{webhook.token}".to_string(),
            "https://discord.com/api/webhooks/123456789012345678/token-value".to_string(),
            // Hashes, digests and identifiers.
            "3f2b8c1e-9a4d-4e7b-8c2a-1d5e6f7a8b9c".to_string(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".to_string(),
            "nginx@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".to_string(),
            "sha512-Xn5gTBmzQbY3DOdtjxCjXKqNiQ8lbjeV5GyF3qNwvq9c2Q6e0OVzJwMYa+L6Z8N0m0n1x1z8S0P6yM==".to_string(),
        ] {
            assert!(found(&quiet).is_empty(), "{quiet}");
        }
    }
}
