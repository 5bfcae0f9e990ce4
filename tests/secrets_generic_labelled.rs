//! A labelled set for the name-and-value detectors (SEC203 hardcoded-credential, and SEC201's
//! keyed formats): credentials of every style people write (random, with symbols, base64, hex,
//! passphrases, UUID tokens, weak human passwords) under secret names in many spellings, and hard
//! negatives (references, interpolations, templates, placeholders, SOPS and SealedSecret
//! ciphertext, and credential-looking values under names that are not secret). Each case is
//! written in every place a pair hides: Compose `environment` (map and list), a `.env` file, a
//! properties file inside a ConfigMap, container `args`, a Dockerfile `RUN` line, a
//! kustomization's `secretGenerator` literals, a Secret's base64 `data`, and a
//! `last-applied-configuration` annotation. The test prints precision and recall and holds them
//! to 99% and 97%.

mod common;

use common::generate::{Rng, Tally, base64};

const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const SYMBOLS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%*+?@^~-_.";
const BASE64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const HEX: &str = "0123456789abcdef";
const WORDS: [&str; 12] = [
    "correct", "horse", "battery", "staple", "orbit", "maple", "quartz", "lantern", "willow", "ember", "tundra",
    "violet",
];

/// Secret names, in the spellings of env files, YAML, JSON and properties.
const NAMES: [&str; 16] = [
    "DB_PASSWORD",
    "POSTGRES_PASSWORD",
    "REDIS_PASS",
    "API_KEY",
    "apiKey",
    "client_secret",
    "JWT_SECRET",
    "SECRET_KEY_BASE",
    "AUTH_TOKEN",
    "accessToken",
    "SMTP_PASSWORD",
    "ADMIN_PWD",
    "SESSION_SECRET",
    "webhookSecret",
    "ENCRYPTION_KEY",
    "LDAP_BIND_CREDENTIALS",
];

/// Credentials of every style, each under a secret name.
fn positives() -> Vec<(String, String)> {
    let mut rng = Rng(0x243F_6A88_85A3_08D3);
    let mut out = Vec::new();
    for i in 0..8 {
        let words: Vec<&str> = (0..4 + i % 2).map(|_| rng.pick(&WORDS)).collect();
        let (alnum_len, symbols_len) = (12 + rng.below(20), 11 + rng.below(12));
        let styles = [
            rng.string(ALNUM, alnum_len),
            format!("a{}", rng.string(SYMBOLS, symbols_len)),
            format!("{}=", rng.string(BASE64, 43)),
            rng.string(BASE64, 32),
            rng.string(HEX, 32 + 32 * (i % 2)),
            words.join("-"),
            rng.uuid(),
            // A word, then a generator's digits and letters.
            format!("{}{}{}", rng.pick(&WORDS), rng.below(900) + 100, rng.string(ALNUM, 5)),
        ];
        for value in styles {
            out.push((NAMES[rng.below(NAMES.len())].to_string(), value));
        }
    }
    out
}

