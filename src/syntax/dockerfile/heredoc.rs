//! Heredoc markers (`<<EOF`, `<<-"EOF"`, ...) and their bodies.

use super::lexer::{line_at, sl};
use super::words::{heredoc_word, split_ranges, unquote};
use crate::span::{OffsetMap, Span};

/// A heredoc marker word found in an instruction's argument text (offsets into that text).
#[derive(Debug)]
pub(super) struct Marker {
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub quoted: bool,
    pub strip_tabs: bool,
}

/// The heredoc markers in shell-form arguments, in order. Like BuildKit, words are split with `\`
/// as the escape char whatever `# escape=` says; a marker inside quotes or glued to another word
/// (`cat<<EOF`) is not one, and neither is a here-string (`<<<`).
pub(super) fn markers(text: &str) -> Vec<Marker> {
    if !text.contains("<<") {
        return Vec::new();
    }
    split_ranges(text, '\\')
        .into_iter()
        .filter_map(|(start, end)| {
            let (strip_tabs, rest) = heredoc_word(sl(text, start, end))?;
            if split_ranges(rest, '\\').len() != 1 {
                return None;
            }
            let u = unquote(rest, '\\');
            if !u.terminated || u.text.is_empty() {
                return None;
            }
            Some(Marker { start, end, name: u.text, quoted: u.quoted, strip_tabs })
        })
        .collect()
}

/// Where one heredoc body ended.
pub(super) struct Body {
    pub body: Span,
    pub terminator: Option<Span>,
    /// The offset of the line after the terminator (or the end of the file).
    pub next: usize,
}

/// Reads a body starting at the line at `pos` up to the line equal to `name` (after stripping
/// leading tabs when `strip_tabs`).
pub(super) fn read_body(src: &str, pos: usize, name: &str, strip_tabs: bool) -> Body {
    let start = pos.min(src.len());
    let mut pos = start;
    while pos < src.len() {
        let l = line_at(src, pos);
        let mut candidate = sl(src, l.start, l.end);
        if strip_tabs {
            candidate = candidate.trim_start_matches('\t');
        }
        if candidate == name {
            return Body { body: Span::new(start, l.start), terminator: Some(Span::new(l.start, l.end)), next: l.next };
        }
        if l.next <= pos {
            break;
        }
        pos = l.next;
    }
    Body { body: Span::new(start, src.len()), terminator: None, next: src.len() }
}

/// The body with leading tabs removed from every line, and its map back to the source.
pub(super) fn strip_leading_tabs(body: &str, base: usize) -> (String, OffsetMap) {
    let mut text = String::with_capacity(body.len());
    let mut map = OffsetMap::default();
    let mut src = 0;
    for line in body.split_inclusive('\n') {
        let kept = line.trim_start_matches('\t');
        map.push(base + src + (line.len() - kept.len()), kept.len());
        text.push_str(kept);
        src += line.len();
    }
    (text, map)
}
