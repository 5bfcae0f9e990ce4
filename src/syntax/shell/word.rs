//! The static value of one shell word: quotes removed, escapes processed, known variables
//! substituted and unquoted expansions split into fields, as the shell would. Anything only the
//! running shell knows (command substitution, arithmetic, an unknown variable) makes the word
//! unknown, so rules never mistake a guess for a literal.

/// Expands one variable reference (`$X`, `${X}`, `${X:-default}`, ...) to its value; `None` when it
/// is not known statically.
pub type Expand<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// The fields `raw` expands to (an unquoted empty expansion gives none, `""` gives one empty field).
pub fn fields(raw: &str, expand: &Expand<'_>) -> Option<Vec<String>> {
    let b = raw.as_bytes();
    // Most words are plain: nothing to remove or expand.
    if !b.iter().any(|c| matches!(c, b'\'' | b'"' | b'\\' | b'`' | b'$' | b'(')) {
        return Some(vec![raw.to_string()]);
    }
    let mut out: Vec<String> = Vec::new();
    // The field being built, and whether it exists yet (`""` creates an empty one).
    let mut cur = String::new();
    let mut started = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\'' => {
                let end = raw[i + 1..].find('\'')? + i + 1;
                cur.push_str(&raw[i + 1..end]);
                started = true;
                i = end + 1;
            }
            b'"' => {
                i = double_quoted(raw, i + 1, &mut cur, expand)?;
                started = true;
            }
            b'\\' => {
                match raw[i + 1..].chars().next() {
                    // A backslash-newline joins lines.
                    Some('\n') => {}
                    Some(c) => {
                        cur.push(c);
                        started = true;
                    }
                    None => cur.push('\\'),
                }
                i += 1 + raw[i + 1..].chars().next().map_or(0, char::len_utf8);
            }
            b'`' => return None,
            // A process substitution `<(...)` is a path only the running shell knows.
            b'<' | b'>' if b.get(i + 1) == Some(&b'(') => return None,
            b'$' => {
                let (len, value) = expansion(&raw[i..], expand)?;
                // Unquoted: split on whitespace, the first piece joining the current field.
                let mut pieces = value.split([' ', '\t', '\n']).peekable();
                let leading = value.starts_with([' ', '\t', '\n']);
                if leading && started {
                    out.push(std::mem::take(&mut cur));
                    started = false;
                }
                while let Some(p) = pieces.next() {
                    if !p.is_empty() {
                        cur.push_str(p);
                        started = true;
                    }
                    if pieces.peek().is_some() && started {
                        out.push(std::mem::take(&mut cur));
                        started = false;
                    }
                }
                i += len;
            }
            _ => {
                let c = raw[i..].chars().next()?;
                cur.push(c);
                started = true;
                i += c.len_utf8();
            }
        }
    }
    if started {
        out.push(cur);
    }
    Some(out)
}

/// Reads a double-quoted string from `start` (after the quote) into `cur`; returns the offset after
/// the closing quote.
fn double_quoted(raw: &str, start: usize, cur: &mut String, expand: &Expand<'_>) -> Option<usize> {
    let b = raw.as_bytes();
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'"' => return Some(i + 1),
            b'\\' => match b.get(i + 1) {
                Some(b'$' | b'`' | b'"' | b'\\') => {
                    cur.push(char::from(b[i + 1]));
                    i += 2;
                }
                Some(b'\n') => i += 2,
                _ => {
                    cur.push('\\');
                    i += 1;
                }
            },
            b'`' => return None,
            b'$' => {
                let (len, value) = expansion(&raw[i..], expand)?;
                cur.push_str(&value);
                i += len;
            }
            _ => {
                let c = raw[i..].chars().next()?;
                cur.push(c);
                i += c.len_utf8();
            }
        }
    }
    // Unterminated: the shell would fail; the value is not known.
    None
}

/// The length and value of the `$...` at the start of `s`; `None` when not static.
fn expansion(s: &str, expand: &Expand<'_>) -> Option<(usize, String)> {
    let rest = &s[1..];
    if let Some(body) = rest.strip_prefix('{') {
        let end = body.find('}')?;
        let token = &s[..end + 3];
        return Some((token.len(), expand(token)?));
    }
    let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
    if len == 0 {
        // `$(...)`, `$((...))`, `$'...'`, `$?`, `$@` ... are not static; a lone `$` is literal.
        return match rest.chars().next() {
            None | Some(' ' | '\t' | '\n' | '"') => Some((1, "$".to_string())),
            _ => None,
        };
    }
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((1 + len, expand(&s[..1 + len])?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(token: &str) -> Option<String> {
        match token {
            "$PKGS" | "${PKGS}" => Some("curl  wget".into()),
            "$V" | "${V}" => Some("1.2".into()),
            "$EMPTY" => Some(String::new()),
            "${NOPE:-x}" => Some("x".into()),
            _ => None,
        }
    }

    #[test]
    fn words_expand_like_the_shell() {
        let f = |raw: &str| fields(raw, &vars);
        let v = |xs: &[&str]| Some(xs.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(f("plain"), v(&["plain"]));
        assert_eq!(f("'a b'"), v(&["a b"]));
        assert_eq!(f(r#""a\"b $V""#), v(&["a\"b 1.2"]));
        assert_eq!(f(r"a\ b"), v(&["a b"]));
        assert_eq!(f("pkg=$V"), v(&["pkg=1.2"]));
        assert_eq!(f("$PKGS"), v(&["curl", "wget"]));
        assert_eq!(f("x$PKGS"), v(&["xcurl", "wget"]));
        assert_eq!(f("\"$PKGS\""), v(&["curl  wget"]));
        assert_eq!(f("$EMPTY"), v(&[]));
        assert_eq!(f("\"\""), v(&[""]));
        assert_eq!(f("${NOPE:-x}"), v(&["x"]));
        assert_eq!(f("$UNKNOWN"), None);
        assert_eq!(f("$(uname -m)"), None);
        assert_eq!(f("`id -u`"), None);
        assert_eq!(f("\"unterminated"), None);
        assert_eq!(f("cost$"), v(&["cost$"]));
        assert_eq!(f("$1"), None);
        assert_eq!(f("<(curl -s https://x)"), None);
        assert_eq!(f("--file=>(tee log)"), None);
        assert_eq!(f("'<(quoted)'"), v(&["<(quoted)"]));
    }
}
