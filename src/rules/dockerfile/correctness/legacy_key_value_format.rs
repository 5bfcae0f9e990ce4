//! DF721: `ENV key value` / `LABEL key value`, the legacy whitespace form (BuildKit
//! `LegacyKeyValueFormat`).

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::{Instruction, InstructionKind};

pub struct LegacyKeyValueFormat;

impl Rule for LegacyKeyValueFormat {
    fn code(&self) -> &'static str {
        "DF721"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let escape = file.ast.escape;
        for ins in file.ast.instructions.iter().flat_map(|i| std::iter::once(i).chain(i.trigger.as_deref())) {
            if !matches!(ins.kind, InstructionKind::Env | InstructionKind::Label) {
                continue;
            }
            let pairs = ins.key_values(escape);
            let [kv] = pairs.as_slice() else { continue };
            if !kv.legacy || kv.value.is_none() {
                continue;
            }
            let kind = ins.kind;
            let key = &kv.key.text;
            let fix = legacy_fix(ins, escape);
            let help = match &fix {
                Some((_, text)) => {
                    format!("write `{kind} {text}`; the legacy form is deprecated and sets only one key")
                }
                None => format!("write `{kind} {key}=\"value\"`; the legacy form is deprecated and sets only one key"),
            };
            let mut d =
                cx.diag(kv.span, format!("`{kind} {key} ...` uses the legacy `{kind} key value` form")).with_help(help);
            if let Some((edits, _)) = fix {
                d = d.with_fix(Fix {
                    message: format!("rewrite as `{kind} key=value`"),
                    applicability: Applicability::Safe,
                    edits,
                });
            }
            cx.emit(d);
        }
    }
}

/// The edits that turn the legacy pair into `key=value` (the separator becomes `=`; the value is
/// quoted when it has more than one word), and the new pair's text. `None` when the value has an
/// unterminated quote (the build fails on it).
fn legacy_fix(ins: &Instruction, escape: char) -> Option<(Vec<Edit>, String)> {
    let st = ins.args.shell()?;
    let text = st.text.as_str();
    // The parser's split: the key, blanks, then the rest of the line is the value.
    let key_end = text.find(is_blank)?;
    let value_start = text.len() - text.get(key_end..)?.trim_start_matches(is_blank).len();
    let raw_key = text.get(..key_end)?;
    let raw_value = text.get(value_start..)?;
    let value = requote(raw_value, escape)?;
    let separator = st.source_span(key_end, value_start);
    let mut edits = vec![Edit { span: separator, replacement: "=".into() }];
    if value != raw_value {
        edits.push(Edit { span: st.source_span(value_start, text.len()), replacement: value.clone() });
    }
    Some((edits, format!("{raw_key}={value}")))
}

/// BuildKit's `[\t\v\f\r ]`.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\x0b' | '\x0c' | '\r')
}

