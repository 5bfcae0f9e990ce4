//! Physical lines, line continuation and the offset map of a continuation-joined logical line.

use crate::span::Span;

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

/// Start of one contiguous piece of joined text and the source offset it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seg {
    text: usize,
    src: usize,
}

/// Maps offsets in a continuation-joined text back to offsets in the source file.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(super) struct OffsetMap {
    segs: Vec<Seg>,
    len: usize,
}

impl OffsetMap {
    /// Appends `len` bytes of text copied from `src_start`.
    pub(super) fn push(&mut self, src_start: usize, len: usize) {
        if len == 0 && !self.segs.is_empty() {
            return;
        }
        self.segs.push(Seg { text: self.len, src: src_start });
        self.len += len;
    }

    /// The source offset of text offset `t`; at a piece boundary, the start of the later piece.
    pub(super) fn start(&self, t: usize) -> usize {
        let t = t.min(self.len);
        let i = self.segs.partition_point(|s| s.text <= t);
        match i.checked_sub(1).and_then(|i| self.segs.get(i)) {
            Some(s) => s.src + (t - s.text),
            None => self.segs.first().map_or(t, |s| s.src),
        }
    }

    /// The source offset just after text offset `t - 1`; at a piece boundary, the end of the
    /// earlier piece (so spans never swallow a removed escape char and line break).
    pub(super) fn end(&self, t: usize) -> usize {
        let t = t.min(self.len);
        if t == 0 {
            return self.start(0);
        }
        let i = self.segs.partition_point(|s| s.text < t);
        match i.checked_sub(1).and_then(|i| self.segs.get(i)) {
            Some(s) => s.src + (t - s.text),
            None => self.start(t),
        }
    }

    pub(super) fn span(&self, a: usize, b: usize) -> Span {
        if a >= b {
            let p = self.start(a);
            Span::new(p, p)
        } else {
            Span::new(self.start(a), self.end(b))
        }
    }

    /// The map of the sub-text `a..b`, rebased so that `a` becomes offset 0.
    pub(super) fn sub(&self, a: usize, b: usize) -> OffsetMap {
        let b = b.min(self.len);
        let a = a.min(b);
        let mut out = OffsetMap { segs: Vec::new(), len: b - a };
        for (i, s) in self.segs.iter().enumerate() {
            let te = self.segs.get(i + 1).map_or(self.len, |n| n.text);
            let lo = s.text.max(a);
            let hi = te.min(b);
            if lo < hi {
                out.segs.push(Seg { text: lo - a, src: s.src + (lo - s.text) });
            }
        }
        if out.segs.is_empty() {
            out.segs.push(Seg { text: 0, src: self.start(a) });
        }
        out
    }
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
