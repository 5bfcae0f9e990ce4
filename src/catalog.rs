//! The rule catalog: one Markdown document per rule (`rules/<CODE>.md`), embedded at build time.
//!
//! The front matter is the single place a rule's metadata is declared (code, name, severity,
//! aliases, ...); the implementation in `src/rules/` only names its code.

use std::sync::OnceLock;

use crate::diagnostic::Severity;

include!(concat!(env!("OUT_DIR"), "/catalog_entries.rs"));

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExampleKind {
    Bad,
    Good,
    Fixed,
}

/// A fenced example of a catalog entry; the test suite lints every one.
#[derive(Clone, Debug)]
pub struct Example {
    pub kind: ExampleKind,
    pub lang: String,
    /// The file name the example is linted as (`name=` in the fence, else by domain).
    pub filename: String,
    pub text: String,
    /// Other files linted with it, as `(name, text)`: the fences marked `part` just before it
    /// (a cross-file rule's example spans several files).
    pub parts: Vec<(String, String)>,
}

#[derive(Clone, Debug)]
pub struct RuleDoc {
    pub file: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    pub domain: &'static str,
    pub category: &'static str,
    pub severity: Severity,
    pub fix: &'static str,
    pub security_severity: Option<f64>,
    pub cwe: Vec<&'static str>,
    pub aliases: Vec<&'static str>,
    pub references: Vec<&'static str>,
    /// Rules that are off unless selected (`default: off` in the front matter).
    pub opt_in: bool,
    /// The Markdown after the front matter.
    pub body: &'static str,
    /// Read from the body when first asked for: a lint run needs none of them.
    summary: OnceLock<String>,
    examples: OnceLock<Vec<Example>>,
    example_config: OnceLock<Option<String>>,
}

impl RuleDoc {
    /// The first paragraph of "What it does", as one line.
    pub fn summary(&self) -> &str {
        self.summary.get_or_init(|| summary(self.body))
    }

    pub fn examples(&self) -> &[Example] {
        self.examples.get_or_init(|| examples(self.body, self.domain))
    }

    /// A ```` ```toml config ```` block: the `caulk.toml` the examples are linted with, for rules
    /// that only run with some option set.
    pub fn example_config(&self) -> Option<&str> {
        self.example_config.get_or_init(|| example_config(self.body)).as_deref()
    }
}

/// A malformed entry is a bug in the catalog; the test suite reports these.
#[derive(Debug)]
pub struct CatalogError {
    pub file: &'static str,
    pub message: String,
}

pub struct Catalog {
    pub rules: Vec<RuleDoc>,
    pub errors: Vec<CatalogError>,
}

impl Catalog {
    pub fn get(&self, code: &str) -> Option<&RuleDoc> {
        self.rules.iter().find(|r| r.code == code)
    }

    /// Finds a rule by code, name or peer alias (case-insensitive), as users may write any of them.
    pub fn lookup(&self, key: &str) -> Option<&RuleDoc> {
        self.lookup_all(key).next()
    }

    /// Every rule a key names: a name such as `run-as-root` is shared by the rule of each format.
    pub fn lookup_all<'a>(&'a self, key: &str) -> impl Iterator<Item = &'a RuleDoc> + 'a {
        let key = key.trim().to_string();
        self.rules.iter().filter(move |r| {
            r.code.eq_ignore_ascii_case(&key)
                || r.name.eq_ignore_ascii_case(&key)
                || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(&key))
        })
    }
}

/// The catalog, parsed once per process.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut rules = Vec::with_capacity(ENTRIES.len());
        let mut errors = Vec::new();
        for (file, front, body) in ENTRIES {
            match parse_entry(file, front, body) {
                Ok(doc) => rules.push(doc),
                Err(message) => errors.push(CatalogError { file, message }),
            }
        }
        rules.sort_by(|a, b| a.code.cmp(b.code));
        Catalog { rules, errors }
    })
}

fn parse_entry(file: &'static str, front: &'static str, body: &'static str) -> Result<RuleDoc, String> {
    if front.is_empty() {
        return Err("no `---` front matter".into());
    }
    let fields = front_matter(front)?;
    let value = |k: &str| fields.iter().find(|(key, _)| *key == k).map(|(_, v)| v);
    let field = |k: &str| -> Result<&'static str, String> {
        match value(k) {
            Some(Field::Scalar(s)) => Ok(s),
            _ => Err(format!("missing `{k}`")),
        }
    };
    let list = |k: &str| -> Vec<&'static str> {
        match value(k) {
            Some(Field::List(items)) => items.clone(),
            _ => Vec::new(),
        }
    };
    let code = field("code")?;
    let severity = Severity::parse(field("severity")?).ok_or("bad `severity`")?;
    Ok(RuleDoc {
        file,
        code,
        name: field("name")?,
        domain: field("domain")?,
        category: field("category")?,
        severity,
        fix: field("fix")?,
        security_severity: field("security-severity").ok().and_then(|s| s.parse().ok()),
        cwe: list("cwe"),
        aliases: list("aliases"),
        references: list("references"),
        opt_in: field("default").is_ok_and(|d| matches!(d, "off" | "false")),
        body,
        summary: OnceLock::new(),
        examples: OnceLock::new(),
        example_config: OnceLock::new(),
    })
}

