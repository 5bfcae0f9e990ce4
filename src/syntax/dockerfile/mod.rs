//! A hand-written, dependency-free, lossless Dockerfile parser that follows BuildKit's frontend.
//!
//! Every token keeps its byte range in the original source (BOM included in the offsets). The
//! parser never panics and runs in linear time; problems become [`ParseError`]s and parsing
//! resumes at the next line.

mod heredoc;
mod instruction;
mod json;
mod lexer;
mod words;

#[cfg(test)]
mod tests;

use crate::span::{OffsetMap, Span};

use self::lexer::{Logical, line_at, sl};

/// A parsed Dockerfile.
#[derive(Clone, Debug, PartialEq)]
pub struct Dockerfile {
    /// Parser directives at the top of the file (`# syntax=`, `# escape=`, `# check=`).
    pub directives: Vec<Directive>,
    /// The active escape char: `\` or `` ` ``.
    pub escape: char,
    /// Instructions in source order (unknown instructions are left out, with a [`ParseError`]).
    pub instructions: Vec<Instruction>,
    /// Every comment line, also those inside continuations (not directives, not heredoc bodies).
    pub comments: Vec<Comment>,
    pub errors: Vec<ParseError>,
}

/// A parser directive such as `# escape=\``.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Lowercased: `syntax`, `escape` or `check`.
    pub name: String,
    pub value: String,
    /// From `#` to the end of the line.
    pub span: Span,
    pub value_span: Span,
}

/// A comment line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The text after `#`, trimmed.
    pub text: String,
    /// From `#` to the end of the line, without the line break.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
}

impl ParseError {
    fn new(message: impl Into<String>, span: Span) -> Self {
        ParseError { message: message.into(), span }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InstructionKind {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
}

impl InstructionKind {
    pub const ALL: [InstructionKind; 18] = [
        InstructionKind::Add,
        InstructionKind::Arg,
        InstructionKind::Cmd,
        InstructionKind::Copy,
        InstructionKind::Entrypoint,
        InstructionKind::Env,
        InstructionKind::Expose,
        InstructionKind::From,
        InstructionKind::Healthcheck,
        InstructionKind::Label,
        InstructionKind::Maintainer,
        InstructionKind::Onbuild,
        InstructionKind::Run,
        InstructionKind::Shell,
        InstructionKind::Stopsignal,
        InstructionKind::User,
        InstructionKind::Volume,
        InstructionKind::Workdir,
    ];

    /// The keyword in upper case, e.g. `"FROM"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            InstructionKind::Add => "ADD",
            InstructionKind::Arg => "ARG",
            InstructionKind::Cmd => "CMD",
            InstructionKind::Copy => "COPY",
            InstructionKind::Entrypoint => "ENTRYPOINT",
            InstructionKind::Env => "ENV",
            InstructionKind::Expose => "EXPOSE",
            InstructionKind::From => "FROM",
            InstructionKind::Healthcheck => "HEALTHCHECK",
            InstructionKind::Label => "LABEL",
            InstructionKind::Maintainer => "MAINTAINER",
            InstructionKind::Onbuild => "ONBUILD",
            InstructionKind::Run => "RUN",
            InstructionKind::Shell => "SHELL",
            InstructionKind::Stopsignal => "STOPSIGNAL",
            InstructionKind::User => "USER",
            InstructionKind::Volume => "VOLUME",
            InstructionKind::Workdir => "WORKDIR",
        }
    }

    /// The kind of a keyword, case-insensitively.
    pub fn from_keyword(keyword: &str) -> Option<Self> {
        if keyword.len() > 11 {
            return None;
        }
        Self::ALL.iter().copied().find(|k| k.as_str().eq_ignore_ascii_case(keyword))
    }
}

