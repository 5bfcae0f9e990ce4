//! Command lines as a getopt-style program reads them: short clusters (`-fsSLk`), values attached
//! (`-uuser:pw`, `--user=x`) or in the next word (`-u x`, `--user x`). `Command::flag` of the shell
//! model finds a flag; rules that need its value, or must not read a value as a flag (the `k` of
//! `curl -ok`), parse the arguments here with the program's list of options that take a value.

use crate::span::Span;
use crate::syntax::shell::{Arg, Command};

/// Which options of a program take a value, written as on the command line (`-o`, `--output`):
/// the same form `Command::operands` takes, so one table per program serves both.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub valued: &'static [&'static str],
    /// Go style: `-ldflags` is one option (also written `--ldflags`), not a cluster of letters.
    pub single_dash_long: bool,
}

impl Spec {
    pub const fn new(valued: &'static [&'static str]) -> Spec {
        Spec { valued, single_dash_long: false }
    }

    /// Go's flag syntax.
    pub const fn single_dash(valued: &'static [&'static str]) -> Spec {
        Spec { valued, single_dash_long: true }
    }

    fn takes_value(&self, name: Name<'_>) -> bool {
        self.valued.iter().any(|v| name.is_written(v))
    }
}

/// curl's options that take a value (those a rule may meet; a long one written `--x=y` needs none).
pub const CURL: Spec = Spec::new(&[
    "-A",
    "-b",
    "-c",
    "-C",
    "-d",
    "-D",
    "-e",
    "-E",
    "-F",
    "-H",
    "-K",
    "-m",
    "-o",
    "-P",
    "-Q",
    "-r",
    "-t",
    "-T",
    "-u",
    "-U",
    "-w",
    "-x",
    "-X",
    "-y",
    "-Y",
    "-z",
    "--user-agent",
    "--cookie",
    "--cookie-jar",
    "--continue-at",
    "--data",
    "--data-raw",
    "--data-binary",
    "--data-urlencode",
    "--dump-header",
    "--referer",
    "--cert",
    "--cacert",
    "--capath",
    "--key",
    "--form",
    "--header",
    "--config",
    "--max-time",
    "--output",
    "--ftp-port",
    "--quote",
    "--range",
    "--telnet-option",
    "--upload-file",
    "--user",
    "--proxy-user",
    "--write-out",
    "--proxy",
    "--request",
    "--speed-time",
    "--speed-limit",
    "--time-cond",
    "--url",
    "--connect-timeout",
    "--retry",
    "--retry-delay",
    "--retry-max-time",
    "--output-dir",
    "--resolve",
    "--connect-to",
    "--interface",
    "--oauth2-bearer",
    "--proto",
    "--proto-redir",
    "--max-redirs",
    "--limit-rate",
    "--noproxy",
]);

/// wget's options that take a value.
pub const WGET: Spec = Spec::new(&[
    "-a",
    "-A",
    "-B",
    "-D",
    "-e",
    "-i",
    "-I",
    "-l",
    "-O",
    "-o",
    "-P",
    "-Q",
    "-R",
    "-T",
    "-t",
    "-U",
    "-w",
    "-X",
    "--output-file",
    "--append-output",
    "--execute",
    "--input-file",
    "--output-document",
    "--directory-prefix",
    "--tries",
    "--timeout",
    "--wait",
    "--user-agent",
    "--header",
    "--user",
    "--password",
    "--http-user",
    "--http-password",
    "--ftp-user",
    "--ftp-password",
    "--proxy-user",
    "--proxy-password",
    "--ca-certificate",
    "--ca-directory",
    "--certificate",
    "--private-key",
    "--level",
    "--accept",
    "--reject",
    "--domains",
    "--quota",
    "--post-data",
    "--method",
    "--body-data",
]);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Name<'c> {
    Short(char),
    Long(&'c str),
}

