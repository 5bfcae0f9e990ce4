//! The only file that knows the event parser (`granit-parser`). It turns the parser's events into
//! our own small event type with byte spans in our conventions, so the parser can be swapped
//! (e.g. for `saphyr-parser`) by rewriting this file alone.
//!
//! Conventions of the events produced here:
//! - spans are byte ranges into the source;
//! - a node's anchor and tag arrive with the node event itself;
//! - a block scalar's span starts at its `|`/`>` indicator and ends after its last non-blank
//!   character; an implicit (empty) plain scalar has an empty span and value `""`;
//! - comments may arrive out of source order (the builder sorts them).

use std::borrow::Cow;

use granit_parser::{
    ErrorKind as GErrorKind, Event as GEvent, Options, Parser, ScalarStyle as GStyle, ScanError, Span as GSpan,
    StrInput, StructureStyle,
};

use super::ScalarStyle;
use crate::span::Span;

/// Anchor and tag of a node.
#[derive(Debug, Default)]
pub(super) struct Props<'a> {
    /// The tag as written (`!!str`, `!Ref`, `!<tag:x>`).
    pub tag: Option<String>,
    pub anchor: Option<Anchor<'a>>,
}

#[derive(Debug)]
pub(super) struct Anchor<'a> {
    /// Unique in the stream; aliases refer to it.
    pub id: usize,
    pub name: Cow<'a, str>,
}

#[derive(Debug)]
pub(super) enum Event<'a> {
    DocumentStart {
        explicit: bool,
    },
    DocumentEnd,
    Scalar {
        value: Cow<'a, str>,
        style: ScalarStyle,
        props: Props<'a>,
    },
    SequenceStart {
        flow: bool,
        props: Props<'a>,
    },
    SequenceEnd,
    MappingStart {
        flow: bool,
        props: Props<'a>,
    },
    MappingEnd,
    /// A resolved alias: the id of the anchor it refers to.
    Alias {
        id: usize,
    },
    /// An alias whose anchor is not defined before it in the document.
    UnknownAlias {
        name: Cow<'a, str>,
    },
    /// Text after `#`.
    Comment {
        text: Cow<'a, str>,
    },
    StreamEnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ErrorKind {
    Syntax,
    /// The parser's own nesting limit.
    Depth,
}

#[derive(Debug)]
pub(super) struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub offset: usize,
}

pub(super) struct Events<'a> {
    parser: Parser<'a, StrInput<'a>>,
    src: &'a str,
    /// End of the last node or structure event, where a block scalar's header search starts.
    last_end: usize,
}

impl<'a> Events<'a> {
    /// `max_depth` only makes sure the parser's own nesting limits never fire first.
    pub fn new(src: &'a str, max_depth: usize) -> Self {
        let nesting = max_depth.saturating_add(2).max(255);
        let mut options = Options::default();
        options.emit_anchor_events = true;
        options.emit_unresolved_aliases = true;
        options.emit_comments = true;
        // Long runs of comments (commented-out blocks) must not become errors.
        options.max_buffered_comment_events = usize::MAX;
        options.flow_nesting_limit = nesting;
        options.block_nesting_limit = nesting;
        Events { parser: Parser::new_from_str_with_options(src, options), src, last_end: 0 }
    }

    /// The next event, or `None` once the stream is over (or after an error, until
    /// [`Self::skip_document`]).
    pub fn next(&mut self) -> Option<Result<(Event<'a>, Span), Error>> {
        loop {
            let (event, gspan) = match self.parser.next_event()? {
                Ok(pair) => pair,
                Err(e) => return Some(Err(self.error(&e))),
            };
            let span = self.span(&gspan);
            let event = match event {
                GEvent::StreamStart => continue,
                // Only reachable when not adjacent to its node (never with this parser).
                GEvent::Anchor(..) => continue,
                GEvent::StreamEnd => Event::StreamEnd,
                GEvent::DocumentStart(explicit, _) => Event::DocumentStart { explicit },
                GEvent::DocumentEnd => Event::DocumentEnd,
                GEvent::Comment(text, _) => {
                    let mut span = span;
                    // The parser excludes the line break; make sure a `\r` is excluded too.
                    if self.src.as_bytes().get(span.end.wrapping_sub(1)) == Some(&b'\r') {
                        span.end -= 1;
                    }
                    return Some(Ok((Event::Comment { text }, span)));
                }
                GEvent::Alias(id) => Event::Alias { id },
                GEvent::UnresolvedAlias(name) => Event::UnknownAlias { name },
                GEvent::SequenceStart(style, anchor, tag) => {
                    let props = self.props(anchor, tag.as_deref(), &gspan);
                    let flow = style == StructureStyle::Flow;
                    let span = if flow { span } else { self.dash_before(span) };
                    self.last_end = self.last_end.max(span.end);
                    return Some(Ok((Event::SequenceStart { flow, props }, span)));
                }
                GEvent::MappingStart(style, anchor, tag) => {
                    let props = self.props(anchor, tag.as_deref(), &gspan);
                    Event::MappingStart { flow: style == StructureStyle::Flow, props }
                }
                GEvent::SequenceEnd => Event::SequenceEnd,
                GEvent::MappingEnd => Event::MappingEnd,
                GEvent::Scalar(value, style, anchor, tag) => {
                    let props = self.props(anchor, tag.as_deref(), &gspan);
                    let (value, style, span) = self.scalar(value, style, span);
                    self.last_end = span.end;
                    return Some(Ok((Event::Scalar { value, style, props }, span)));
                }
                // `Event` is non-exhaustive; anything new is presentation metadata.
                #[allow(unreachable_patterns)]
                _ => continue,
            };
            self.last_end = self.last_end.max(span.end);
            return Some(Ok((event, span)));
        }
    }