impl std::fmt::Display for InstructionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One instruction.
#[derive(Clone, Debug, PartialEq)]
pub struct Instruction {
    pub kind: InstructionKind,
    /// The keyword as written (any case).
    pub keyword: Span,
    /// From the keyword to the end of its last line, including continuation lines, heredoc bodies
    /// and terminators; excluding the final line break.
    pub span: Span,
    /// Leading `--name[=value]` options.
    pub flags: Vec<Flag>,
    pub args: Args,
    pub heredocs: Vec<Heredoc>,
    /// ONBUILD's inner instruction.
    pub trigger: Option<Box<Instruction>>,
    /// Blank lines inside a continuation (Docker warns about them).
    pub empty_continuation_lines: Vec<Span>,
}

/// A `--name[=value]` option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub name: String,
    /// Quotes and escapes removed; `None` for `--name` without `=`.
    pub value: Option<String>,
    /// The raw token, `--` included.
    pub span: Span,
    /// The raw name, without the leading `--`.
    pub name_span: Span,
    /// The raw value after `=` (quotes included).
    pub value_span: Option<Span>,
}

/// An instruction's arguments.
#[derive(Clone, Debug, PartialEq)]
pub enum Args {
    /// JSON array form: the strings (exec form).
    Exec(Vec<Word>),
    /// Everything else: the text after the flags.
    Shell(ShellText),
}

impl Args {
    pub fn is_exec(&self) -> bool {
        matches!(self, Args::Exec(_))
    }

    pub fn shell(&self) -> Option<&ShellText> {
        match self {
            Args::Shell(t) => Some(t),
            Args::Exec(_) => None,
        }
    }
}

/// A word: quotes removed, escapes processed; `span` is the raw token in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub span: Span,
}

/// Shell-form argument text, continuation-joined, with a map back to the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellText {
    /// The argument text after the flags: escape char + line break removed, comment lines and
    /// blank lines inside the continuation removed; leading and trailing whitespace trimmed.
    pub text: String,
    /// The source range of `text`.
    pub span: Span,
    map: OffsetMap,
}

impl ShellText {
    /// Maps an offset in `text` to the original byte offset.
    pub fn source_offset(&self, text_offset: usize) -> usize {
        self.map.start(text_offset)
    }

    /// Maps `text[start..end]` to its source range (never including a removed line break at its
    /// edges).
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        self.map.span(start, end)
    }

    /// The map from `text` back to the source.
    pub fn map(&self) -> &OffsetMap {
        &self.map
    }

    /// Words split on unquoted whitespace, quotes removed, escapes processed.
    pub fn words(&self, escape: char) -> Vec<Word> {
        words::split_ranges(&self.text, escape)
            .into_iter()
            .map(|(s, e)| Word {
                text: words::unquote(sl(&self.text, s, e), escape).text,
                span: self.source_span(s, e),
            })
            .collect()
    }
}

/// A `KEY=value` pair of ENV, ARG or LABEL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub key: Word,
    /// `None` for `ARG name` (and for a broken legacy `ENV name`).
    pub value: Option<Word>,
    /// The legacy `ENV key value with spaces` form.
    pub legacy: bool,
    pub span: Span,
}

/// A heredoc of RUN, COPY or ADD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    pub delimiter: String,
    /// Any part of the delimiter was quoted (`<<"EOF"`): the body is not expanded.
    pub quoted: bool,
    /// `<<-`: leading tabs are stripped.
    pub strip_tabs: bool,
    /// The marker word, e.g. `<<-"EOF"`.
    pub marker: Span,
    /// The lines between the marker's line and the terminator (each with its line break).
    pub body: Span,
    /// The terminator line; `None` when unterminated.
    pub terminator: Option<Span>,
    /// The body, leading tabs stripped when `strip_tabs`.
    pub text: String,
    map: OffsetMap,
}

impl Heredoc {
    /// Maps an offset in `text` to the original byte offset.
    pub fn source_offset(&self, text_offset: usize) -> usize {
        self.map.start(text_offset)
    }

