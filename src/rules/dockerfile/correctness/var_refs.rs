//! The `$NAME` / `${NAME...}` references BuildKit expands in an instruction's words, with their
//! exact source spans. Shared by the variable rules so they all see the same references that
//! BuildKit's shell lexer would look up (single quotes and escaped `$` do not expand).

use std::collections::HashMap;

use crate::span::Span;
use crate::syntax::dockerfile::{Args, Instruction, KeyValue, Word};

/// The platform ARGs BuildKit defines in the global scope (usable in `FROM` without an `ARG`;
/// inside a stage they need `ARG <name>` to be in scope).
pub const PLATFORM_ARGS: [&str; 9] = [
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETSTAGE",
];

/// The proxy ARGs Docker predefines: `--build-arg` sets them without an `ARG` in the file.
pub const PROXY_ARGS: [&str; 10] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// One reference, as offsets into the scanned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    pub name: String,
    /// From `$` to the end of the reference (`}` included).
    pub start: usize,
    pub end: usize,
    /// The operator of `${NAME<op>word}`: `:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `%`, `/`.
    pub modifier: Option<String>,
}

/// A reference located in the source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRef {
    pub name: String,
    pub modifier: Option<String>,
    pub span: Span,
}

impl SourceRef {
    /// What BuildKit makes of this reference when the variable is not declared.
    pub fn unset_effect(&self, src: &str) -> String {
        let text = self.span.slice(src);
        match self.modifier.as_deref() {
            Some(":-" | "-") => format!("`{text}` always takes its default"),
            Some(":?" | "?") => format!("`{text}` fails the build"),
            _ => "BuildKit expands it to an empty string".to_string(),
        }
    }
}

/// The pairs of one `ENV` or `ARG` by key, to find the pair that sets a variable before a
/// reference in the same instruction.
pub struct Pairs<'p> {
    first: HashMap<&'p str, &'p KeyValue>,
}

impl<'p> Pairs<'p> {
    pub fn new(pairs: &'p [KeyValue]) -> Self {
        let mut first = HashMap::new();
        for kv in pairs {
            first.entry(kv.key.text.as_str()).or_insert(kv);
        }
        Pairs { first }
    }

    /// The pair that sets `r`'s variable before `r`, if any (the first pair of a key ends first).
    pub fn set_before(&self, r: &SourceRef) -> Option<&'p KeyValue> {
        self.first.get(r.name.as_str()).copied().filter(|kv| kv.span.end <= r.span.start)
    }
}

/// The candidate `name` is most likely a typo of, for a "did you mean" hint: the same letters in
/// another case, or one edit away (two for names of 8 or more characters).
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = if name.chars().count() >= 8 { 2 } else { 1 };
    // Names this long are not typed by hand; the length filter keeps the distance cheap.
    if name.len() > 128 {
        return None;
    }
    candidates
        .into_iter()
        .filter(|c| *c != name && c.len().abs_diff(name.len()) <= limit)
        .map(|c| (edit_distance(&name.to_ascii_lowercase(), &c.to_ascii_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance (an adjacent transposition is one edit: `PAHT` -> `PATH`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let at = |row: &[usize], j: usize| row.get(j).copied().unwrap_or(usize::MAX / 2);
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let mut v = (at(&prev, j + 1) + 1).min(at(&cur, j) + 1).min(at(&prev, j) + usize::from(ca != cb));
            let swapped = i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca);
            if swapped {
                v = v.min(at(&before, j - 1) + 1);
            }
            cur.push(v);
        }
        before = std::mem::replace(&mut prev, cur);
    }
    at(&prev, b.len())
}

/// The references of `text`, following BuildKit's lexer: single quotes are literal, the escape
/// char escapes the next char, `${NAME<op>word}` also expands the references inside `word`.
/// Positional (`$1`) and special (`$@`) parameters are not names and are left out.
pub fn scan(text: &str, escape: char) -> Vec<VarRef> {
    let mut out = Vec::new();
    Scanner { text, escape, out: &mut out, depth: 0 }.words(0, None);
    out
}

