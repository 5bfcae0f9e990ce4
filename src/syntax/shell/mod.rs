//! The shell model: RUN bodies scanned into a flat list of simple commands (name, arguments,
//! pipeline position), with command wrappers (`sudo`, `env`, `xargs`, `sh -c`, ...) unwrapped
//! here, in one place, and every byte range mapped back to the Dockerfile.
//!
//! The scanner is hand-written (`scan.rs`): rules need simple commands, not a full bash AST, and
//! tree-sitter-bash, measured on the corpus, parsed RUN bodies at 7.5 MiB/s, which alone would
//! have been most of a whole lint run.

mod scan;
mod unwrap;
mod word;

use std::collections::HashMap;

use crate::span::{OffsetMap, Span};

pub use word::Expand;

/// Nested `sh -c "..."` strings are followed this deep.
const MAX_DEPTH: usize = 4;

/// One parsed shell script (a RUN body or a heredoc body).
#[derive(Clone, Debug, Default)]
pub struct Script {
    /// Every simple command, in source order, also those inside `sh -c`, subshells, conditionals,
    /// loops and command substitutions.
    pub commands: Vec<Command>,
    /// The grammar could not parse all of it; the commands are what it recovered.
    pub has_error: bool,
    /// The first operator (`|` or `|&`) of every pipeline, indexed by [`Pipe::id`]: a pipeline
    /// whose parts are all compound (`(a) | { b; }`) has no simple command to carry its `Pipe`.
    pub pipelines: Vec<Span>,
    /// The script's own variables (`PKGS="a b" && apt-get install $PKGS`), in source order; the
    /// value is `None` when not static.
    vars: HashMap<String, Option<String>>,
}

/// A simple command after unwrapping: `sudo -u app env X=1 apt-get install -y curl` has the name
/// `apt-get`, the arguments `install -y curl` and the wrappers `sudo`, `env`.
#[derive(Clone, Debug)]
pub struct Command {
    pub name: Arg,
    pub args: Vec<Arg>,
    /// The wrapper commands that were unwrapped, outermost first (`sudo`, `env`, `sh` of `sh -c`).
    pub wrappers: Vec<Arg>,
    /// `NAME=value` prefixes (and those given to `env`); the value is `None` when not static.
    pub assignments: Vec<(String, Option<String>)>,
    /// The whole command in the source, wrappers included.
    pub span: Span,
    /// Where the command sits in a pipeline (`a | b`), if it does.
    pub pipe: Option<Pipe>,
    /// Where the base name starts in the name's value (rules ask for it all the time).
    program_at: usize,
}

/// One word of a command.
#[derive(Clone, Debug)]
pub struct Arg {
    /// The value after quote removal and expansion; `None` when only the shell knows it.
    pub value: Option<String>,
    /// The raw word in the source (all fields of a split expansion share it).
    pub span: Span,
    /// The raw word in the parsed text, for re-parsing `sh -c` strings.
    text: (usize, usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pipe {
    /// Unique per pipeline within a script.
    pub id: usize,
    /// 0-based position in the pipeline.
    pub index: usize,
    pub len: usize,
}

impl Arg {
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    pub fn is(&self, s: &str) -> bool {
        self.value() == Some(s)
    }
}

impl Command {
    /// The program's base name (`/usr/bin/apt-get` is `apt-get`).
    pub fn program(&self) -> Option<&str> {
        self.name.value()?.get(self.program_at..)
    }

    pub fn is(&self, program: &str) -> bool {
        self.program() == Some(program)
    }

    /// The argument values up to `--` (unknown values are skipped).
    fn option_args(&self) -> impl Iterator<Item = &Arg> {
        self.args.iter().take_while(|a| !a.is("--"))
    }

    /// Whether a flag is given: `-y` also inside a cluster such as `-qy`; `--yes` also as
    /// `--yes=...`.
    pub fn has_flag(&self, short: Option<char>, long: &[&str]) -> bool {
        self.flag(short, long).is_some()
    }

    /// The argument that carries the flag (see [`Command::has_flag`]).
    pub fn flag(&self, short: Option<char>, long: &[&str]) -> Option<&Arg> {
        self.option_args().find(|a| {
            let Some(v) = a.value() else { return false };
            if let Some(name) = v.strip_prefix("--") {
                let name = name.split('=').next().unwrap_or(name);
                return long.contains(&name);
            }
            match (short, v.strip_prefix('-')) {
                (Some(c), Some(cluster)) => {
                    !cluster.is_empty() && cluster.chars().all(|x| x.is_ascii_alphanumeric()) && cluster.contains(c)
                }
                _ => false,
            }
        })
    }

    /// The arguments that are not options (do not start with `-`), in order; options that take a
    /// separate value are not told apart, so callers pass those in `valued` (e.g. `["-o"]`).
    pub fn operands<'s>(&'s self, valued: &'s [&'s str]) -> impl Iterator<Item = &'s Arg> + 's {
        let mut skip = false;
        let mut after_dashes = false;
        self.args.iter().filter(move |a| {
            if std::mem::take(&mut skip) {
                return false;
            }
            let Some(v) = a.value() else { return true };
            if after_dashes {
                return true;
            }
            if v == "--" {
                after_dashes = true;
                return false;
            }
            if v.starts_with('-') && v.len() > 1 {
                skip = valued.contains(&v);
                return false;
            }
            true
        })
    }

