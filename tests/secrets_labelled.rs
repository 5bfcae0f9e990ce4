//! A labelled set for SEC201 provider-token: credentials of every format with a valid structure
//! (generated from a fixed seed, so the set is the same on every run) and hard negatives from
//! real manifests (hashes, UUIDs, digests, integrity strings, public keys, certificates, example
//! keys, placeholders, references, short prefixes inside words or one character off their length).
//! Each case is linted in a Dockerfile, a manifest and a Compose file; the test prints precision
//! and recall and holds them to 99% and 97%.

mod common;

use common::generate::{Rng, Tally, base64};

/// The formats as their providers document them: prefix, alphabet, body length.
const FORMATS: &[(&str, &str, usize)] = &[
    ("AKIA", B32, 16),
    ("ASIA", B32, 16),
    ("ghp_", ALNUM, 36),
    ("gho_", ALNUM, 36),
    ("ghs_", ALNUM, 36),
    ("github_pat_", URL, 82),
    ("glpat-", URL, 20),
    ("xoxb-", URL, 48),
    ("xoxp-", URL, 60),
    ("sk_live_", ALNUM, 24),
    ("rk_live_", ALNUM, 99),
    ("key-", HEX, 32),
    ("npm_", ALNUM, 36),
    ("pypi-AgEIcHlwaS5vcmc", URL, 70),
    ("dckr_pat_", URL, 27),
    ("shpat_", HEX, 32),
    ("sk-proj-", URL, 120),
    ("sk-ant-api03-", URL, 95),
    ("hf_", ALNUM, 34),
    ("dapi", HEX, 32),
    ("dop_v1_", HEX, 64),
    ("AIza", URL, 35),
    ("SK", HEX, 32),
    ("NRAK-", ALNUM, 27),
    ("sq0atp-", URL, 22),
    ("lin_api_", ALNUM, 40),
    ("pul-", HEX, 40),
    ("dp.pt.", ALNUM, 43),
    ("hvs.", URL, 90),
    ("glsa_", URL, 41),
    ("AGE-SECRET-KEY-1", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
    ("xapp-", URL, 60),
    ("whsec_", B64, 32),
    ("api_org_", ALNUM, 34),
    ("GOCSPX-", URL, 28),
    ("ya29.", URL, 160),
    ("HRKU-AA", URL, 58),
    ("sntryu_", HEX, 64),
    ("sbp_", HEX, 40),
    ("rubygems_", HEX, 48),
    ("pscale_tkn_", URL, 43),
    ("pscale_pw_", ALNUM, 43),
    ("bkua_", LOWER, 40),
    ("fo1_", URL, 43),
    ("fm2_", B64, 200),
    ("CFPAT-", URL, 43),
    ("LTAI", ALNUM, 20),
    ("gsk_", ALNUM, 52),
    ("pplx-", ALNUM, 48),
    ("xai-", ALNUM, 80),
    ("pnu_", ALNUM, 36),
    ("rdme_", LOWER, 70),
    ("fio-u-", URL, 64),
    ("aio_", ALNUM, 28),
    ("ops_eyJ", B64, 400),
    ("oy2", LOWER, 43),
    ("cmVmdGtuOjAxOj", ALNUM, 50),
    ("AKCp", ALNUM, 69),
    ("sha256~", URL, 43),
    ("EZAK", ALNUM, 54),
    ("ntn_", ALNUM, 46),
    ("shippo_live_", HEX, 40),
];

/// A piece of a generated credential: literal text, or characters drawn from an alphabet.
enum Part {
    Lit(&'static str),
    Draw(&'static str, usize),
}

use Part::{Draw, Lit};

/// Formats of several segments, or whose prefix is not fixed, as their providers document them.
const SHAPES: &[&[Part]] = &[
    &[Lit("SG."), Draw(URL, 22), Lit("."), Draw(URL, 43)],
    &[Lit("https://hooks.slack.com/services/T"), Draw(ALNUM, 8), Lit("/B"), Draw(ALNUM, 10), Lit("/"), Draw(ALNUM, 24)],
    &[Lit("eyJhbGciOiJSUzI1NiJ9.eyJ"), Draw(URL, 40), Lit("."), Draw(URL, 43)],
    &[Lit("AccountKey="), Draw(ALNUM, 86), Lit("==")],
    &[Lit("postgres://app:"), Draw(ALNUM, 16), Lit("@db:5432/app")],
    &[
        Lit("Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey="),
        Draw(B64, 43),
        Lit("="),
    ],
    &[Draw(AZURE_HEAD, 3), Draw(DIGITS, 1), Lit("Q~"), Draw(AZURE, 34)],
    &[Lit("sntrys_eyJpYXQiOjE3"), Draw(B64, 150), Lit("=_"), Draw(B64, 43)],
    &[Draw("123456789", 1), Draw(DIGITS, 9), Lit(":AA"), Draw(URL, 33)],
    &[Lit("https://api.telegram.org/bot"), Draw(DIGITS, 10), Lit(":AA"), Draw(URL, 33), Lit("/getMe")],
    &[Lit("PMAK-"), Draw(HEX, 24), Lit("-"), Draw(HEX, 34)],
    &[Lit("https://discord.com/api/webhooks/1"), Draw(DIGITS, 18), Lit("/"), Draw(URL, 68)],
    &[Lit("https://discordapp.com/api/webhooks/"), Draw(DIGITS, 17), Lit("/"), Draw(URL, 68)],
    &[Lit("ATATT3xFfGF0"), Draw(URL, 171), Lit("="), Draw(HEX_UPPER, 8)],
    &[Lit("dt0c01."), Draw(UPPER_ALNUM, 24), Lit("."), Draw(UPPER_ALNUM, 64)],
    &[Lit("xkeysib-"), Draw(HEX, 64), Lit("-"), Draw(ALNUM, 16)],
    &[Lit("sk.eyJ1IjoiY2F1bGsiLCJhIjoi"), Draw(URL, 40), Lit("."), Draw(URL, 22)],
    &[Lit("tskey-auth-"), Draw(ALNUM, 12), Lit("CNTRL-"), Draw(ALNUM, 32)],
];

const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const HEX: &str = "0123456789abcdef";
const B32: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOWER: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const HEX_UPPER: &str = "0123456789ABCDEF";
const DIGITS: &str = "0123456789";
const AZURE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-";
const AZURE_HEAD: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.";

/// A value of `parts`: literals as written, draws from their alphabet.
fn build(rng: &mut Rng, parts: &[Part]) -> String {
    parts
        .iter()
        .map(|part| match part {
            Lit(text) => text.to_string(),
            Draw(alphabet, len) => rng.string(alphabet, *len),
        })
        .collect()
}

fn positives() -> Vec<String> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::new();
    for (prefix, alphabet, len) in FORMATS {
        for _ in 0..7 {
            out.push(build(&mut rng, &[Lit(prefix), Draw(alphabet, *len)]));
        }
    }
    for _ in 0..5 {
        for parts in SHAPES {
            out.push(build(&mut rng, parts));
        }
        out.push(format!("Authorization: Basic {}", base64(format!("deploy:{}", rng.string(ALNUM, 14)).as_bytes())));
        out.push(ceph_key(&mut rng));
    }
    out
}

/// `ceph auth get-key`'s output: base64 of type 1 (u16), a creation time, length 16 (u16), 16 key bytes.
fn ceph_key(rng: &mut Rng) -> String {
    let mut key = vec![1u8, 0];
    key.extend(rng.bytes(8));
    key.extend([16, 0]);
    key.extend(rng.bytes(16));
    base64(&key)
}

/// Values that look like credentials and are not.
fn negatives() -> Vec<String> {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut out: Vec<String> = [
        // Documentation keys and placeholders.
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "ghp_YOUR_PERSONAL_ACCESS_TOKEN_GOES_HERE",
        "<your-github-token>",
        "PUT_YOUR_API_KEY_HERE",
        "sk_live_****************************",
        "glpat-XXXXXXXXXXXXXXXXXXXX",
        "xoxb-your-bot-token",
        "changeme",
        // References, not values.
        "${GITHUB_TOKEN}",
        "${{ secrets.NPM_TOKEN }}",
        "{{ .Values.github.token }}",
        "$(cat /run/secrets/token)",
        "%API_KEY%",
        "postgres://app:${DB_PASSWORD}@db:5432/app",
        "postgres://postgres:postgres@db:5432/app",
        "https://user:<password>@example.com/",
        "mongodb://root:$(MONGO_PASSWORD)@mongo:27017",
        "amqp://guest:{{ .Values.rabbit.password }}@rabbit",
        // Test and public keys.
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "pk_live_51H8bGfK2eZvKYlo2C6bQ4Xy",
        // Public key material.
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host",
        "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTESMBAGA1UEChMJ\n-----END CERTIFICATE-----",
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6\n-----END PUBLIC KEY-----",
        "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
        // Identifiers with prefixes of their own.
        "skip-tls-verify",
        "SKU-2024-0001",
        "hf_hub_download",
        "dapi_version",
        "key-value",
        "AIzaSy",
        "https://hooks.slack.com/services/",
        "eyJhbGciOiJub25lIn0",
        "AccountKey=",
        "Authorization: Basic dXNlcjpwYXNzd29yZA==",
        "Basic Authentication",
        "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        "sha512-Xn5gTBmzQbY3DOdtjxCjXKqNiQ8lbjeV5GyF3qNwvq9c2Q6e0OVzJwMYa+L6Z8N0m0n1x1z8S0P6yM==",
        // Short prefixes in identifiers, file names and prose.
        "aio_impl_release",
        "aio_uami_tenant_id",
        "ALTAIR_DEFAULT_RENDERER_FOR_ALL_CHARTS",
        "utils.sl.py",
        "decoy2 and toy2box are words",
        "pnu_K = self.Post.pnu_K",
        "12:30:AM",
        "fe80::1ff:fe23:4567:890a",
        // Base64 starting `AQ` that is no Ceph key (a protobuf, a DER blob).
        "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHA==",
        "AQAB",
        // Documentation values of the newer formats.
        "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11",
        "https://api.telegram.org/bot<token>/getMe",
        "https://discord.com/api/webhooks/{webhook.id}/{webhook.token}",
        "https://discord.com/api/webhooks/123456789012345678/token-value",
        "https://discord.com/invite/k3Jq9Zx2",
        "https://discord.com/channels/123456789012345678/123456789012345678",
        "GOCSPX-xxxxx",
        "GOCSPX-test-secret",
        "ya29.your-access-token",
        "xai-your-xai-api-key",
        "gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "pplx-your-api-key-here",
        "tskey-auth-CHANGE_ME_CNTRL-CHANGE_ME",
        "whsec_your-webhook-secret",
        "ops_eyJzaWduSW5B..[Redacted]",
        "ATATT3xFfGF0-EXAMPLE-NOT-A-REAL-TOKEN",
        "PMAK-xxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=<key>",
        "SharedAccessKey={{ .Values.serviceBus.key }}",
        "sntrys_eyJpYXQiOjE3OTE1MTc2NzJ9_abcdef",
        "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
        ".ui.visible.right.sidebar~.ui.visible.left.sidebar~.pusher{transform:translate3d(0,0,0)}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for _ in 0..14 {
        let hex = |rng: &mut Rng, n| rng.string(HEX, n);
        out.push(hex(&mut rng, 64)); // sha256
        out.push(hex(&mut rng, 40)); // git commit / sha1
        out.push(hex(&mut rng, 32)); // md5
        out.push(rng.uuid()); // UUID
        out.push(format!("nginx@sha256:{}", hex(&mut rng, 64)));
        out.push(rng.string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 60)); // base64 config blob
        out.push(format!("https://registry.example.com/v2/app/manifests/{}", hex(&mut rng, 12)));
        // Short prefixes one character off their length, or inside a word.
        out.push(format!("oy2{}", rng.string(LOWER, 44)));
        out.push(format!("decoy2{}", rng.string(LOWER, 43)));
        out.push(format!("LTAI{}", rng.string(ALNUM, 21)));
        out.push(format!("aio_{}", rng.string(ALNUM, 27)));
        out.push(format!("{}:AA{}", rng.string(DIGITS, 4), rng.string(URL, 33)));
        out.push(format!("sha256~{}", rng.string(URL, 42)));
    }
    out
}

/// The three places a value sits in: a Dockerfile ENV, a manifest env value, a Compose variable.
fn contexts(value: &str) -> [(&'static str, String); 3] {
    let quoted = serde_json::to_string(value).unwrap_or_default();
    [
        ("Dockerfile", format!("FROM alpine:3.20\nENV VALUE={quoted}\nUSER 10001\n")),
        (
            "manifest.yaml",
            format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  value: {quoted}\n"),
        ),
        ("compose.yaml", format!("services:\n  app:\n    image: app:1.0\n    environment:\n      VALUE: {quoted}\n")),
    ]
}

#[test]
fn precision_and_recall_on_the_labelled_set() {
    let config = common::all_rules();
    let fires = |name: &str, text: &str| common::lint_one(name, text, &config).iter().any(|d| d.code == "SEC201");
    let mut tally = Tally::default();
    let positives = positives();
    let negatives = negatives();
    for (values, secret) in [(&positives, true), (&negatives, false)] {
        for value in values {
            for (name, text) in contexts(value) {
                tally.record(secret, fires(name, &text), || format!("{name}: {value}"));
            }
        }
    }
    tally.check(&format!(
        "SEC201 labelled set ({} positives, {} negatives, in 3 formats)",
        positives.len(),
        negatives.len()
    ));
}
