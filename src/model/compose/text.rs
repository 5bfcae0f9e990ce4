//! Reading parts of a scalar: splitting Compose's short syntax (`host:published:target/proto`)
//! without cutting through `${VAR:-default}`, and the exact span of each part.

use super::Value;
use crate::model::vars;
use crate::span::Span;
use crate::syntax::yaml::{NodeRef, ScalarStyle};

/// The byte ranges of `text` between the `sep` characters that are outside `${...}` (`$$` is an
/// escaped `$`, so `$${` opens nothing).
pub(crate) fn split_outside(text: &str, sep: u8) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut parts = Vec::new();
    let (mut start, mut depth, mut i) = (0, 0usize, 0);
    while i < b.len() {
        match b[i] {
            b'$' if b.get(i + 1) == Some(&b'$') => i += 1,
            b'$' if b.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            b'}' if depth > 0 => depth -= 1,
            c if c == sep && depth == 0 => {
                parts.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push((start, b.len()));
    parts
}

/// The first `sep` outside `${...}`.
pub(super) fn find_outside(text: &str, sep: u8) -> Option<usize> {
    let parts = split_outside(text, sep);
    (parts.len() > 1).then(|| parts.first().map(|p| p.1)).flatten()
}

/// The span of the bytes `start..end` of the scalar `node`'s value. Exact when the value is the
/// scalar's text as written (a plain or quoted scalar without escapes); the whole scalar
/// otherwise, so a span never points at the wrong characters.
pub(super) fn part_span(node: NodeRef<'_>, start: usize, end: usize) -> Span {
    let span = node.span();
    let (Some(text), Some(style)) = (node.str(), node.style()) else { return span };
    let lead = match style {
        ScalarStyle::Plain => 0,
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => 1,
        ScalarStyle::Literal | ScalarStyle::Folded => return span,
    };
    // Unquoting only ever shortens the text, except the `\L` and `\P` escapes (2 bytes for a
    // 3-byte character): same length and neither character means nothing was rewritten.
    let verbatim = span.len() == text.len() + 2 * lead && !text.contains(['\u{2028}', '\u{2029}']);
    if !verbatim || start > end || end > text.len() {
        return span;
    }
    Span::new(span.start + lead + start, span.start + lead + end)
}

/// The bytes `start..end` of the scalar `node` (whose value is `text`) as a [`Value`].
pub(super) fn part(node: NodeRef<'_>, text: &str, (start, end): (usize, usize)) -> Value {
    let span = part_span(node, start, end);
    let s = text.get(start..end).unwrap_or("");
    if vars::has_interpolation(s, true) { Value::Unknown(span) } else { Value::Literal(s.replace("$$", "$"), span) }
}

/// Compose's reading of a boolean (compose-go's `toBoolean`, applied after interpolation):
/// `true`/`false` and YAML 1.1's `y`, `yes`, `on`, `n`, `no`, `off`, in any case, quoted or not.
pub(super) fn compose_bool(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "y" | "yes" | "on" => Some(true),
        "false" | "n" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// Go's `strconv.ParseBool`, which Docker applies to `security_opt` values.
pub(super) fn go_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}
