//! Variable expansion as Dockerfiles and Compose do it: `$VAR`, `${VAR}`, `${VAR:-default}`,
//! `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`, `${VAR:?err}`. An unknown variable makes the whole
//! value unknown (`None`): rules must never take a guess for a literal.

/// Expands `text` with `lookup` (which returns `Some(None)` for a declared variable without value).
/// `$$` is kept as a literal `$` when `dollar_escape` (Compose) is set.
pub fn expand(text: &str, lookup: &dyn Fn(&str) -> Option<Option<String>>, dollar_escape: bool) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if dollar_escape && after.starts_with('$') {
            out.push('$');
            rest = &after[1..];
            continue;
        }
        if let Some(body) = after.strip_prefix('{') {
            let end = body.find('}')?;
            out.push_str(&braced(&body[..end], lookup)?);
            rest = &body[end + 1..];
        } else {
            let len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
            if len == 0 || after.starts_with(|c: char| c.is_ascii_digit()) {
                out.push('$');
                rest = after;
                continue;
            }
            out.push_str(&lookup(&after[..len])??);
            rest = &after[len..];
        }
    }
    out.push_str(rest);
    Some(out)
}

fn braced(body: &str, lookup: &dyn Fn(&str) -> Option<Option<String>>) -> Option<String> {
    let name_len = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(body.len());
    let (name, op) = body.split_at(name_len);
    let value = lookup(name).flatten();
    let set_nonempty = value.as_deref().is_some_and(|v| !v.is_empty());
    let set = value.is_some();
    match op {
        "" => value,
        _ if op.starts_with(":-") => Some(if set_nonempty { value? } else { op[2..].to_string() }),
        _ if op.starts_with('-') => Some(if set { value? } else { op[1..].to_string() }),
        _ if op.starts_with(":+") => Some(if set_nonempty { op[2..].to_string() } else { String::new() }),
        _ if op.starts_with('+') => Some(if set { op[1..].to_string() } else { String::new() }),
        _ if op.starts_with(":?") || op.starts_with('?') => value,
        _ => None,
    }
}

/// Whether `text` refers to any variable (so its value is not known statically).
pub fn has_interpolation(text: &str, dollar_escape: bool) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' {
            match b.get(i + 1) {
                Some(b'$') if dollar_escape => i += 1,
                Some(c) if *c == b'{' || c.is_ascii_alphabetic() || *c == b'_' => return true,
                _ => {}
            }
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<Option<String>> {
        match name {
            "UID" => Some(Some("1000".into())),
            "EMPTY" => Some(Some(String::new())),
            "DECLARED" => Some(None),
            _ => None,
        }
    }

    #[test]
    fn expansion_forms() {
        let cases = [
            ("$UID", Some("1000")),
            ("${UID}:${UID}", Some("1000:1000")),
            ("${NOPE:-app}", Some("app")),
            ("${EMPTY:-app}", Some("app")),
            ("${EMPTY-app}", Some("")),
            ("${UID:+set}", Some("set")),
            ("${NOPE}", None),
            ("$NOPE", None),
            ("$DECLARED", None),
            ("cost $5", Some("cost $5")),
            ("${UNCLOSED", None),
            ("plain", Some("plain")),
        ];
        for (text, want) in cases {
            assert_eq!(expand(text, &env, false).as_deref(), want, "{text}");
        }
        assert_eq!(expand("$$HOME", &env, true).as_deref(), Some("$HOME"));
    }

    #[test]
    fn interpolation_detection() {
        assert!(has_interpolation("${X}", true));
        assert!(has_interpolation("a$X", true));
        assert!(!has_interpolation("$$X", true));
        assert!(!has_interpolation("cost $5", true));
    }
}