    /// The first operand: `install` of `apt-get -y install x`.
    pub fn subcommand<'s>(&'s self, valued: &'s [&'s str]) -> Option<&'s Arg> {
        self.operands(valued).next()
    }
}

/// Parses `text`, whose offsets `map` takes back to the file; `expand` gives the values of the
/// variables the build defines (ARG and ENV).
pub fn parse(text: &str, map: &OffsetMap, expand: &Expand<'_>) -> Script {
    let mut script = Script::default();
    script.add(text, map, expand);
    script
}

impl Script {
    /// Parses one more piece of the same script (a heredoc body after its command line).
    pub fn add(&mut self, text: &str, map: &OffsetMap, expand: &Expand<'_>) {
        parse_into(text, map, expand, 0, self, &[]);
    }

    /// A command given as an argument vector (exec form: `RUN ["sh", "-c", "..."]`): its words
    /// with their source spans in `src`. No shell expands exec-form words, but a shell they name
    /// still parses its script.
    pub fn add_argv(&mut self, src: &str, words: &[(String, Span)], expand: &Expand<'_>) {
        let (Some(first), Some(last)) = (words.first(), words.last()) else { return };
        let mut map = OffsetMap::default();
        map.push(0, src.len());
        let argv: Vec<Arg> =
            words.iter().map(|(v, s)| Arg { value: Some(v.clone()), span: *s, text: (s.start, s.end) }).collect();
        let mut cx = Extractor { text: src, map: &map, expand, depth: 0, script: self, wrappers: &[] };
        cx.command(argv, Vec::new(), first.1.cover(last.1), None);
    }
}

fn parse_into(text: &str, map: &OffsetMap, expand: &Expand<'_>, depth: usize, script: &mut Script, wrappers: &[Arg]) {
    let scanned = scan::scan(text);
    script.has_error |= scanned.error;
    // This text's pipelines take the next ids; nested `sh -c` scripts number theirs after them.
    let base = script.pipelines.len();
    script.pipelines.extend(scanned.pipelines.iter().map(|&(a, b)| map.span(a, b)));
    let mut cx = Extractor { text, map, expand, depth, script, wrappers };
    for raw in scanned.commands {
        // `X=1 && cmd $X`: a shell variable for the words that follow.
        if raw.words.is_empty() {
            for &(a, b) in &raw.assignments {
                cx.assign(cx.text.get(a..b).unwrap_or(""));
            }
            continue;
        }
        let mut argv = Vec::new();
        for &(a, b) in &raw.words {
            cx.args_of(a, b, &mut argv);
        }
        // A prefix assignment (`X=1 cmd`) is for the command's environment only.
        let assignments = raw
            .assignments
            .iter()
            .filter_map(|&(a, b)| {
                let (k, v) = cx.text.get(a..b)?.split_once('=')?;
                let k = k.strip_suffix('+').unwrap_or(k);
                Some((k.to_string(), word::fields(v, &|t| cx.lookup(t)).map(|f| f.join(" "))))
            })
            .collect();
        // `export X=1`, `local X=1`: shell variables too.
        let declares = argv.first().and_then(Arg::value).is_some_and(|n| DECLARATIONS.contains(&n));
        if declares {
            for &(a, b) in raw.words.get(1..).unwrap_or(&[]) {
                cx.assign(cx.text.get(a..b).unwrap_or(""));
            }
        }
        let pipe = raw.pipe.map(|(id, index, len)| Pipe { id: base + id, index, len });
        cx.command(argv, assignments, map.span(raw.start, raw.end), pipe);
    }
}

