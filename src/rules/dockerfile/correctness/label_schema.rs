//! DF723: labels against the configured `[dockerfile] label-schema` (hadolint DL3049-DL3056,
//! DL3058): required labels missing from the final stage, empty values, values of the wrong
//! type, and with `strict-labels` labels the schema does not list.

use std::collections::BTreeSet;

use crate::config::LabelType;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::correctness::{labels, stage_chain};
use crate::rules::{Context, Rule};

pub struct LabelSchema;

impl Rule for LabelSchema {
    fn code(&self) -> &'static str {
        "DF723"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let settings = cx.settings;
        let schema = &settings.options.dockerfile.label_schema;
        if schema.is_empty() {
            return;
        }
        let strict = settings.options.dockerfile.strict_labels.unwrap_or(false);
        for stage in &file.stages {
            for label in labels::of_stage(file, stage) {
                let Some(key) = label.key else { continue };
                let Some(&ty) = schema.get(&key) else {
                    if strict {
                        let d = cx
                            .diag(label.key_span, format!("label `{key}` is not in the label schema"))
                            .with_help("with `strict-labels`, only the labels of `label-schema` are allowed: remove it or add it to the schema");
                        cx.emit(d);
                    }
                    continue;
                };
                // A value we cannot resolve is not guessed.
                let Some(value) = label.value else { continue };
                let problem = if value.is_empty() {
                    Some("is empty".to_string())
                } else {
                    mismatch(ty, &value).map(|what| format!("`{value}` is not {what}"))
                };
                if let Some(problem) = problem {
                    let d = cx
                        .diag(label.value_span, format!("label `{key}`: {problem}"))
                        .with_help(format!("the label schema requires {} for `{key}`", describe(ty)));
                    cx.emit(d);
                }
            }
        }
        let Some(last) = file.final_stage() else { return };
        // The labels of the final stage and of the stages it is built on.
        let mut set = BTreeSet::new();
        for stage in stage_chain(file, last) {
            for label in labels::of_stage(file, stage) {
                // An unresolved key might be any of the required ones.
                let Some(key) = label.key else { return };
                set.insert(key);
            }
        }
        let missing: Vec<String> = schema.keys().filter(|k| !set.contains(*k)).map(|k| format!("`{k}`")).collect();
        if missing.is_empty() {
            return;
        }
        let (s, list) = (if missing.len() == 1 { "" } else { "s" }, missing.join(", "));
        let d = cx
            .diag(last.from.span, format!("the final stage does not set the required label{s} {list}"))
            .with_help(format!("add a `LABEL` for {list} to this stage, as `[dockerfile] label-schema` requires"));
        cx.emit(d);
    }
}

/// What a value of type `ty` must be, for the help text.
fn describe(ty: LabelType) -> &'static str {
    match ty {
        LabelType::Text => "a non-empty text",
        LabelType::Url => "an absolute URL",
        LabelType::Email => "an email address",
        LabelType::Semver => "a semantic version",
        LabelType::Rfc3339 => "an RFC 3339 date-time",
        LabelType::Hash => "a git commit hash",
        LabelType::Spdx => "an SPDX license expression",
    }
}

/// `None` when `value` is of type `ty`, else what it should have been.
fn mismatch(ty: LabelType, value: &str) -> Option<&'static str> {
    let ok = match ty {
        LabelType::Text => true,
        LabelType::Url => is_url(value),
        LabelType::Email => is_email(value),
        LabelType::Semver => is_semver(value),
        LabelType::Rfc3339 => is_rfc3339(value),
        LabelType::Hash => is_git_hash(value),
        LabelType::Spdx => spdx::Expression::parse(value).is_ok(),
    };
    (!ok).then(|| describe(ty))
}

/// An absolute URI (RFC 3986): a scheme, `:`, and only URI characters or `%XX` escapes.
fn is_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let b = rest.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit) && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&c)) {
            return false;
        }
        i += 1;
    }
    scheme_ok && !rest.is_empty()
}

/// An RFC 5322 addr-spec with dot-atom parts: `local@domain`.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else { return false };
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    let dot_atom =
        |p: &str, ok: &dyn Fn(char) -> bool| !p.is_empty() && p.split('.').all(|a| !a.is_empty() && a.chars().all(ok));
    let label = |c: char| c.is_ascii_alphanumeric() || c == '-';
    dot_atom(local, &atext)
        && dot_atom(domain, &label)
        && !domain.split('.').any(|l| l.starts_with('-') || l.ends_with('-'))
}

