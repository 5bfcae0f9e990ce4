//! One instruction from a continuation-joined line: keyword, flags, arguments, and BuildKit's
//! argument checks.

use super::json::{self, Json};
use super::lexer::{Logical, sl};
use super::words;
use super::{Args, Flag, Instruction, InstructionKind as K, KeyValue, ParseError, ShellText, Word};
use crate::span::Span;

/// Parses the instruction starting at text offset `from` of `line`; `end` is the source offset of
/// the end of its last line. `None` (with an error) for an unknown keyword, `None` silently for an
/// empty line.
pub(super) fn parse(
    line: &Logical,
    from: usize,
    end: usize,
    escape: char,
    errors: &mut Vec<ParseError>,
) -> Option<Instruction> {
    parse_at(line, from, end, escape, errors, 0)
}

fn parse_at(
    line: &Logical,
    from: usize,
    end: usize,
    escape: char,
    errors: &mut Vec<ParseError>,
    depth: usize,
) -> Option<Instruction> {
    let text = line.text.as_str();
    let trimmed_end = text.trim_end().len();
    let rest = sl(text, from, trimmed_end);
    let kw_start = trimmed_end - rest.trim_start().len();
    if kw_start >= trimmed_end {
        return None;
    }
    // BuildKit splits the keyword off at `[\t\v\f\r ]+`.
    let kw_end =
        sl(text, kw_start, trimmed_end).find([' ', '\t', '\x0b', '\x0c', '\r']).map_or(trimmed_end, |i| kw_start + i);
    let keyword_text = sl(text, kw_start, kw_end);
    let keyword = line.span(kw_start, kw_end);
    let Some(kind) = K::from_keyword(keyword_text) else {
        errors.push(ParseError::new(format!("unknown instruction: {keyword_text}"), keyword));
        return None;
    };

    let (raw_flags, args_start) = words::extract_flags(text, kw_end);
    let args_end = trimmed_end.max(kw_end);
    let args_start = args_start.clamp(kw_end, args_end);
    let flags = raw_flags
        .into_iter()
        .map(|f| Flag {
            name: f.name,
            value: f.value.as_ref().map(|v| v.0.clone()),
            span: line.span(f.start, f.end),
            name_span: line.span((f.start + 2).min(f.name_end), f.name_end),
            value_span: f.value.map(|(_, a, b)| line.span(a, b)),
        })
        .collect();

    let args_text = sl(text, args_start, args_end);
    let shell = || {
        Args::Shell(ShellText {
            text: args_text.to_string(),
            span: line.span(args_start, args_end),
            map: line.map.sub(args_start, args_end),
        })
    };
    let mut trigger = None;
    let args = match kind {
        K::Run | K::Cmd | K::Entrypoint | K::Shell | K::Copy | K::Add | K::Volume if args_text.starts_with('[') => {
            match json::parse_array(args_text) {
                Json::Strings(ws) => Args::Exec(
                    ws.into_iter()
                        .map(|(s, e, t)| Word { text: t, span: line.span(args_start + s, args_start + e) })
                        .collect(),
                ),
                Json::NotStrings => {
                    errors.push(ParseError::new(
                        "when using JSON array syntax, arrays must be comprised of strings only",
                        line.span(args_start, args_end),
                    ));
                    shell()
                }
                Json::Invalid => shell(),
            }
        }
        K::Onbuild => {
            // `ONBUILD ONBUILD ...` is an error anyway; do not recurse down a long chain.
            if !args_text.is_empty() && depth == 0 {
                trigger = parse_at(line, args_start, end, escape, errors, depth + 1).map(Box::new);
            }
            shell()
        }
        _ => shell(),
    };

    let ins = Instruction {
        kind,
        keyword,
        span: Span::new(keyword.start, end.max(keyword.end)),
        flags,
        args,
        heredocs: Vec::new(),
        trigger,
        empty_continuation_lines: Vec::new(),
    };
    check_flags(&ins, errors);
    check_args(&ins, escape, errors);
    Some(ins)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FlagType {
    Bool,
    String,
    Strings,
}

/// The flags BuildKit accepts; `None` when it does not look at them.
fn flag_spec(ins: &Instruction) -> Option<&'static [(&'static str, FlagType)]> {
    use FlagType::{Bool, String, Strings};
    Some(match ins.kind {
        K::From => &[("platform", String)],
        K::Run => &[("mount", Strings), ("network", String), ("security", String), ("device", Strings)],
        K::Copy => &[
            ("from", String),
            ("chown", String),
            ("chmod", String),
            ("link", Bool),
            ("parents", Bool),
            ("exclude", Strings),
        ],
        K::Add => &[
            ("chown", String),
            ("chmod", String),
            ("link", Bool),
            ("keep-git-dir", Bool),
            ("checksum", String),
            ("parents", Bool),
            ("exclude", Strings),
            ("unpack", Bool),
        ],
        K::Healthcheck => {
            let none = ins
                .args
                .shell()
                .and_then(|t| t.text.split_whitespace().next())
                .is_some_and(|t| t.eq_ignore_ascii_case("none"));
            if none {
                return None;
            }
            &[
                ("interval", String),
                ("timeout", String),
                ("start-period", String),
                ("start-interval", String),
                ("retries", String),
            ]
        }
        K::Stopsignal => return None,
        _ => &[],
    })
}