    /// The map from `text` back to the source.
    pub fn map(&self) -> &OffsetMap {
        &self.map
    }
}

impl Instruction {
    /// Exec form: its words; shell form: the shell words of the text.
    pub fn words(&self, escape: char) -> Vec<Word> {
        match &self.args {
            Args::Exec(words) => words.clone(),
            Args::Shell(text) => text.words(escape),
        }
    }

    /// ENV, ARG and LABEL pairs; empty for other instructions.
    pub fn key_values(&self, escape: char) -> Vec<KeyValue> {
        instruction::key_values(self, escape, &mut Vec::new())
    }

    /// The flag with this name (the last one, as BuildKit uses).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().rev().find(|f| f.name == name)
    }
}

/// Parses a Dockerfile. Never fails: problems are in `errors`.
pub fn parse(src: &str) -> Dockerfile {
    let mut p = Parser {
        src,
        pos: if src.starts_with('\u{feff}') { 3 } else { 0 },
        escape: '\\',
        out: Dockerfile {
            directives: Vec::new(),
            escape: '\\',
            instructions: Vec::new(),
            comments: Vec::new(),
            errors: Vec::new(),
        },
    };
    p.directives();
    while p.pos < src.len() {
        p.statement();
    }
    p.out.escape = p.escape;
    p.out
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    escape: char,
    out: Dockerfile,
}

impl Parser<'_> {
    /// Parser directives: `# name = value` lines at the very top.
    fn directives(&mut self) {
        while self.pos < self.src.len() {
            let line = line_at(self.src, self.pos);
            let first = lexer::skip_ws(self.src, line.start, line.end);
            let Some((name, vstart, vend)) = directive(self.src, first, line.end) else {
                return;
            };
            let value = sl(self.src, vstart, vend).to_string();
            let span = Span::new(first, line.end);
            let value_span = Span::new(vstart, vend);
            if self.out.directives.iter().any(|d| d.name == name) {
                self.out.errors.push(ParseError::new(format!("only one {name} parser directive can be used"), span));
            } else if name == "escape" {
                match value.as_str() {
                    "\\" => self.escape = '\\',
                    "`" => self.escape = '`',
                    _ => self.out.errors.push(ParseError::new(
                        format!("invalid escape token '{value}' does not match ` or \\"),
                        value_span,
                    )),
                }
            }
            self.out.directives.push(Directive { name, value, span, value_span });
            self.pos = line.next;
        }
    }

    fn comment(&mut self, hash: usize, end: usize) {
        self.out
            .comments
            .push(Comment { text: sl(self.src, hash + 1, end).trim().to_string(), span: Span::new(hash, end) });
    }

    /// One blank line, comment line or instruction (with its continuation lines and heredocs).
    fn statement(&mut self) {
        let src = self.src;
        let line = line_at(src, self.pos);
        self.pos = line.next.max(self.pos + 1);
        let first = lexer::skip_ws(src, line.start, line.end);
        if first >= line.end {
            return;
        }
        if src.as_bytes().get(first) == Some(&b'#') {
            self.comment(first, line.end);
            return;
        }

        let mut logical = Logical::default();
        let mut last_end = line.end;
        let mut empty_lines = Vec::new();
        let mut cont = match lexer::continuation(src, first, line.end, self.escape) {
            Some(esc) => {
                logical.push(src, first, esc);
                true
            }
            None => {
                logical.push(src, first, line.end);
                false
            }
        };
        while cont && self.pos < src.len() {
            let l = line_at(src, self.pos);
            self.pos = l.next.max(self.pos + 1);
            let lf = lexer::skip_ws(src, l.start, l.end);
            if lf >= l.end {
                empty_lines.push(Span::new(l.start, l.end));
                continue;
            }
            if src.as_bytes().get(lf) == Some(&b'#') {
                self.comment(lf, l.end);
                continue;
            }
            last_end = l.end;
            match lexer::continuation(src, l.start, l.end, self.escape) {
                Some(esc) => logical.push(src, l.start, esc),
                None => {
                    logical.push(src, l.start, l.end);
                    cont = false;
                }
            }
        }

        let Some(mut ins) = instruction::parse(&logical, 0, last_end, self.escape, &mut self.out.errors) else {
            return;
        };
        ins.empty_continuation_lines = empty_lines;
        self.heredocs(&mut ins);
        self.out.instructions.push(ins);
    }

    /// Reads the heredoc bodies of `ins` (or of its ONBUILD trigger) after its last line.
    fn heredocs(&mut self, ins: &mut Instruction) {
        let target: &mut Instruction = match ins.trigger.as_deref_mut() {
            Some(t) if ins.kind == InstructionKind::Onbuild => t,
            _ => ins,
        };
        if !matches!(target.kind, InstructionKind::Run | InstructionKind::Copy | InstructionKind::Add) {
            return;
        }
        let markers: Vec<(Span, heredoc::Marker)> = match &target.args {
            Args::Shell(text) => {
                heredoc::markers(&text.text).into_iter().map(|m| (text.source_span(m.start, m.end), m)).collect()
            }
            Args::Exec(_) => return,
        };
        if markers.is_empty() {
            return;
        }
        let mut end = target.span.end;
        for (marker, m) in markers {
            let body = heredoc::read_body(self.src, self.pos, &m.name, m.strip_tabs);
            self.pos = body.next;
            let raw = sl(self.src, body.body.start, body.body.end);
            let (text_value, map) = if m.strip_tabs {
                heredoc::strip_leading_tabs(raw, body.body.start)
            } else {
                let mut map = OffsetMap::default();
                map.push(body.body.start, raw.len());
                (raw.to_string(), map)
            };
            match body.terminator {
                Some(t) => end = end.max(t.end),
                None => {
                    self.out.errors.push(ParseError::new("unterminated heredoc", marker));
                    end = end.max(trim_line_break(self.src, body.body.end));
                }
            }
            target.heredocs.push(Heredoc {
                delimiter: m.name,
                quoted: m.quoted,
                strip_tabs: m.strip_tabs,
                marker,
                body: body.body,
                terminator: body.terminator,
                text: text_value,
                map,
            });
        }
        target.span.end = end;
        ins.span.end = ins.span.end.max(end);
    }
}