impl Name<'_> {
    /// Whether `written` (`-o`, `--output`, Go's `-ldflags`) names this option.
    fn is_written(self, written: &str) -> bool {
        match self {
            Name::Short(c) => written.strip_prefix('-').is_some_and(|r| r.len() == c.len_utf8() && r.starts_with(c)),
            // `--name`, or Go's `-name` (also `-o`: Go has no short options).
            Name::Long(l) => written.strip_prefix("--") == Some(l) || written.strip_prefix('-') == Some(l),
        }
    }
}

/// The value of an option.
#[derive(Clone, Copy, Debug)]
pub struct Value<'c> {
    /// `None` when only the shell knows it.
    pub text: Option<&'c str>,
    /// The word that holds it (the option's own word when attached).
    pub arg: &'c Arg,
    pub attached: bool,
}

/// One option as given.
#[derive(Clone, Copy, Debug)]
pub struct Opt<'c> {
    pub name: Name<'c>,
    /// The word the option is written in.
    pub arg: &'c Arg,
    pub value: Option<Value<'c>>,
}

impl Opt<'_> {
    pub fn is(&self, short: Option<char>, long: &[&str]) -> bool {
        match self.name {
            Name::Short(c) => short == Some(c),
            Name::Long(l) => long.contains(&l),
        }
    }

    pub fn value_text(&self) -> Option<&str> {
        self.value.and_then(|v| v.text)
    }

    /// Whether one of `names` (as written: `-c`, `--constraint`) is this option.
    pub fn named(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.name.is_written(n))
    }
}

/// The options and operands of an argument list.
#[derive(Debug, Default)]
pub struct Parsed<'c> {
    pub opts: Vec<Opt<'c>>,
    /// Words that are not options nor option values, in order; unknown words are operands.
    pub operands: Vec<&'c Arg>,
}

impl<'c> Parsed<'c> {
    /// The last occurrence of an option (later options override earlier ones).
    pub fn last(&self, short: Option<char>, long: &[&str]) -> Option<&Opt<'c>> {
        self.opts.iter().rev().find(|o| o.is(short, long))
    }

    pub fn find(&self, short: Option<char>, long: &[&str]) -> Option<&Opt<'c>> {
        self.opts.iter().find(|o| o.is(short, long))
    }

    /// Whether any of `names` (as written) was given.
    pub fn has(&self, names: &[&str]) -> bool {
        self.opts.iter().any(|o| o.named(names))
    }
}

/// Parses `args` as GNU getopt does (options and operands may interleave; `--` ends options).
pub fn parse<'c>(args: &'c [Arg], spec: &Spec) -> Parsed<'c> {
    let mut out = Parsed::default();
    let mut words = args.iter();
    let mut after_dashes = false;
    while let Some(arg) = words.next() {
        let Some(v) = arg.value() else {
            out.operands.push(arg);
            continue;
        };
        if after_dashes || v == "-" || !v.starts_with('-') {
            out.operands.push(arg);
            continue;
        }
        if v == "--" {
            after_dashes = true;
            continue;
        }
        let long = v.strip_prefix("--").or_else(|| v.strip_prefix('-').filter(|_| spec.single_dash_long));
        if let Some(long) = long {
            let (name, value) = match long.split_once('=') {
                Some((n, val)) => (n, Some(Value { text: Some(val), arg, attached: true })),
                None if spec.takes_value(Name::Long(long)) => {
                    (long, words.next().map(|n| Value { text: n.value(), arg: n, attached: false }))
                }
                None => (long, None),
            };
            out.opts.push(Opt { name: Name::Long(name), arg, value });
            continue;
        }
        let cluster = &v[1..];
        for (at, c) in cluster.char_indices() {
            if !spec.takes_value(Name::Short(c)) {
                out.opts.push(Opt { name: Name::Short(c), arg, value: None });
                continue;
            }
            let rest = &cluster[at + c.len_utf8()..];
            let value = if rest.is_empty() {
                words.next().map(|n| Value { text: n.value(), arg: n, attached: false })
            } else {
                Some(Value { text: Some(rest), arg, attached: true })
            };
            out.opts.push(Opt { name: Name::Short(c), arg, value });
            break;
        }
    }
    out
}

