//! Byte ranges into a source file, and the line index that turns them into positions.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the original bytes of one file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `offset`, for findings about something that is missing.
    pub const fn point(offset: usize) -> Self {
        Span { start: offset, end: offset }
    }

    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The text under the span, or `""` when the span does not fit `src` on char boundaries.
    pub fn slice<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }
}

/// A 1-based line and column (in Unicode scalar values) plus the byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// Maps byte offsets to lines and columns in O(log lines).
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { line_starts }
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(0)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The position of `offset`, clamped into `text` and onto a char boundary.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        Position { line: line + 1, column, offset }
    }

    /// The byte offset of a 0-based line and a column counted in UTF-16 code units (LSP).
    pub fn offset_utf16(&self, text: &str, line: usize, col16: usize) -> usize {
        let Some(&start) = self.line_starts.get(line) else {
            return text.len();
        };
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= col16 || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    }
}

/// Start of one contiguous piece of joined text and the source offset it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seg {
    text: usize,
    src: usize,
}

/// Maps offsets in a derived text (continuation-joined lines, a heredoc body with tabs stripped, a
/// shell string) back to offsets in the source file, piece by piece.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    len: usize,
}

impl OffsetMap {
    /// Appends `len` bytes of text copied from `src_start`.
    pub fn push(&mut self, src_start: usize, len: usize) {
        if len == 0 && !self.segs.is_empty() {
            return;
        }
        self.segs.push(Seg { text: self.len, src: src_start });
        self.len += len;
    }

    /// The source offset of text offset `t`; at a piece boundary, the start of the later piece.
    pub fn start(&self, t: usize) -> usize {
        let t = t.min(self.len);
        let i = self.segs.partition_point(|s| s.text <= t);
        match i.checked_sub(1).and_then(|i| self.segs.get(i)) {
            Some(s) => s.src + (t - s.text),
            None => self.segs.first().map_or(t, |s| s.src),
        }
    }

    /// The source offset just after text offset `t - 1`; at a piece boundary, the end of the
    /// earlier piece (so spans never swallow a removed escape char and line break).
    pub fn end(&self, t: usize) -> usize {
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

    pub fn span(&self, a: usize, b: usize) -> Span {
        if a >= b {
            let p = self.start(a);
            Span::new(p, p)
        } else {
            Span::new(self.start(a), self.end(b))
        }
    }

    /// The map of the sub-text `a..b`, rebased so that `a` becomes offset 0.
    pub fn sub(&self, a: usize, b: usize) -> OffsetMap {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let text = "ab\nçd\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), Position { line: 1, column: 1, offset: 0 });
        assert_eq!(idx.position(text, 3), Position { line: 2, column: 1, offset: 3 });
        // 'ç' is two bytes; the 'd' after it is column 2.
        assert_eq!(idx.position(text, 5), Position { line: 2, column: 2, offset: 5 });
        // Past the end clamps.
        assert_eq!(idx.position(text, 99).line, 3);
        // Inside a multi-byte char moves back to its start.
        assert_eq!(idx.position(text, 4).column, 1);
    }

    #[test]
    fn utf16_offsets_round_trip() {
        let text = "a😀b\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset_utf16(text, 0, 3), 5);
        assert_eq!(idx.offset_utf16(text, 1, 0), 7);
        assert_eq!(idx.offset_utf16(text, 9, 0), text.len());
    }
}