/// Semantic Versioning 2.0.0: `MAJOR.MINOR.PATCH[-pre.release][+build.meta]`.
fn is_semver(s: &str) -> bool {
    let (rest, build) = match s.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (s, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let numeric = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (p == "0" || !p.starts_with('0'));
    let ident = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let core_ok = core.split('.').count() == 3 && core.split('.').all(numeric);
    let pre_ok = pre
        .is_none_or(|p| p.split('.').all(|id| ident(id) && (!id.bytes().all(|b| b.is_ascii_digit()) || numeric(id))));
    let build_ok = build.is_none_or(|b| b.split('.').all(ident));
    core_ok && pre_ok && build_ok
}

/// RFC 3339 `date-time`: `2024-05-01T12:30:00Z`, `2024-05-01t12:30:00.5+02:00`.
fn is_rfc3339(s: &str) -> bool {
    let digits = |p: Option<&str>, n: usize| -> Option<u32> {
        let p = p?;
        (p.len() == n && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok()).flatten()
    };
    let Some((date, time)) = s.split_once(['T', 't']) else { return false };
    let mut d = date.split('-');
    let (Some(_), Some(month), Some(day)) = (digits(d.next(), 4), digits(d.next(), 2), digits(d.next(), 2)) else {
        return false;
    };
    let offset_at = time.rfind(['Z', 'z', '+', '-']).unwrap_or(time.len());
    let (clock, offset) = time.split_at(offset_at);
    let (hms, frac) = match clock.split_once('.') {
        Some((h, f)) => (h, Some(f)),
        None => (clock, None),
    };
    let mut t = hms.split(':');
    let (Some(h), Some(m), Some(sec)) = (digits(t.next(), 2), digits(t.next(), 2), digits(t.next(), 2)) else {
        return false;
    };
    let offset_ok = match offset {
        "Z" | "z" => true,
        o if o.len() == 6 => {
            let mut p = o.get(1..).unwrap_or("").split(':');
            matches!((digits(p.next(), 2), digits(p.next(), 2)), (Some(oh), Some(om)) if oh < 24 && om < 60)
        }
        _ => false,
    };
    t.next().is_none()
        && d.next().is_none()
        && (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && h < 24
        && m < 60
        && sec <= 60
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
        && offset_ok
}

/// A lower-case hex git commit hash, abbreviated (at least 7 digits) or full (SHA-1 or SHA-256).
fn is_git_hash(s: &str) -> bool {
    ((7..=40).contains(&s.len()) || s.len() == 64)
        && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Options};
    use crate::engine::{SourceFile, lint};

    #[test]
    fn value_types() {
        assert!(is_url("https://github.com/org/repo") && is_url("mailto:a@b.c") && is_url("https://x.io/a%20b"));
        assert!(!is_url("github.com/org/repo") && !is_url("https://x.io/a b") && !is_url("1http://x") && !is_url("x:"));
        assert!(is_email("team@example.com") && is_email("first.last+tag@sub.example.org"));
        assert!(
            !is_email("Team <team@example.com>") && !is_email("a@@b") && !is_email("a..b@c.d") && !is_email("a@-b.c")
        );
        for ok in ["1.0.0", "0.1.0-rc.1", "1.2.3-alpha.0+build.5", "10.20.30"] {
            assert!(is_semver(ok), "{ok}");
        }
        for bad in ["1.0", "v1.0.0", "01.0.0", "1.0.0-01", "1.0.0+", "1.0.0-"] {
            assert!(!is_semver(bad), "{bad}");
        }
        for ok in ["2024-05-01T12:30:00Z", "2024-05-01t12:30:00.25+02:00", "1990-12-31T23:59:60-08:00"] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in
            ["2024-05-01", "2024-13-01T00:00:00Z", "2024-05-01T12:30Z", "2024-05-01T12:30:00", "24-05-01T1:00:00Z"]
        {
            assert!(!is_rfc3339(bad), "{bad}");
        }
        assert!(is_git_hash("0a1b2c3") && is_git_hash("e83c5163316f89bfbde7d9ab23ca2e25604af290"));
        assert!(!is_git_hash("0a1b2c") && !is_git_hash("E83C516") && !is_git_hash("release"));
        assert_eq!(mismatch(LabelType::Spdx, "MIT OR Apache-2.0"), None);
        assert!(mismatch(LabelType::Spdx, "Apache 2").is_some());
    }

    fn found(toml: &str, src: &str) -> Vec<(String, String)> {
        let mut options = Options::from_toml(toml).unwrap();
        options.select = Some(vec!["DF723".into()]);
        let config = Config::new(options).unwrap();
        let diags = lint(&[SourceFile::new("Dockerfile", src)], &config).diagnostics;
        diags.iter().map(|d| (d.span.slice(src).to_string(), d.message.clone())).collect()
    }

    #[test]
    fn schema_findings() {
        let toml = "[dockerfile.label-schema]\nauthor = \"text\"\nsource = \"url\"\nrevision = \"hash\"\n";
        // Labels inherited from a base stage count; an unresolved value is not judged.
        let src = "FROM alpine AS base\nLABEL author=me\nFROM base\nARG REV\nLABEL source=github.com/x revision=$REV\n";
        let got = found(toml, src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "github.com/x");
        // Missing labels are one finding on the final stage's FROM; empty values are reported.
        let got = found(toml, "FROM alpine\nLABEL author=\"\"\n");
        assert_eq!(got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), vec!["FROM alpine", "\"\""]);
        assert!(got[0].1.contains("`revision`, `source`"), "{got:?}");
        // An unresolved key might be a required one: no missing-label finding.
        assert!(found(toml, "FROM alpine\nARG K\nLABEL $K=1\n").is_empty());
        // strict-labels reports the others.
        let strict = format!("{toml}[dockerfile]\nstrict-labels = true\n");
        let src = "FROM alpine\nLABEL author=me source=https://x.io revision=0a1b2c3 extra=1\n";
        assert_eq!(found(&strict, src).iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), vec!["extra"]);
        // No schema, no findings.
        assert!(found("", "FROM alpine\nLABEL x=1\n").is_empty());
    }
}