/// Whether the word is written literally in the Dockerfile: no expansion (`$X`, `$(...)`,
/// backticks) outside single quotes, so its value is what every build sees.
pub fn is_literal(arg: &Arg, src: &str) -> bool {
    if arg.value.is_none() {
        return false;
    }
    let mut chars = arg.span.slice(src).chars();
    let (mut single, mut double) = (false, false);
    while let Some(c) = chars.next() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '\\' if !single => {
                chars.next();
            }
            '$' | '`' if !single => return false,
            _ => {}
        }
    }
    true
}

/// The source of a `NAME=value` prefix of the command (or of its `env` wrapper).
pub fn assignment_span(cmd: &Command, name: &str, src: &str) -> Option<Span> {
    let head = src.get(cmd.span.start..cmd.name.span.start)?;
    let key = format!("{name}=");
    let at = head.match_indices(&key).map(|(i, _)| i).find(|&i| i == 0 || head[..i].ends_with(char::is_whitespace))?;
    let len = head[at..].find(char::is_whitespace).unwrap_or(head.len() - at);
    Some(Span::new(cmd.span.start + at, cmd.span.start + at + len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::OffsetMap;
    use crate::syntax::shell;

    fn args(text: &str) -> Vec<Arg> {
        let mut map = OffsetMap::default();
        map.push(0, text.len());
        let script = shell::parse(text, &map, &|_| None);
        script.commands.into_iter().next().map(|c| c.args).unwrap_or_default()
    }

    const CURL: Spec = Spec::new(&["-o", "-u", "-H", "--user", "--output"]);

    #[test]
    fn go_style_options() {
        let a = args("go -ldflags '-s -w' -v --ldflags=x -tags netgo a");
        let p = parse(&a, &Spec::single_dash(&["-ldflags", "-tags"]));
        let names: Vec<_> = p.opts.iter().map(|o| (o.name, o.value_text())).collect();
        assert_eq!(
            names,
            [
                (Name::Long("ldflags"), Some("-s -w")),
                (Name::Long("v"), None),
                (Name::Long("ldflags"), Some("x")),
                (Name::Long("tags"), Some("netgo")),
            ]
        );
        assert!(p.has(&["-ldflags"]) && p.has(&["--tags"]) && !p.has(&["-l"]));
        assert_eq!(p.operands.len(), 1);
    }

    #[test]
    fn clusters_values_and_operands() {
        let a = args("curl -fsSLo k -ku me:pw --user=x --output out https://h -- -k");
        let p = parse(&a, &CURL);
        let names: Vec<_> = p.opts.iter().map(|o| (o.name, o.value_text())).collect();
        assert_eq!(
            names,
            [
                (Name::Short('f'), None),
                (Name::Short('s'), None),
                (Name::Short('S'), None),
                (Name::Short('L'), None),
                (Name::Short('o'), Some("k")),
                (Name::Short('k'), None),
                (Name::Short('u'), Some("me:pw")),
                (Name::Long("user"), Some("x")),
                (Name::Long("output"), Some("out")),
            ]
        );
        let ops: Vec<_> = p.operands.iter().filter_map(|a| a.value()).collect();
        assert_eq!(ops, ["https://h", "-k"]);
        let a = args("curl -uadmin:pw");
        let attached = parse(&a, &CURL);
        assert!(attached.find(Some('u'), &[]).and_then(|o| o.value).is_some_and(|v| v.attached));
        assert_eq!(attached.opts.len(), 1, "the value's letters are not flags");
    }

    #[test]
    fn literal_words() {
        let text = "x 'a b' \"$V\" c$(d) '$6$salt' \\$HOME \"it's\"";
        let a = args(text);
        let lit: Vec<_> = a.iter().map(|a| is_literal(a, text)).collect();
        assert_eq!(lit, [true, false, false, true, true, true]);
    }
}