#[derive(Debug, PartialEq)]
enum Field {
    Scalar(&'static str),
    List(Vec<&'static str>),
}

/// The front matter, read line by line: it is a fixed subset of YAML (`key: value`,
/// `key: [a, b]`, `key:` then `  - item` lines) that every entry keeps to, and reading it this way
/// costs microseconds where a YAML parse of every entry was most of an empty run's time. Items are
/// taken whole, so a reference may contain `: `.
fn front_matter(front: &'static str) -> Result<Vec<(&'static str, Field)>, String> {
    let mut fields: Vec<(&'static str, Field)> = Vec::new();
    for (n, line) in front.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(item) = line.strip_prefix("  - ") {
            match fields.last_mut() {
                Some((_, Field::List(items))) => items.push(item.trim()),
                _ => return Err(format!("front matter line {}: a list item outside a list", n + 1)),
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':').filter(|(k, _)| !k.is_empty() && !k.starts_with(' ')) else {
            return Err(format!("front matter line {}: expected `key: value`", n + 1));
        };
        let value = value.trim();
        let field = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(inner) => Field::List(inner.split(',').map(str::trim).filter(|i| !i.is_empty()).collect()),
            None if value.is_empty() => Field::List(Vec::new()),
            None => Field::Scalar(value),
        };
        fields.push((key, field));
    }
    Ok(fields)
}

/// The name an example is linted as, unless its fence gives `name=`.
fn default_filename(lang: &str, domain: &str) -> &'static str {
    match (lang, domain) {
        ("dockerfile", _) => "Dockerfile",
        (_, "compose") => "compose.yaml",
        _ => "manifest.yaml",
    }
}

/// The first paragraph of "What it does", as one line.
fn summary(body: &str) -> String {
    let after = body.split("## What it does").nth(1).unwrap_or(body);
    after.trim_start().split("\n\n").next().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every fenced block: its info string (after the backticks) and its text.
fn fences(body: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    let mut lines = body.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else { continue };
        let mut text = String::new();
        for l in lines.by_ref() {
            if l.starts_with("```") {
                break;
            }
            text.push_str(l);
            text.push('\n');
        }
        out.push((info, text));
    }
    out
}

fn is_config(info: &str) -> bool {
    info.split_whitespace().skip(1).any(|w| w == "config")
}

/// The body of the first fenced block whose info string has the word `config`.
fn example_config(body: &str) -> Option<String> {
    fences(body).into_iter().find(|(info, _)| is_config(info)).map(|(_, text)| text)
}

fn examples(body: &str, domain: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut parts = Vec::new();
    for (info, text) in fences(body) {
        // A ```` ```toml config ```` block is `example_config`, not an example.
        if is_config(info) {
            continue;
        }
        let mut words = info.split_whitespace();
        let lang = words.next().unwrap_or("").to_string();
        let mut kind = None;
        let mut part = false;
        let mut filename = default_filename(&lang, domain).to_string();
        for w in words {
            match w {
                "bad" => kind = Some(ExampleKind::Bad),
                "good" => kind = Some(ExampleKind::Good),
                "fixed" => kind = Some(ExampleKind::Fixed),
                "part" => part = true,
                _ => {
                    if let Some(name) = w.strip_prefix("name=") {
                        filename = name.to_string();
                    }
                }
            }
        }
        if part {
            parts.push((filename, text));
        } else if let Some(kind) = kind {
            out.push(Example { kind, lang, filename, text, parts: std::mem::take(&mut parts) });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields_and_lists() {
        let front = "code: X1\nname: a-b\ncwe: [CWE-1, CWE-2]\naliases: []\nreferences:\n  - https://x.test/a\n  - \
                     OWASP Rule 6 (use a module: seccomp)\nsecurity-severity: 7.5\n";
        let fields = front_matter(front).expect("parses");
        let get = |k: &str| fields.iter().find(|(key, _)| *key == k).map(|(_, v)| v);
        assert_eq!(get("code"), Some(&Field::Scalar("X1")));
        assert_eq!(get("cwe"), Some(&Field::List(vec!["CWE-1", "CWE-2"])));
        assert_eq!(get("aliases"), Some(&Field::List(vec![])));
        assert_eq!(
            get("references"),
            Some(&Field::List(vec!["https://x.test/a", "OWASP Rule 6 (use a module: seccomp)"]))
        );
        assert_eq!(get("security-severity"), Some(&Field::Scalar("7.5")));
        assert!(front_matter("  - orphan\n").is_err());
        assert!(front_matter("no colon here\n").is_err());
    }
}