/// Builtins whose `NAME=value` arguments set shell variables.
const DECLARATIONS: [&str; 5] = ["export", "local", "declare", "readonly", "typeset"];

struct Extractor<'x> {
    text: &'x str,
    map: &'x OffsetMap,
    expand: &'x Expand<'x>,
    depth: usize,
    script: &'x mut Script,
    /// Wrappers of the `sh -c` this text came from.
    wrappers: &'x [Arg],
}

impl Extractor<'_> {
    /// Records `NAME=value` (an array, `NAME+=...` or a value that is not static is unknown).
    fn assign(&mut self, raw: &str) {
        let Some((name, value)) = raw.split_once('=') else { return };
        let (name, append) = match name.strip_suffix('+') {
            Some(n) => (n, true),
            None => (name, false),
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return;
        }
        let value = if append || value.starts_with('(') {
            None
        } else {
            word::fields(value, &|t| self.lookup(t)).map(|f| f.join(" "))
        };
        self.script.vars.insert(name.to_string(), value);
    }

    /// The value of `$X` / `${X}`: the script's own variable, else the build's (ARG and ENV).
    fn lookup(&self, token: &str) -> Option<String> {
        let body = token.strip_prefix("${").and_then(|t| t.strip_suffix('}')).or_else(|| token.strip_prefix('$'));
        let Some(body) = body else { return (self.expand)(token) };
        let len = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(body.len());
        match self.script.vars.get(&body[..len]) {
            // `${X:-default}` of a script variable is not worked out here.
            Some(value) if len == body.len() => value.clone(),
            Some(_) => None,
            None => (self.expand)(token),
        }
    }

    /// The fields of the word at `a..b` (one `Arg` per field; an unknown word is one `Arg` without
    /// a value).
    fn args_of(&self, a: usize, b: usize, out: &mut Vec<Arg>) {
        let span = self.map.span(a, b);
        match word::fields(self.text.get(a..b).unwrap_or(""), &|t| self.lookup(t)) {
            Some(fields) => out.extend(fields.into_iter().map(|v| Arg { value: Some(v), span, text: (a, b) })),
            None => out.push(Arg { value: None, span, text: (a, b) }),
        }
    }

    /// Records one argument vector, unwrapping wrappers; a `sh -c` script is parsed in turn.
    fn command(
        &mut self,
        argv: Vec<Arg>,
        mut assignments: Vec<(String, Option<String>)>,
        span: Span,
        pipe: Option<Pipe>,
    ) {
        let mut wrappers = self.wrappers.to_vec();
        let unwrapped = unwrap::unwrap(argv, &mut wrappers, &mut assignments);
        let mut args = unwrapped.argv;
        if args.is_empty() {
            return;
        }
        let name = args.remove(0);
        // The wrappers of the commands inside a `sh -c` script: ours and the shell itself.
        let inner_wrappers = unwrapped.script.as_ref().map(|_| {
            let mut w = wrappers.clone();
            w.push(name.clone());
            w
        });
        let program_at = name.value().and_then(|v| v.rfind('/')).map_or(0, |i| i + 1);
        self.script.commands.push(Command { name, args, wrappers, assignments, span, pipe, program_at });
        if let (Some(arg), Some(wrappers)) = (unwrapped.script, inner_wrappers)
            && self.depth < MAX_DEPTH
        {
            let Some(value) = arg.value.as_deref() else { return };
            let (a, b) = arg.text;
            let raw = self.text.get(a..b).unwrap_or("");
            // The string's content, inside its quotes (exact when it holds no escapes).
            let inner =
                if raw.len() >= 2 && (raw.starts_with('\'') || raw.starts_with('"')) { (a + 1, b - 1) } else { (a, b) };
            let map = self.map.sub(inner.0, inner.1);
            // The inner shell's assignments stay in it.
            let vars = self.script.vars.clone();
            parse_into(value, &map, self.expand, self.depth + 1, self.script, &wrappers);
            self.script.vars = vars;
        }
    }
}

#[cfg(test)]
mod tests;
