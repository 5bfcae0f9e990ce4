//! Physical lines, line continuation and the offset map of a continuation-joined logical line.

use crate::span::{OffsetMap, Span};

/// `s[a..b]`, or `""` when the range is not on char boundaries (never panics).
pub(super) fn sl(s: &str, a: usize, b: usize) -> &str {
    s.get(a..b).unwrap_or("")
}

/// One physical line: `start..end` is its content without the line break (and without trailing
/// `\r`s); `next` is where the following line starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Line {
    pub start: usize,
    pub end: usize,
    pub next: usize,
}

/// The physical line that starts at `pos` (which must be a line start or `src.len()`).
pub(super) fn line_at(src: &str, pos: usize) -> Line {
    let bytes = src.as_bytes();
    let rest = bytes.get(pos..).unwrap_or(&[]);
    let (mut end, next) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (pos + i, pos + i + 1),
        None => (bytes.len(), bytes.len()),
    };
    // BuildKit trims every trailing '\r' and '\n' (`bytes.TrimRight(line, "\r\n")`).
    while end > pos && bytes.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    Line { start: pos, end: end.max(pos), next: next.max(pos) }
}

/// The offset of the first non-whitespace char of `src[start..end]` (or `end`).
pub(super) fn skip_ws(src: &str, start: usize, end: usize) -> usize {
    let s = sl(src, start, end);
    end - s.trim_start().len()
}

/// BuildKit's line-continuation test on `src[start..end]`: the escape char followed only by spaces
/// and tabs at the end of the line, and either first on the line or not preceded by another
/// escape char (`([^\\])\\[ \t]*$|^\\[ \t]*$`). Returns the escape char's offset.
pub(super) fn continuation(src: &str, start: usize, end: usize, escape: char) -> Option<usize> {
    let b = src.as_bytes();
    let esc = u8::try_from(escape).ok()?;
    let mut i = end;
    while i > start && matches!(b.get(i - 1), Some(b' ' | b'\t')) {
        i -= 1;
    }
    if i == start || b.get(i - 1) != Some(&esc) {
        return None;
    }
    let at = i - 1;
    if at == start || b.get(at - 1) != Some(&esc) { Some(at) } else { None }
}

/// A continuation-joined instruction line.
#[derive(Clone, Debug, Default)]
pub(super) struct Logical {
    pub text: String,
    pub map: OffsetMap,
}

impl Logical {
    pub(super) fn push(&mut self, src: &str, start: usize, end: usize) {
        let piece = sl(src, start, end);
        self.map.push(start, piece.len());
        self.text.push_str(piece);
    }

    pub(super) fn span(&self, a: usize, b: usize) -> Span {
        self.map.span(a, b)
    }
}