    /// Abandons the current document (after an error, or to drop it) and moves to the next one.
    /// `Ok(false)` at the end of the stream.
    pub fn skip_document(&mut self) -> Result<bool, Error> {
        self.parser.proceed_next_document().map_err(|e| self.error(&e))
    }

    fn error(&self, e: &ScanError) -> Error {
        let kind = match e.kind() {
            GErrorKind::RecursionLimitExceeded => ErrorKind::Depth,
            _ => ErrorKind::Syntax,
        };
        let offset = e.marker().byte_offset().unwrap_or(self.last_end).min(self.src.len());
        Error { kind, message: e.info(), offset }
    }

    fn span(&self, span: &GSpan) -> Span {
        let start = span.start.byte_offset().unwrap_or(self.last_end);
        let end = span.end.byte_offset().unwrap_or(start).max(start);
        Span::new(start, end)
    }

    fn props(&mut self, anchor_id: usize, tag: Option<&granit_parser::Tag>, gspan: &GSpan) -> Props<'a> {
        let tag = tag.map(|tag| {
            // The exact token when available, else the parser's reconstruction.
            match gspan.tag_span().and_then(|s| s.slice(self.src)) {
                Some(raw) if raw.starts_with('!') => raw.to_owned(),
                _ => tag.original(),
            }
        });
        if let Some(tag_span) = gspan.tag_span() {
            self.last_end = self.last_end.max(self.span(&tag_span).end);
        }
        let mut anchor = None;
        if anchor_id != 0 {
            // The parser emits the anchor's name right after its node.
            if let Some(Ok((GEvent::Anchor(id, _), _))) = self.parser.peek()
                && *id == anchor_id
                && let Some(Ok((GEvent::Anchor(id, name), aspan))) = self.parser.next_event()
            {
                self.last_end = self.last_end.max(self.span(&aspan).end);
                anchor = Some(Anchor { id, name });
            }
            if anchor.is_none() {
                anchor = Some(Anchor { id: anchor_id, name: Cow::Borrowed("") });
            }
        }
        Props { tag, anchor }
    }

    fn scalar(&self, value: Cow<'a, str>, style: GStyle, span: Span) -> (Cow<'a, str>, ScalarStyle, Span) {
        let style = match style {
            GStyle::Plain => ScalarStyle::Plain,
            GStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            GStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            GStyle::Literal => ScalarStyle::Literal,
            GStyle::Folded => ScalarStyle::Folded,
        };
        match style {
            // An implicit null (`key:`) is reported as `~`; keep what the source says.
            ScalarStyle::Plain if span.is_empty() => (Cow::Borrowed(""), style, span),
            ScalarStyle::Literal | ScalarStyle::Folded => (value, style, self.block_scalar_span(span)),
            _ => (value, style, span),
        }
    }

    /// A block sequence may start at its first item's content; move it to the `-` before.
    fn dash_before(&self, span: Span) -> Span {
        let bytes = self.src.as_bytes();
        let mut i = span.start.min(bytes.len());
        if bytes.get(i) == Some(&b'-') {
            return span;
        }
        while i > 0 && matches!(bytes.get(i - 1), Some(b' ' | b'\t')) {
            i -= 1;
        }
        if i > 0 && bytes.get(i - 1) == Some(&b'-') { Span::new(i - 1, span.end.max(i - 1)) } else { span }
    }

    /// The parser's span of a block scalar covers its content only; widen it to the `|`/`>`
    /// header and drop trailing blanks and line breaks.
    fn block_scalar_span(&self, content: Span) -> Span {
        let bytes = self.src.as_bytes();
        let from = self.last_end.min(content.start);
        let mut start = content.start;
        let mut i = from;
        while i < content.start {
            match bytes.get(i) {
                Some(b'|' | b'>') => {
                    start = i;
                    break;
                }
                Some(b' ' | b'\t' | b'\r' | b'\n' | b':' | b'-' | b'?' | b',') => i += 1,
                Some(b'#') => {
                    while i < content.start && !matches!(bytes.get(i), Some(b'\n') | None) {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        let mut end = content.end.min(bytes.len()).max(start);
        while end > start && matches!(bytes.get(end - 1), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            end -= 1;
        }
        if start < content.start {
            // At least the indicator itself.
            end = end.max(start + 1);
        }
        Span::new(start, end)
    }
}

/// The bare parser loop with the options [`Events`] uses: the baseline the tree build is
/// benchmarked against (DESIGN.md: within 1.5x).
pub fn count_events(src: &str) -> usize {
    let mut parser = Events::new(src, 100).parser;
    let mut n = 0;
    loop {
        match parser.next_event() {
            Some(Ok(_)) => n += 1,
            Some(Err(_)) => {
                if parser.proceed_next_document().is_err() {
                    break;
                }
            }
            None => break,
        }
    }
    n
}
