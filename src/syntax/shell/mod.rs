//! The shell model: RUN bodies parsed by `tree-sitter-bash` into a flat list of simple commands
//! (name, arguments, pipeline position), with command wrappers (`sudo`, `env`, `xargs`, `sh -c`,
//! ...) unwrapped here, in one place, and every byte range mapped back to the Dockerfile.

mod unwrap;
mod word;

use std::cell::RefCell;

use tree_sitter::{Node, Parser};

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
        let v = self.name.value()?;
        Some(v.rsplit('/').next().unwrap_or(v))
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

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
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
    let tree = PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut p = Parser::new();
            p.set_language(&tree_sitter_bash::LANGUAGE.into()).ok()?;
            *slot = Some(p);
        }
        slot.as_mut()?.parse(text, None)
    });
    let Some(tree) = tree else {
        script.has_error = true;
        return;
    };
    let root = tree.root_node();
    script.has_error |= root.has_error();
    let mut cx = Extractor { text, map, expand, depth, script, wrappers };
    cx.visit(root, None);
}

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
    fn visit(&mut self, node: Node<'_>, pipe: Option<Pipe>) {
        match node.kind() {
            "command" => {
                self.simple_command(node, pipe);
                // Command substitutions inside the words are commands too.
                let mut c = node.walk();
                for child in node.named_children(&mut c) {
                    if child.kind() != "command_name" {
                        self.visit(child, None);
                    }
                }
            }
            "pipeline" => {
                let id = self.script.pipelines.len();
                let mut c = node.walk();
                let op = node.children(&mut c).find(|n| matches!(n.kind(), "|" | "|&"));
                let op = op.map_or_else(
                    || self.map.span(node.start_byte(), node.start_byte()),
                    |n| self.map.span(n.start_byte(), n.end_byte()),
                );
                self.script.pipelines.push(op);
                let mut c = node.walk();
                let parts: Vec<Node<'_>> = node.named_children(&mut c).collect();
                let len = parts.len();
                for (index, part) in parts.into_iter().enumerate() {
                    self.visit(part, Some(Pipe { id, index, len }));
                }
            }
            "redirected_statement" => {
                let mut c = node.walk();
                for child in node.named_children(&mut c) {
                    let same = node.child_by_field_name("body").is_some_and(|b| b.id() == child.id());
                    self.visit(child, if same { pipe } else { None });
                }
            }
            // Data, not commands (expansions inside them are only of interest to the shell).
            "heredoc_body" | "heredoc_content" | "comment" => {}
            _ => {
                let mut c = node.walk();
                for child in node.named_children(&mut c) {
                    self.visit(child, None);
                }
            }
        }
    }

    fn raw(&self, node: Node<'_>) -> &str {
        self.text.get(node.start_byte()..node.end_byte()).unwrap_or("")
    }

    /// The fields of one word node (one `Arg` per field; an unknown word is one `Arg` without value).
    fn args_of(&self, node: Node<'_>, out: &mut Vec<Arg>) {
        let (a, b) = (node.start_byte(), node.end_byte());
        let span = self.map.span(a, b);
        match word::fields(self.raw(node), self.expand) {
            Some(fields) => out.extend(fields.into_iter().map(|v| Arg { value: Some(v), span, text: (a, b) })),
            None => out.push(Arg { value: None, span, text: (a, b) }),
        }
    }

    fn simple_command(&mut self, node: Node<'_>, pipe: Option<Pipe>) {
        let mut argv = Vec::new();
        let mut assignments = Vec::new();
        if let Some(name) = node.child_by_field_name("name") {
            self.args_of(name, &mut argv);
        }
        let mut c = node.walk();
        for child in node.named_children(&mut c) {
            if child.kind() == "variable_assignment" {
                let raw = self.raw(child);
                if let Some((k, v)) = raw.split_once('=') {
                    let value = word::fields(v, self.expand).map(|f| f.join(" "));
                    assignments.push((k.to_string(), value));
                }
            }
        }
        let mut c = node.walk();
        for arg in node.children_by_field_name("argument", &mut c) {
            self.args_of(arg, &mut argv);
        }
        let span = self.map.span(node.start_byte(), node.end_byte());
        self.command(argv, assignments, span, pipe);
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
        let Some((name, args)) = unwrapped.argv.split_first() else { return };
        let script = unwrapped.script.clone();
        self.script.commands.push(Command {
            name: name.clone(),
            args: args.to_vec(),
            wrappers: wrappers.clone(),
            assignments,
            span,
            pipe,
        });
        if let Some(arg) = script
            && self.depth < MAX_DEPTH
        {
            let Some(value) = arg.value.as_deref() else { return };
            let (a, b) = arg.text;
            let raw = self.text.get(a..b).unwrap_or("");
            // The string's content, inside its quotes (exact when it holds no escapes).
            let inner =
                if raw.len() >= 2 && (raw.starts_with('\'') || raw.starts_with('"')) { (a + 1, b - 1) } else { (a, b) };
            let map = self.map.sub(inner.0, inner.1);
            wrappers.push(name.clone());
            parse_into(value, &map, self.expand, self.depth + 1, self.script, &wrappers);
        }
    }
}

#[cfg(test)]
mod tests;