/// The references of an instruction's arguments (flags excluded), located in the source.
pub fn in_args(ins: &Instruction, src: &str, escape: char) -> Vec<SourceRef> {
    match &ins.args {
        Args::Shell(t) => scan(&t.text, escape)
            .into_iter()
            .map(|r| SourceRef { span: t.source_span(r.start, r.end), name: r.name, modifier: r.modifier })
            .collect(),
        Args::Exec(words) => words.iter().flat_map(|w| in_json_word(w, src, escape)).collect(),
    }
}

/// The references of a flag value such as `--chown=$UID`.
pub fn in_flag_value(value_span: Span, src: &str, escape: char) -> Vec<SourceRef> {
    located(value_span.slice(src), value_span, escape)
}

/// A JSON string's references: exact when the string has no JSON escapes, else on the whole word.
fn in_json_word(w: &Word, src: &str, escape: char) -> Vec<SourceRef> {
    let raw = w.span.slice(src);
    let inner = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"'));
    if inner == Some(w.text.as_str()) {
        return located(&w.text, Span::new(w.span.start + 1, w.span.end - 1), escape);
    }
    scan(&w.text, escape).into_iter().map(|r| SourceRef { name: r.name, modifier: r.modifier, span: w.span }).collect()
}

/// References of `text`, which is exactly the source under `span` (no continuation inside).
fn located(text: &str, span: Span, escape: char) -> Vec<SourceRef> {
    let exact = !text.contains('\n');
    scan(text, escape)
        .into_iter()
        .map(|r| SourceRef {
            span: if exact { Span::new(span.start + r.start, span.start + r.end) } else { span },
            name: r.name,
            modifier: r.modifier,
        })
        .collect()
}

struct Scanner<'a, 'o> {
    text: &'a str,
    escape: char,
    out: &'o mut Vec<VarRef>,
    /// Nesting of `${A:-${B:-...}}`, bounded so that no input can exhaust the stack.
    depth: usize,
}

/// Deeper `${...}` nesting than any real file has; past it the rest of the text is skipped.
const MAX_DEPTH: usize = 32;

impl Scanner<'_, '_> {
    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    /// Unquoted text from `i` up to `stop` (consumed) or the end; returns the offset after the
    /// stop char, or `None` when the text ended first.
    fn words(&mut self, mut i: usize, stop: Option<char>) -> Option<usize> {
        while let Some(c) = self.char_at(i) {
            if Some(c) == stop {
                return Some(i + 1);
            }
            i = match c {
                '\'' => self.text.get(i + 1..).and_then(|s| s.find('\'')).map_or(self.text.len(), |n| i + n + 2),
                '"' => self.double(i + 1),
                '$' => self.dollar(i),
                c if c == self.escape => self.skip_escaped(i),
                c => i + c.len_utf8(),
            };
        }
        None
    }

    /// The escape char and the char it escapes.
    fn skip_escaped(&self, i: usize) -> usize {
        let after = i + self.escape.len_utf8();
        after + self.char_at(after).map_or(0, char::len_utf8)
    }

    /// Inside double quotes, from after the opening quote; returns the offset after the closing one.
    fn double(&mut self, mut i: usize) -> usize {
        while let Some(c) = self.char_at(i) {
            i = match c {
                '"' => return i + 1,
                '$' => self.dollar(i),
                c if c == self.escape => self.skip_escaped(i),
                c => i + c.len_utf8(),
            };
        }
        self.text.len()
    }