/// `raw` as one word that BuildKit's lexer reads to the same text and the same variable
/// references: unchanged when it already is one word; otherwise its unquoted parts go inside
/// double quotes (where the escape char keeps only `"`, `$` and itself), quoted parts are kept.
fn requote(raw: &str, escape: char) -> Option<String> {
    #[derive(PartialEq)]
    enum Q {
        None,
        Single,
        Double,
    }
    let mut out = String::with_capacity(raw.len() + 2);
    let mut open = false; // our double quote is open
    let mut split = false; // unquoted whitespace: more than one word
    let mut q = Q::None;
    let mut chars = raw.chars();
    fn ensure_open(out: &mut String, open: &mut bool) {
        if !*open {
            out.push('"');
            *open = true;
        }
    }
    while let Some(c) = chars.next() {
        match q {
            Q::None if c == '\'' => {
                if open {
                    out.push('"');
                    open = false;
                }
                out.push('\'');
                q = Q::Single;
            }
            Q::None if c == '"' => {
                ensure_open(&mut out, &mut open);
                q = Q::Double;
            }
            Q::None if c == escape => {
                ensure_open(&mut out, &mut open);
                if let Some(n) = chars.next() {
                    if n == '"' || n == '$' || n == escape {
                        out.push(escape);
                    }
                    out.push(n);
                }
            }
            Q::None => {
                split |= c.is_whitespace();
                ensure_open(&mut out, &mut open);
                out.push(c);
            }
            Q::Single => {
                out.push(c);
                if c == '\'' {
                    q = Q::None;
                }
            }
            Q::Double if c == '"' => q = Q::None,
            Q::Double => {
                out.push(c);
                if c == escape
                    && let Some(n) = chars.next()
                {
                    out.push(n);
                }
            }
        }
    }
    if q != Q::None {
        return None;
    }
    if !split {
        return Some(raw.to_string());
    }
    if open {
        out.push('"');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use crate::rules::dockerfile::correctness::var_refs;
    use crate::rules::testing::{fixed as test_fix, spans as test_spans};
    use crate::syntax::dockerfile::parse;

    /// The key, value and expanded references of the only pair of the last instruction.
    fn pair(src: &str) -> (String, String, Vec<String>) {
        let df = parse(src);
        let ins = df.instructions.last().expect("an instruction");
        let kvs = ins.key_values(df.escape);
        let [kv] = kvs.as_slice() else { panic!("one pair in {src:?}: {kvs:?}") };
        let value = kv.value.as_ref().map(|v| v.text.clone()).unwrap_or_default();
        let refs = var_refs::in_args(ins, src, df.escape).into_iter().map(|r| r.name).collect();
        (kv.key.text.clone(), value, refs)
    }

    #[test]
    fn fixed_text_parses_to_the_same_pair() {
        let cases = [
            ("ENV A b c", "ENV A=\"b c\""),
            ("ENV A \"b c\"", "ENV A=\"b c\""),
            ("ENV A b", "ENV A=b"),
            ("ENV A   b  \"c d\"  e", "ENV A=\"b  c d  e\""),
            ("ENV A 'x y' z", "ENV A='x y'\" z\""),
            ("ENV A \\$HOME and $PATH", "ENV A=\"\\$HOME and $PATH\""),
            ("ENV A a\\ b c", "ENV A=\"a b c\""),
            ("ENV A ${B:-x y}", "ENV A=\"${B:-x y}\""),
            (
                "LABEL maintainer Erik \\\\Hollensbe <erik@hollensbe.org>\\\"",
                "LABEL maintainer=\"Erik \\\\Hollensbe <erik@hollensbe.org>\\\"\"",
            ),
            ("ENV A \\\n    b c", "ENV A=\"b c\""),
        ];
        for (before, want) in cases {
            let src = format!("FROM a\n{before}\n");
            let fixed = test_fix("DF721", &src);
            assert_eq!(fixed, format!("FROM a\n{want}\n"), "{before}");
            let (k1, v1, r1) = pair(&src);
            let (k2, v2, r2) = pair(&fixed);
            assert_eq!((k1, v1, r1), (k2, v2, r2), "{before} -> {fixed}");
            assert!(!parse(&fixed).instructions.iter().flat_map(|i| i.key_values('\\')).any(|kv| kv.legacy));
        }
    }

    #[test]
    fn findings() {
        assert_eq!(test_spans("DF721", "FROM a\nENV A b\nENV B=c\nLABEL k v\nARG C d\n"), vec!["A b", "k v"]);
        assert_eq!(test_spans("DF721", "FROM a\nONBUILD ENV A b\n"), vec!["A b"]);
        // An unterminated quote breaks the build; no fix is offered for it.
        assert_eq!(test_fix("DF721", "FROM a\nLABEL d it's\n"), "FROM a\nLABEL d it's\n");
        // Backtick escape.
        assert_eq!(test_fix("DF721", "# escape=`\nFROM a\nENV P C:\\a b\n"), "# escape=`\nFROM a\nENV P=\"C:\\a b\"\n");
    }
}
