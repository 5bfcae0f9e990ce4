//! DF722: a `LABEL` key that breaks Docker's key conventions (hadolint DL3048).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::correctness::labels;
use crate::rules::{Context, Rule};

pub struct InvalidLabelKey;

impl Rule for InvalidLabelKey {
    fn code(&self) -> &'static str {
        "DF722"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            for label in labels::of_stage(file, stage) {
                // A key we cannot resolve is not guessed.
                let Some(key) = label.key else { continue };
                let Some(problem) = key_problem(&key) else { continue };
                let d = cx.diag(label.key_span, format!("label key `{key}` {problem}")).with_help(
                    "use a lower-case reverse-DNS key made of letters, digits, `.` and `-`, such as \
                     `org.opencontainers.image.source` or `com.example.team`",
                );
                cx.emit(d);
            }
        }
    }
}

/// What is wrong with a key, following hadolint (which, beyond Docker's guidelines, allows `_`
/// and `/`).
fn key_problem(key: &str) -> Option<String> {
    const RESERVED: [&str; 3] = ["com.docker.", "io.docker.", "org.dockerproject."];
    if let Some(ns) = RESERVED.iter().find(|ns| key.starts_with(**ns)) {
        return Some(format!("is in the `{ns}*` namespace, which Docker reserves for itself"));
    }
    if key.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some("has upper-case letters".into());
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_' | '/');
    if let Some(c) = key.chars().find(|c| !allowed(*c)) {
        return Some(format!("has `{c}`, which is not allowed in a label key"));
    }
    if !key.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("does not start with a lower-case letter".into());
    }
    if !key.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        return Some("does not end with a letter or digit".into());
    }
    if let Some(sep) = ["..", "--"].into_iter().find(|s| key.contains(s)) {
        return Some(format!("has consecutive separators `{sep}`"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::spans as test_spans;

    #[test]
    fn keys_like_hadolint() {
        // What hadolint 2.15 accepts and rejects.
        for ok in ["a", "ab", "a_b", "a__b", "a.-b", "a//b", "abc1", "a.1", "com.dockerx", "maintainer"] {
            assert_eq!(key_problem(ok), None, "{ok}");
        }
        for bad in [
            "Foo",
            "aB",
            "a..b",
            "a--b",
            "com.docker.x",
            "io.docker.y",
            "org.dockerproject.z",
            "1abc",
            "abc.",
            "abc-",
            "_abc",
            "abc_",
            "a:b",
            "a@b",
            "a/",
            "/a",
            "é",
            "9",
            "",
        ] {
            assert!(key_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn findings() {
        let src = "FROM a\nARG K=team\nLABEL FOO=$FOO org.example.x=1 \"Bad Key\"=2 com.example.$K=3 $UNKNOWN=4\nLABEL Maintainer me\n";
        assert_eq!(test_spans("DF722", src), vec!["FOO", "\"Bad Key\"", "Maintainer"]);
    }
}
