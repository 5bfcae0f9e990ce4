//! Provider token formats: a fixed prefix and a body of a known alphabet and length, found in one
//! pass. An Aho-Corasick automaton over every prefix finds the candidates; each is then checked
//! against its format, its boundaries and the placeholder test, so plain text costs one scan.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

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
}

const fn format(
    provider: &'static str,
    prefixes: &'static [&'static str],
    alphabet: Alphabet,
    min: usize,
    max: usize,
) -> Format {
    Format { provider, prefixes, alphabet, min, max }
}

use Alphabet::{Alnum, Base32, Base64, Bech32Upper, Hex, Url};

const OPEN: usize = usize::MAX;

/// The formats, described in the catalog entry of SEC101.
pub static FORMATS: &[Format] = &[
    format("AWS access key ID", &["AKIA", "ASIA", "ABIA", "ACCA"], Base32, 16, 16),
    format("GitHub token", &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], Alnum, 36, 36),
    format("GitHub fine-grained token", &["github_pat_"], Url, 82, 82),
    format("GitLab token", &["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "GR1348941"], Url, 20, 64),
    format("Slack token", &["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-"], Url, 10, OPEN),
    format("Slack webhook", &["https://hooks.slack.com/services/"], Url, 40, OPEN),
    format("Stripe live key", &["sk_live_", "rk_live_"], Alnum, 24, OPEN),
    format("SendGrid API key", &["SG."], Url, 66, 69),
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
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for m in ac.find_iter(text) {
        let Some(&fi) = owner.get(m.pattern().as_usize()) else { continue };
        let Some(f) = FORMATS.get(fi) else { continue };
        if let Some(end) = body_end(f, bytes, m.start(), m.end())
            && !is_placeholder(&text[m.end()..end])
        {
            out.push(Token { span: Span::new(base + m.start(), base + end), format: fi });
        }
    }
    out
}

/// Where a token starting at `start` whose prefix ends at `body` ends, if it has the format.
fn body_end(f: &Format, bytes: &[u8], start: usize, body: usize) -> Option<usize> {
    // A token starts at a word boundary (`xAKIA...` is not a key id), except URLs.
    let starts_word = !f.prefixes.iter().all(|p| p.starts_with("https://"));
    if starts_word && start > 0 && bytes.get(start - 1).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let mut end = body;
    // SendGrid keys are `SG.<22>.<43>`; Slack webhook paths are `T.../B.../secret`.
    let sendgrid = f.prefixes == ["SG."];
    let slack = f.prefixes.iter().any(|p| p.contains("hooks.slack.com"));
    while let Some(&b) = bytes.get(end) {
        let ok = f.alphabet.has(b) || (sendgrid && b == b'.') || (slack && b == b'/');
        if !ok || end - body == f.max {
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
    let runs_on = bytes.get(end).is_some_and(|&b| f.alphabet.has(b));
    if len < f.min || (f.max != OPEN && runs_on) {
        return None;
    }
    if sendgrid && bytes.get(body..end).is_none_or(|b| b.iter().filter(|&&c| c == b'.').count() != 1) {
        return None;
    }
    Some(end)
}

/// Bodies that are documentation, not credentials: `AKIAIOSFODNN7EXAMPLE`, `xxxx...`, a run of
/// one character, or a body with no digit where providers always mix (`ghp_yourtokenhere...`).
fn is_placeholder(body: &str) -> bool {
    let lower = body.to_ascii_lowercase();
    if ["example", "xxxx", "your", "token", "placeholder", "changeme", "dummy", "fake", "sample"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return true;
    }
    let first = body.as_bytes().first();
    if body.bytes().all(|b| Some(&b) == first) {
        return true;
    }
    // Random bodies of this length always mix letters and digits.
    body.len() >= 16 && (!body.bytes().any(|b| b.is_ascii_digit()) || !body.bytes().any(|b| b.is_ascii_alphabetic()))
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
    fn words_documentation_keys_and_placeholders_are_not_tokens() {
        // Inside a word, too long for the format, or the documented example.
        assert!(found("xAKIA2E3F4G5H6J7K2L3M").is_empty());
        assert!(found("AKIA2E3F4G5H6J7K2L3MN").is_empty());
        assert!(found("AKIAIOSFODNN7EXAMPLE").is_empty());
        assert!(found("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").is_empty());
        assert!(found("ghp_yourpersonalaccesstokengoeshereabc").is_empty());
        assert!(found("glpat-PUT_YOUR_TOKEN_HERE").is_empty());
        // Short or lookalike prefixes in prose.
        assert!(found("SKIP this key-value pair; dapi is not a token").is_empty());
        assert!(found("hf_hub_download(repo_id)").is_empty());
    }
}