fn check_flags(ins: &Instruction, errors: &mut Vec<ParseError>) {
    if ins.flags.is_empty() {
        return;
    }
    let Some(spec) = flag_spec(ins) else {
        return;
    };
    let mut seen = [false; 8];
    for f in &ins.flags {
        let Some((idx, &(_, ty))) = spec.iter().enumerate().find(|(_, (n, _))| *n == f.name) else {
            errors.push(ParseError::new(format!("unknown flag: {} (for {})", f.name, ins.kind), f.span));
            continue;
        };
        let dup = seen.get(idx).copied().unwrap_or(false);
        if let Some(slot) = seen.get_mut(idx) {
            *slot = true;
        }
        if ty != FlagType::Strings && dup {
            errors.push(ParseError::new(format!("duplicate flag specified: {}", f.name), f.span));
        }
        match (ty, f.value.as_deref()) {
            (FlagType::Bool, Some("")) | (FlagType::String | FlagType::Strings, None) => {
                errors.push(ParseError::new(format!("missing a value on flag: {}", f.name), f.span));
            }
            (FlagType::Bool, Some(v)) if !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false") => {
                errors.push(ParseError::new(format!("expecting boolean value for flag {}, not: {v}", f.name), f.span));
            }
            _ => {}
        }
    }
}

fn check_args(ins: &Instruction, escape: char, errors: &mut Vec<ParseError>) {
    let name = ins.kind.as_str();
    let args_span = match &ins.args {
        Args::Shell(t) => t.span,
        Args::Exec(ws) => match (ws.first(), ws.last()) {
            (Some(a), Some(b)) => a.span.cover(b.span),
            _ => ins.span,
        },
    };
    let empty = match &ins.args {
        Args::Shell(t) => t.text.is_empty(),
        Args::Exec(ws) => ws.is_empty(),
    };
    let mut err = |message: String, span: Span| errors.push(ParseError::new(message, span));
    match ins.kind {
        K::From => {
            // BuildKit splits FROM, COPY and ADD arguments on blanks only (no quotes).
            let w = blank_words(ins);
            match w.as_slice() {
                [_] => {}
                [_, (as_, _), (stage, span)] if as_.eq_ignore_ascii_case("as") => {
                    if !valid_stage_name(&stage.to_ascii_lowercase()) {
                        err(
                            format!(
                                "invalid name for build stage: {stage:?}, name can't start with a number or contain symbols"
                            ),
                            *span,
                        );
                    }
                }
                _ => {
                    err("FROM requires either one or three arguments".into(), if empty { ins.span } else { args_span })
                }
            }
        }
        K::Copy | K::Add => {
            let n = match &ins.args {
                Args::Exec(ws) => ws.len(),
                Args::Shell(_) => blank_words(ins).len(),
            };
            if n < 2 {
                err(
                    format!(
                        "{name} requires at least two arguments, but only one was provided. Destination could not be determined"
                    ),
                    if empty { ins.span } else { args_span },
                );
            } else if let Some((dest, span)) = blank_words(ins).last()
                && words::heredoc_word(dest).is_some()
            {
                err(format!("{name} cannot accept a heredoc as a destination"), *span);
            }
        }
        K::Arg | K::Env | K::Label => {
            key_values(ins, escape, errors);
        }
        K::Expose if empty => err(format!("{name} requires at least one argument"), ins.span),
        K::Volume => {
            if empty {
                err(format!("{name} requires at least one argument"), ins.span);
            } else if let Args::Exec(ws) = &ins.args {
                for w in ws.iter().filter(|w| w.text.trim().is_empty()) {
                    err("VOLUME specified can not be an empty string".into(), w.span);
                }
            }
        }
        K::User | K::Workdir | K::Maintainer | K::Stopsignal if empty => {
            err(format!("{name} requires exactly one argument"), ins.span);
        }
        K::Shell => match &ins.args {
            Args::Exec(ws) if ws.is_empty() => {
                err(format!("{name} requires at least one argument"), ins.span);
            }
            Args::Shell(_) => {
                err("SHELL requires the arguments to be in JSON form".into(), if empty { ins.span } else { args_span })
            }
            Args::Exec(_) => {}
        },
        K::Healthcheck => check_healthcheck(ins, &mut err),
        // Forbidden triggers (`ONBUILD ONBUILD`, `FROM`, `MAINTAINER`) are rule DF728's, so that they
        // can be selected and suppressed like hadolint's DL3043.
        K::Onbuild if empty => err(format!("{name} requires at least one argument"), ins.span),
        _ => {}
    }
}