/// `end`, moved back over a final line break.
fn trim_line_break(src: &str, mut end: usize) -> usize {
    let b = src.as_bytes();
    while end > 0 && matches!(b.get(end - 1), Some(b'\n' | b'\r')) {
        end -= 1;
    }
    end
}

/// BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` for an allowed directive name.
/// Returns the lowercased name and the value's range.
fn directive(src: &str, start: usize, end: usize) -> Option<(String, usize, usize)> {
    let b = src.as_bytes();
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r');
    if b.get(start) != Some(&b'#') {
        return None;
    }
    let mut i = start + 1;
    while i < end && b.get(i).is_some_and(|&c| is_space(c)) {
        i += 1;
    }
    let name_start = i;
    if !b.get(i).is_some_and(u8::is_ascii_alphabetic) || i >= end {
        return None;
    }
    while i < end && b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    let name = sl(src, name_start, i).to_ascii_lowercase();
    if !matches!(name.as_str(), "syntax" | "escape" | "check") {
        return None;
    }
    while i < end && b.get(i).is_some_and(|&c| is_space(c)) {
        i += 1;
    }
    if b.get(i) != Some(&b'=') || i >= end {
        return None;
    }
    i += 1;
    while i < end && b.get(i).is_some_and(|&c| is_space(c)) {
        i += 1;
    }
    let mut vend = end;
    while vend > i && b.get(vend - 1).is_some_and(|&c| is_space(c)) {
        vend -= 1;
    }
    (vend > i).then_some((name, i, vend))
}
