//! A command's words read the way its program reads them: options (clusters such as `-qy`, values
//! given inline as `-rfile`, `-O-`, `--opt=value`, or as the next word) and operands. The shell
//! model cannot know which options take a value, so each caller names them.

use crate::syntax::shell::Arg;

/// How a program spells its options.
#[derive(Clone, Copy)]
pub struct Options {
    /// Options that take a value (`-t`, `--virtual`): the next word, or the rest of the word.
    pub valued: &'static [&'static str],
    /// Go style: `-ldflags` is one option (also written `--ldflags`), not a cluster of letters.
    pub single_dash_long: bool,
}

impl Options {
    pub const fn new(valued: &'static [&'static str]) -> Self {
        Options { valued, single_dash_long: false }
    }
}

/// One option with its value, or one operand.
#[derive(Debug)]
pub enum Word<'c> {
    Opt {
        /// As written, without its value: `-t`, `--virtual` (a cluster `-qy` gives `-q` and `-y`).
        name: String,
        /// `Some` for an option that takes a value; `Some(None)` when only the shell knows it.
        value: Option<Option<&'c str>>,
    },
    /// A word that is not an option; its value may be unknown.
    Operand(&'c Arg),
}

impl Word<'_> {
    pub fn is_opt(&self, names: &[&str]) -> bool {
        matches!(self, Word::Opt { name, .. } if names.contains(&name.as_str()))
    }
}

/// The words of `args`. A word whose value only the shell knows is an operand (callers skip it),
/// unless an option before it takes it as its value.
pub fn words<'c>(args: &'c [Arg], opts: Options) -> Vec<Word<'c>> {
    let mut out = Vec::new();
    let mut it = args.iter();
    let mut after_dashes = false;
    while let Some(arg) = it.next() {
        let Some(v) = arg.value() else {
            out.push(Word::Operand(arg));
            continue;
        };
        if after_dashes || v == "-" || !v.starts_with('-') {
            out.push(Word::Operand(arg));
            continue;
        }
        if v == "--" {
            after_dashes = true;
            continue;
        }
        let long = v.starts_with("--") || opts.single_dash_long;
        if long {
            let (name, inline) = match v.split_once('=') {
                Some((n, val)) => (n, Some(val)),
                None => (v, None),
            };
            // Go accepts `--flag` for `-flag`.
            let name = if opts.single_dash_long {
                name.strip_prefix('-').filter(|n| n.starts_with('-')).unwrap_or(name)
            } else {
                name
            };
            let value = match inline {
                Some(val) => Some(Some(val)),
                None if opts.valued.contains(&name) => Some(it.next().and_then(Arg::value)),
                None => None,
            };
            out.push(Word::Opt { name: name.to_string(), value });
            continue;
        }
        // A cluster of short options; the first that takes a value takes the rest of the word.
        let cluster = &v[1..];
        for (i, c) in cluster.char_indices() {
            let name = format!("-{c}");
            if !opts.valued.contains(&name.as_str()) {
                out.push(Word::Opt { name, value: None });
                continue;
            }
            let rest = &cluster[i + c.len_utf8()..];
            let value = if rest.is_empty() { it.next().and_then(Arg::value) } else { Some(rest) };
            out.push(Word::Opt { name, value: Some(value) });
            break;
        }
    }
    out
}

/// The operands, in order (their values may be unknown).
pub fn operands<'w, 'c>(words: &'w [Word<'c>]) -> impl Iterator<Item = &'c Arg> + 'w {
    words.iter().filter_map(|w| match w {
        Word::Operand(arg) => Some(*arg),
        Word::Opt { .. } => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::OffsetMap;
    use crate::syntax::shell;

    /// Each word of `text`'s first command as `name=value` (options) or the operand's value.
    fn read(text: &str, opts: Options) -> Vec<String> {
        let mut map = OffsetMap::default();
        map.push(0, text.len());
        let script = shell::parse(text, &map, &|_| None);
        let Some(cmd) = script.commands.first() else { return Vec::new() };
        words(&cmd.args, opts)
            .iter()
            .map(|w| match w {
                Word::Opt { name, value: None } => name.clone(),
                Word::Opt { name, value: Some(v) } => format!("{name}={}", v.unwrap_or("?")),
                Word::Operand(a) => a.value().unwrap_or("?").to_string(),
            })
            .collect()
    }

    #[test]
    fn clusters_and_values() {
        let opts = Options::new(&["-o", "-r", "--out"]);
        assert_eq!(read("x -qy -o a -rb.txt -sro c", opts), ["-q", "-y", "-o=a", "-r=b.txt", "-s", "-r=o", "c"]);
        assert_eq!(
            read("x --out f --out=g --flag h - $UNKNOWN", opts),
            ["--out=f", "--out=g", "--flag", "h", "-", "?"]
        );
        // A value may look like an option; after `--` everything is an operand.
        assert_eq!(read("x -o - -- -y", opts), ["-o=-", "-y"]);
        assert_eq!(read("x -o $UNKNOWN y", opts), ["-o=?", "y"]);
    }

    #[test]
    fn go_style_options() {
        let opts = Options { valued: &["-ldflags"], single_dash_long: true };
        assert_eq!(read("go -ldflags '-s -w' -v --ldflags=x a", opts), ["-ldflags=-s -w", "-v", "-ldflags=x", "a"]);
    }
}
