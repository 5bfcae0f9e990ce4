//! The exec form: a JSON array of strings, as `encoding/json` accepts it.

/// What `[...]` arguments turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Json {
    /// Valid JSON array of strings: each string's raw token range (with quotes) and its value.
    Strings(Vec<(usize, usize, String)>),
    /// Valid JSON, but not an array of strings (BuildKit rejects it).
    NotStrings,
    /// Not valid JSON (BuildKit falls back to the shell form).
    Invalid,
}

/// `encoding/json`'s nesting limit.
const MAX_DEPTH: usize = 10_000;

fn ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// Parses `text` (which should start with `[`) as a whole JSON document.
pub(super) fn parse_array(text: &str) -> Json {
    let b = text.as_bytes();
    let mut i = ws(b, 0);
    if b.get(i) != Some(&b'[') {
        return Json::Invalid;
    }
    i = ws(b, i + 1);
    let mut words = Vec::new();
    let mut all_strings = true;
    if b.get(i) == Some(&b']') {
        i += 1;
    } else {
        loop {
            i = ws(b, i);
            if b.get(i) == Some(&b'"') {
                let Some((end, value)) = string(text, i, true) else {
                    return Json::Invalid;
                };
                words.push((i, end, value));
                i = end;
            } else {
                let Some(end) = value(text, i) else {
                    return Json::Invalid;
                };
                all_strings = false;
                i = end;
            }
            i = ws(b, i);
            match b.get(i) {
                Some(b',') => i += 1,
                Some(b']') => {
                    i += 1;
                    break;
                }
                _ => return Json::Invalid,
            }
        }
    }
    if ws(b, i) != b.len() {
        return Json::Invalid;
    }
    if all_strings { Json::Strings(words) } else { Json::NotStrings }
}

fn hex4(b: &[u8], i: usize) -> Option<u32> {
    let digits = b.get(i..i + 4)?;
    let mut v = 0u32;
    for &d in digits {
        v = v * 16 + char::from(d).to_digit(16)?;
    }
    Some(v)
}

/// A JSON string starting at `i` (a `"`): its end offset and, when `decode`, its value.
fn string(text: &str, i: usize, decode: bool) -> Option<(usize, String)> {
    let b = text.as_bytes();
    let mut out = String::new();
    let mut j = i + 1;
    let mut run = j;
    loop {
        match *b.get(j)? {
            b'"' => {
                if decode {
                    out.push_str(text.get(run..j)?);
                }
                return Some((j + 1, out));
            }
            b'\\' => {
                if decode {
                    out.push_str(text.get(run..j)?);
                }
                let e = *b.get(j + 1)?;
                j += 2;
                let c = match e {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    b'u' => {
                        let hi = hex4(b, j)?;
                        j += 4;
                        if (0xD800..0xDC00).contains(&hi) && b.get(j) == Some(&b'\\') && b.get(j + 1) == Some(&b'u') {
                            match hex4(b, j + 2) {
                                Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                                    j += 6;
                                    let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                    char::from_u32(cp).unwrap_or('\u{FFFD}')
                                }
                                _ => '\u{FFFD}',
                            }
                        } else {
                            char::from_u32(hi).unwrap_or('\u{FFFD}')
                        }
                    }
                    _ => return None,
                };
                if decode {
                    out.push(c);
                }
                run = j;
            }
            c if c < 0x20 => return None,
            _ => j += 1,
        }
    }
}

fn literal(b: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    (b.get(i..i + word.len())? == word).then_some(i + word.len())
}

fn number(b: &[u8], mut i: usize) -> Option<usize> {
    let digits = |b: &[u8], mut i: usize| {
        let s = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        (i > s).then_some(i)
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits(b, i)?,
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        i = digits(b, i + 1)?;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(b, i)?;
    }
    Some(i)
}

/// A key and its colon inside an object; returns the offset after the colon.
fn key(b: &[u8], text: &str, i: usize) -> Option<usize> {
    let i = ws(b, i);
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let (end, _) = string(text, i, false)?;
    let i = ws(b, end);
    (b.get(i) == Some(&b':')).then_some(i + 1)
}

/// Skips any JSON value at `i` (iteratively, so deep nesting cannot overflow the stack).
fn value(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut stack: Vec<u8> = Vec::new();
    let mut i = i;
    loop {
        // Expect a value.
        i = ws(b, i);
        match *b.get(i)? {
            b'"' => i = string(text, i, false)?.0,
            b'[' => {
                i = ws(b, i + 1);
                if b.get(i) == Some(&b']') {
                    i += 1;
                } else {
                    stack.push(b'[');
                    if stack.len() > MAX_DEPTH {
                        return None;
                    }
                    continue;
                }
            }
            b'{' => {
                i = ws(b, i + 1);
                if b.get(i) == Some(&b'}') {
                    i += 1;
                } else {
                    stack.push(b'{');
                    if stack.len() > MAX_DEPTH {
                        return None;
                    }
                    i = key(b, text, i)?;
                    continue;
                }
            }
            b't' => i = literal(b, i, b"true")?,
            b'f' => i = literal(b, i, b"false")?,
            b'n' => i = literal(b, i, b"null")?,
            _ => i = number(b, i)?,
        }
        // After a value: close containers or move to the next element.
        loop {
            let Some(&top) = stack.last() else {
                return Some(i);
            };
            i = ws(b, i);
            match (*b.get(i)?, top) {
                (b',', b'[') => {
                    i += 1;
                    break;
                }
                (b',', _) => {
                    i = key(b, text, i + 1)?;
                    break;
                }
                (b']', b'[') | (b'}', b'{') => {
                    stack.pop();
                    i += 1;
                }
                _ => return None,
            }
        }
    }
}