fn check_healthcheck(ins: &Instruction, err: &mut impl FnMut(String, Span)) {
    let Some(t) = ins.args.shell() else {
        return;
    };
    let text = t.text.as_str();
    let typ_end = text.find(|c: char| c.is_ascii_whitespace()).unwrap_or(text.len());
    let typ = sl(text, 0, typ_end);
    let rest = sl(text, typ_end, text.len()).trim_start();
    if typ.is_empty() {
        err("HEALTHCHECK requires at least one argument".into(), ins.span);
    } else if typ.eq_ignore_ascii_case("none") {
        if !rest.is_empty() {
            err("HEALTHCHECK NONE takes no arguments".into(), t.span);
        }
    } else if typ.eq_ignore_ascii_case("cmd") {
        let missing = rest.is_empty()
            || (rest.starts_with('[') && matches!(json::parse_array(rest), Json::Strings(ref w) if w.is_empty()));
        if missing {
            err("Missing command after HEALTHCHECK CMD".into(), t.span);
        } else if rest.starts_with('[') && json::parse_array(rest) == Json::NotStrings {
            err(
                "when using JSON array syntax, arrays must be comprised of strings only".into(),
                t.source_span(text.len() - rest.len(), text.len()),
            );
        }
    } else {
        err(format!("Unknown type {:?} in HEALTHCHECK (try CMD)", typ.to_ascii_uppercase()), t.source_span(0, typ_end));
    }
}

/// Shell-form arguments split at `[\t\v\f\r ]+` (BuildKit's `parseStringsWhitespaceDelimited`).
fn blank_words(ins: &Instruction) -> Vec<(&str, Span)> {
    let Some(t) = ins.args.shell() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in t.text.char_indices().chain(std::iter::once((t.text.len(), ' '))) {
        match (is_sep(c), start) {
            (true, Some(s)) => {
                out.push((sl(&t.text, s, i), t.source_span(s, i)));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// `^[a-z][a-z0-9-_.]*$`
fn valid_stage_name(name: &str) -> bool {
    let mut b = name.bytes();
    b.next().is_some_and(|c| c.is_ascii_lowercase())
        && b.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'-' | b'_' | b'.'))
}

/// BuildKit's `[\t\v\f\r ]` (the separator of the legacy `ENV key value`).
fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\x0b' | '\x0c' | '\r')
}

/// ENV, ARG and LABEL pairs, with BuildKit's errors.
pub(super) fn key_values(ins: &Instruction, escape: char, errors: &mut Vec<ParseError>) -> Vec<KeyValue> {
    if !matches!(ins.kind, K::Env | K::Arg | K::Label) {
        return Vec::new();
    }
    let Args::Shell(st) = &ins.args else {
        return Vec::new();
    };
    let name = ins.kind.as_str();
    let text = st.text.as_str();
    let raw = words::split_ranges(text, escape);
    let word =
        |a: usize, b: usize| Word { text: words::unquote(sl(text, a, b), escape).text, span: st.source_span(a, b) };
    let Some(&(f0, f1)) = raw.first() else {
        errors.push(ParseError::new(format!("{name} requires at least one argument"), ins.span));
        return Vec::new();
    };

    if ins.kind != K::Arg && !sl(text, f0, f1).contains('=') {
        // Legacy `ENV key value ...`: the key, then everything after the first blanks.
        return match text.find(is_sep) {
            None => {
                errors.push(ParseError::new(format!("{name} must have two arguments"), st.span));
                vec![KeyValue { key: word(0, text.len()), value: None, legacy: true, span: st.span }]
            }
            Some(k) => {
                let vs = text.len() - sl(text, k, text.len()).trim_start_matches(is_sep).len();
                vec![KeyValue { key: word(0, k), value: Some(word(vs, text.len())), legacy: true, span: st.span }]
            }
        };
    }

    let mut out = Vec::with_capacity(raw.len());
    for (a, b) in raw {
        let w = sl(text, a, b);
        match w.find('=') {
            Some(eq) => {
                if eq == 0 {
                    errors.push(ParseError::new(format!("{name} names can not be blank"), st.source_span(a, b)));
                }
                out.push(KeyValue {
                    key: word(a, a + eq),
                    value: Some(word(a + eq + 1, b)),
                    legacy: false,
                    span: st.source_span(a, b),
                });
            }
            None if ins.kind == K::Arg => {
                out.push(KeyValue { key: word(a, b), value: None, legacy: false, span: st.source_span(a, b) })
            }
            None => errors.push(ParseError::new(
                format!("Syntax error - can't find = in {w:?}. Must be of the form: name=value"),
                st.source_span(a, b),
            )),
        }
    }
    out
}
