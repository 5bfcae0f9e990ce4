//! Word splitting, quote removal and builder-flag extraction, following BuildKit's rules.

use super::lexer::sl;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// Byte ranges of the words of `text`: unquoted whitespace separates; quotes and escapes are kept
/// (BuildKit's `parseWords`). `''` is a word; an unterminated quote runs to the end.
pub(super) fn split_ranges(text: &str, escape: char) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut quote = Quote::None;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match quote {
            Quote::None => {
                if c.is_whitespace() {
                    if let Some(s) = start.take() {
                        out.push((s, i));
                    }
                    continue;
                }
                if start.is_none() {
                    start = Some(i);
                }
                if c == '\'' {
                    quote = Quote::Single;
                } else if c == '"' {
                    quote = Quote::Double;
                } else if c == escape {
                    chars.next();
                }
            }
            Quote::Single => {
                if c == '\'' {
                    quote = Quote::None;
                }
            }
            Quote::Double => {
                if c == '"' {
                    quote = Quote::None;
                } else if c == escape {
                    chars.next();
                }
            }
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The result of removing quotes and escapes from a raw word.
pub(super) struct Unquoted {
    pub text: String,
    /// Some quote char acted as a quote (not escaped).
    pub quoted: bool,
    /// Every quote was closed.
    pub terminated: bool,
}

/// Removes quotes and escapes like BuildKit's shell lexer (`ProcessWord`, without expansion):
/// single quotes are literal; in double quotes the escape char escapes only `"`, `$` and itself;
/// outside quotes it escapes any char. Whitespace is kept.
pub(super) fn unquote(raw: &str, escape: char) -> Unquoted {
    let mut text = String::with_capacity(raw.len());
    let mut quoted = false;
    let mut quote = Quote::None;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Quote::None => {
                if c == '\'' {
                    quote = Quote::Single;
                    quoted = true;
                } else if c == '"' {
                    quote = Quote::Double;
                    quoted = true;
                } else if c == escape {
                    if let Some(n) = chars.next() {
                        text.push(n);
                    }
                } else {
                    text.push(c);
                }
            }
            Quote::Single => {
                if c == '\'' {
                    quote = Quote::None;
                } else {
                    text.push(c);
                }
            }
            Quote::Double => {
                if c == '"' {
                    quote = Quote::None;
                } else if c == escape {
                    match chars.peek() {
                        Some(&n) if n == '"' || n == '$' || n == escape => {
                            text.push(n);
                            chars.next();
                        }
                        Some(_) => text.push(c),
                        None => {}
                    }
                } else {
                    text.push(c);
                }
            }
        }
    }
    Unquoted { text, quoted, terminated: quote == Quote::None }
}

/// A `--name[=value]` token before an instruction's arguments (offsets into the scanned text).
#[derive(Debug)]
pub(super) struct RawFlag {
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub name_end: usize,
    /// Processed value and its raw range.
    pub value: Option<(String, usize, usize)>,
}

/// BuildKit's `extractBuilderFlags`: leading words starting with `--`, quotes removed, `\`
/// escapes (always backslash); a bare `--` ends the flags. Returns the flags and the offset where
/// the arguments start (after whitespace).
pub(super) fn extract_flags(text: &str, from: usize) -> (Vec<RawFlag>, usize) {
    let mut flags = Vec::new();
    let mut i = from;
    loop {
        i = skip_whitespace(text, i);
        let rest = sl(text, i, text.len());
        if !rest.starts_with("--") {
            return (flags, i.min(text.len()));
        }
        let start = i;
        let mut word = String::new();
        let mut eq: Option<(usize, usize)> = None; // (raw offset, offset in word)
        let mut quote: Option<char> = None;
        let mut chars = rest.char_indices().peekable();
        let mut end = text.len();
        while let Some((j, c)) = chars.next() {
            let at = start + j;
            let literal = match quote {
                None if c.is_whitespace() => {
                    end = at;
                    break;
                }
                None if c == '\'' || c == '"' => {
                    quote = Some(c);
                    None
                }
                Some(q) if c == q => {
                    quote = None;
                    None
                }
                _ if c == '\\' => match chars.next() {
                    Some((k, n)) => Some((start + k, n)),
                    None => {
                        quote = None;
                        None
                    }
                },
                _ => Some((at, c)),
            };
            if let Some((pos, ch)) = literal {
                if ch == '=' && eq.is_none() {
                    eq = Some((pos, word.len()));
                }
                word.push(ch);
            }
        }
        i = end;
        if word == "--" {
            return (flags, skip_whitespace(text, end));
        }
        let body = word.get(2..).unwrap_or("");
        let flag = match eq {
            Some((raw_eq, w_eq)) => RawFlag {
                start,
                end,
                name: sl(&word, 2, w_eq).to_string(),
                name_end: raw_eq,
                value: Some((sl(&word, w_eq + 1, word.len()).to_string(), raw_eq + 1, end)),
            },
            None => RawFlag { start, end, name: body.to_string(), name_end: end, value: None },
        };
        flags.push(flag);
    }
}

fn skip_whitespace(text: &str, i: usize) -> usize {
    let rest = sl(text, i, text.len());
    if rest.is_empty() {
        return i.min(text.len());
    }
    text.len() - rest.trim_start().len()
}

/// `^(\d*)<<(-?)([^<]*)$` with a non-empty delimiter part: returns (strip_tabs, delimiter part).
pub(super) fn heredoc_word(raw: &str) -> Option<(bool, &str)> {
    let digits = raw.bytes().take_while(u8::is_ascii_digit).count();
    let r = raw.get(digits..)?.strip_prefix("<<")?;
    let (chomp, rest) = match r.strip_prefix('-') {
        Some(x) => (true, x),
        None => (false, r),
    };
    if rest.is_empty() || rest.contains('<') {
        return None;
    }
    Some((chomp, rest))
}