/// Pairs that must stay quiet.
fn negatives() -> Vec<(String, String)> {
    let mut rng = Rng(0x1319_8A2E_0370_7344);
    let mut out: Vec<(String, String)> = [
        ("DB_PASSWORD", "${DB_PASSWORD}"),
        ("DB_PASSWORD", "${DB_PASSWORD:-x9Kq2mZr}"),
        ("DB_PASSWORD", "${DB_PASSWORD:?required}"),
        ("API_KEY", "$API_KEY"),
        ("DB_PASSWORD", "$(cat /run/secrets/db_password)"),
        ("DB_PASSWORD", "{{ .Values.db.password }}"),
        ("DEPLOY_TOKEN", "${{ secrets.DEPLOY_TOKEN }}"),
        ("SMTP_PASSWORD", "%SMTP_PASSWORD%"),
        ("jwtSecret", "#{vault.jwt}"),
        ("ADMIN_PASSWORD", "changeme"),
        ("ADMIN_PASSWORD", "ChangeMe123!"),
        ("API_KEY", "example-api-key-123"),
        ("API_KEY", "<your-api-key>"),
        ("GITHUB_TOKEN", "PUT_YOUR_TOKEN_HERE"),
        ("API_TOKEN", "xxxxxxxxxxxxxxxx"),
        ("DB_PASSWORD", "********"),
        ("CLIENT_SECRET", "dummy-secret-42"),
        ("DB_PASSWORD", "placeholder"),
        ("SECRET_KEY", "REPLACE_ME"),
        ("DB_PASSWORD", "/run/secrets/db_password"),
        ("DB_PASSWORD", "db-credentials"),
        ("REDIS_PASSWORD", "redis-auth-v2"),
        ("ENABLE_TOKEN", "true"),
        ("DB_PASSWORD", "postgres"),
        ("MYSQL_ROOT_PASSWORD", "example"),
        ("DB_PASSWORD", "ENC[AES256_GCM,data:Zm9vYmFy,iv:YmFyYmF6,tag:YmF6cXV4,type:str]"),
        ("DB_PASSWORD", "12345678"),
        ("SECRET", "aaaaaaaaaaaa"),
        ("PASSWORD_FILE", "/run/secrets/db_password"),
        ("TOKEN_PATH", "/var/run/secrets/tokens/vault-token"),
        ("SECRET_NAME", "app-secrets-v2"),
        ("TOKEN_TTL", "3600s"),
        ("PASSWORD_MIN_LENGTH", "12"),
        ("TOKEN_ENDPOINT", "https://auth.acme.io/oauth/token"),
        ("DATABASE_URL", "postgres://db.internal:5432/app"),
        ("SECRET_KEY_REF", "app-secrets/db-password"),
        ("SECRETS_DIR", "/etc/app/secrets"),
        ("SECRET_KEY", "@SECRET_KEY@"),
        ("API_KEY", "null"),
        ("DB_PASSWORD", "~"),
        ("ADMIN_PASSWORD_HASH", "$$2a$$12$$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"),
        ("DB_PASSWORD", "ref+vault://db/creds#password"),
        ("REDIS_PASSWORD", "[redis.password]"),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect();
    for _ in 0..10 {
        let uuid = rng.uuid();
        out.extend([
            ("checksum/secret".to_string(), rng.string(HEX, 64)),
            ("CLIENT_ID".to_string(), uuid),
            ("IMAGE_DIGEST".to_string(), format!("sha256:{}", rng.string(HEX, 64))),
            ("PUBLIC_KEY".to_string(), rng.string(BASE64, 44)),
            ("existingSecret".to_string(), rng.string(ALNUM, 16)),
            ("COMMIT_SHA".to_string(), rng.string(HEX, 40)),
            ("SECRET_KEY_ID".to_string(), rng.string(ALNUM, 20)),
        ]);
    }
    out
}

/// `DB_PASSWORD` as a flag (`db-password`) and as a properties key (`db.password`).
fn spelled(name: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c == '_' {
            out.push(sep);
        } else if c.is_ascii_uppercase() && i > 0 && name.chars().nth(i - 1).is_some_and(|p| p.is_ascii_lowercase()) {
            out.push(sep);
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// Every place a pair is written.
fn contexts(name: &str, value: &str) -> Vec<(&'static str, String)> {
    let quoted = serde_json::to_string(value).unwrap_or_default();
    let kebab = spelled(name, '-');
    let dotted = spelled(name, '.');
    let pod = |args: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector: {{matchLabels: {{app: api}}}}\n  \
             template:\n    metadata: {{labels: {{app: api}}}}\n    spec:\n      containers:\n      - name: api\n        \
             image: acme/api:1.0\n        args: [{args}]\n"
        )
    };
    let mut out = vec![
        ("compose.yaml", format!("services:\n  app:\n    image: app:1.0\n    environment:\n      {name}: {quoted}\n")),
        (
            "manifest.yaml",
            format!(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  app.properties: |\n    {dotted}={value}\n"
            ),
        ),
        ("manifest.yaml", pod(&serde_json::to_string(&format!("--{kebab}={value}")).unwrap_or_default())),
        (
            "manifest.yaml",
            format!(
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n  {kebab}: {}\n",
                base64(value.as_bytes())
            ),
        ),
    ];
    // Unquoted forms need a value without spaces or quotes, as any writer would quote it.
    if !value.contains([' ', '"', '\'']) {
        out.extend([
            ("compose.yaml", format!("services:\n  app:\n    image: app:1.0\n    environment:\n      - {name}={value}\n")),
            (".env", format!("# app settings\n{name}={value}\nLOG_LEVEL=info\n")),
            ("Dockerfile", format!("FROM alpine:3.20\nRUN echo \"{name}={value}\" >> /etc/app.env\nUSER 10001\n")),
            (
                "kustomization.yaml",
                format!(
                    "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nsecretGenerator:\n- name: app\n  \
                     literals:\n  - {name}={value}\n"
                ),
            ),
            (
                "manifest.yaml",
                format!(
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  annotations:\n    \
                     kubectl.kubernetes.io/last-applied-configuration: '{{\"data\":{{\"{name}\":\"{value}\"}}}}'\ndata: {{}}\n"
                ),
            ),
        ]);
    }
    out
}

#[test]
fn sealed_sops_and_external_secrets_hold_no_value() {
    let config = common::all_rules();
    let sealed = "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    \
                  password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq8fQ2v1Nc7xHk\n";
    let sops = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ENC[AES256_GCM,data:8fQ2v1Nc,iv:Zm9v,tag:YmFy,type:str]\n\
                sops:\n  mac: ENC[AES256_GCM,data:Zm9vYmFy,iv:x,tag:y,type:str]\n  encrypted_regex: ^(data|stringData)$\n";
    let external = "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\nspec:\n  \
                    secretStoreRef: {name: vault, kind: ClusterSecretStore}\n  data:\n  - secretKey: password\n    \
                    remoteRef: {key: prod/db, property: password}\n";
    for text in [sealed, sops, external] {
        let found = common::lint_one("manifest.yaml", text, &config);
        assert!(found.iter().all(|d| !d.code.starts_with("SEC")), "{text}: {found:#?}");
    }
}

/// Passwords a person chose, and defaults: not SEC203's, but SEC204's in these deployed-looking files.
const CHOSEN: [&str; 8] =
    ["Summer2024!", "P4ssb0lt", "GoodNewsEveryone", "hunter2", "postgres", "whalehello", "Rocket10maple!", "admin"];

#[test]
fn chosen_passwords_are_information_findings() {
    let config = common::all_rules();
    for value in CHOSEN {
        for (file, text) in contexts("DB_PASSWORD", value) {
            let codes: Vec<&str> = common::lint_one(file, &text, &config).iter().map(|d| d.code).collect();
            assert!(codes.contains(&"SEC204") && !codes.contains(&"SEC203"), "{file}: {value}: {codes:?}");
        }
    }
}

#[test]
fn precision_and_recall_on_the_labelled_set() {
    let config = common::all_rules();
    let fires = |file: &str, text: &str| {
        common::lint_one(file, text, &config).iter().any(|d| d.code == "SEC203" || d.code == "SEC201")
    };
    let mut tally = Tally::default();
    let positives = positives();
    let negatives = negatives();
    for (pairs, secret) in [(&positives, true), (&negatives, false)] {
        for (name, value) in pairs {
            for (file, text) in contexts(name, value) {
                tally.record(secret, fires(file, &text), || format!("{file}: {name}={value}\n{text}"));
            }
        }
    }
    tally.check(&format!(
        "name-and-value labelled set ({} positive and {} negative pairs in up to 9 places)",
        positives.len(),
        negatives.len()
    ));
}