    /// At a `$`: records the reference and returns the offset after it.
    fn dollar(&mut self, at: usize) -> usize {
        let i = at + 1;
        if self.char_at(i) != Some('{') {
            let (name, end) = self.name(i);
            if is_identifier(name) {
                self.out.push(VarRef { name: name.to_string(), start: at, end, modifier: None });
            }
            return end;
        }
        let i = i + 1;
        if matches!(self.char_at(i), None | Some('{' | '}' | ':')) {
            return i; // bad substitution: BuildKit fails the build, nothing is looked up
        }
        let (name, j) = self.name(i);
        let name = name.to_string();
        let (modifier, word_start) = match self.char_at(j) {
            Some('}') => (None, None),
            Some(':') => match self.char_at(j + 1) {
                Some(c @ ('-' | '+' | '?')) => (Some(format!(":{c}")), Some(j + 2)),
                _ => return j + 1,
            },
            Some(c @ ('-' | '+' | '?' | '#' | '%' | '/')) => (Some(c.to_string()), Some(j + 1)),
            _ => return j,
        };
        // The nested word's own references are recorded before this one; order does not matter.
        let end = match word_start {
            Some(_) if self.depth >= MAX_DEPTH => return self.text.len(),
            Some(w) => {
                self.depth += 1;
                let end = self.words(w, Some('}'));
                self.depth -= 1;
                // `${A:-x` without its `}`: BuildKit fails the build, nothing is looked up.
                let Some(end) = end else { return self.text.len() };
                end
            }
            None => j + 1,
        };
        if is_identifier(&name) {
            self.out.push(VarRef { name, start: at, end, modifier });
        }
        end
    }

    /// BuildKit's `processName`: digits (a positional parameter), one special char, or a name.
    fn name(&self, i: usize) -> (&str, usize) {
        let rest = self.text.get(i..).unwrap_or("");
        let len = match rest.chars().next() {
            Some(c) if c.is_ascii_digit() => rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len()),
            Some(c @ ('@' | '*' | '#' | '?' | '-' | '$' | '!')) => c.len_utf8(),
            _ => rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len()),
        };
        (rest.get(..len).unwrap_or(""), i + len)
    }
}

fn is_identifier(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, &str, Option<String>)> {
        scan(text, '\\').into_iter().map(|r| (r.name, text.get(r.start..r.end).unwrap_or(""), r.modifier)).collect()
    }

    #[test]
    fn finds_references_like_buildkit() {
        assert_eq!(names("a $A b"), vec![("A".into(), "$A", None)]);
        assert_eq!(names("${A}/x"), vec![("A".into(), "${A}", None)]);
        assert_eq!(names("\"$A\" '$B'"), vec![("A".into(), "$A", None)]);
        assert_eq!(names(r"\$A $B"), vec![("B".into(), "$B", None)]);
        assert_eq!(names("$1 $@ $ $$"), vec![]);
        assert_eq!(names("${A:-$B}"), vec![("B".into(), "$B", None), ("A".into(), "${A:-$B}", Some(":-".into()))]);
        assert_eq!(
            names("${A-x}${C#*/}"),
            vec![("A".into(), "${A-x}", Some("-".into())), ("C".into(), "${C#*/}", Some("#".into()))]
        );
        assert_eq!(names("$A_B.c"), vec![("A_B".into(), "$A_B", None)]);
        // Unterminated or bad forms never panic.
        assert_eq!(names("${A"), vec![]);
        assert_eq!(names("${A:-x $B"), vec![("B".into(), "$B", None)]);
        assert_eq!(names("${}"), vec![]);
        assert_eq!(names("${:x}"), vec![]);
        assert_eq!(names("${A:x}"), vec![]);
        assert_eq!(names("'unterminated $A"), vec![]);
        assert_eq!(names("\"é$É\""), vec![("É".into(), "$É", None)]);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("PAHT", ["PATH", "HOME"]), Some("PATH"));
        assert_eq!(suggest("version", ["VERSION"]), Some("VERSION"));
        assert_eq!(suggest("GIT_VERSON", ["GIT_VERSION", "GO_VERSION"]), Some("GIT_VERSION"));
        assert_eq!(suggest("FOO", ["BAR"]), None);
        assert_eq!(suggest("A", []), None);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn deep_nesting_does_not_exhaust_the_stack() {
        let text = "${A:-".repeat(100_000);
        assert_eq!(scan(&text, '\\'), vec![]);
        let name = "A".repeat(1_000_000);
        assert_eq!(suggest(&name, [name.as_str(), "B"]), None);
    }

    #[test]
    fn backtick_escape() {
        let refs = scan("`$A $B", '`');
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].name, "B");
    }
}
