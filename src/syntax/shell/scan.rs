//! A hand-written scanner for the part of the shell grammar rules need: simple commands (their
//! words and `NAME=value` prefixes), pipelines, and the scripts nested in command and process
//! substitutions. Compound commands (`if`, `for`, `while`, `case`, `{ }`, `( )`, functions) are
//! looked through to the simple commands inside them; redirections and heredoc bodies are data.
//! One pass, no backtracking, never fails: what it cannot close is flagged as an error.

/// A simple command as byte ranges of the scanned text.
#[derive(Clone, Debug, Default)]
pub(super) struct RawCommand {
    pub words: Vec<(usize, usize)>,
    pub assignments: Vec<(usize, usize)>,
    pub start: usize,
    pub end: usize,
    /// (pipeline id, position); the pipeline's length is set when it ends.
    pub pipe: Option<(usize, usize, usize)>,
}

#[derive(Debug, Default)]
pub(super) struct Scanned {
    pub commands: Vec<RawCommand>,
    /// The first `|` or `|&` of every pipeline, indexed by pipeline id; a pipeline of compound
    /// parts (`(a) | { b; }`) has one even if no two simple commands carry its id.
    pub pipelines: Vec<(usize, usize)>,
    pub error: bool,
}

/// The pipeline being read: its simple commands (with the part each stands in), its first
/// operator, and how many operators it has had.
#[derive(Default)]
struct Pipeline {
    members: Vec<(usize, usize)>,
    op: Option<(usize, usize)>,
    ops: usize,
}

/// Words that open or close compound commands where a command name would stand.
const RESERVED: [&str; 14] =
    ["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "{", "}", "!", "esac", "in"];

pub(super) fn scan(text: &str) -> Scanned {
    let mut s = Scanner { b: text.as_bytes(), text, out: Scanned::default() };
    s.list(0, text.len(), 0);
    s.out
}

struct Scanner<'t> {
    b: &'t [u8],
    text: &'t str,
    out: Scanned,
}

/// What the scanner expects next within a list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Command,
    /// Inside `for x in ...`/`select` up to `;`, newline or `do`.
    LoopHeader,
    /// `case WORD` before `in`.
    CaseWord,
    /// A `case` pattern, up to its `)`.
    Pattern,
}

const MAX_NESTING: usize = 64;

fn is_meta(c: u8) -> bool {
    matches!(c, b'|' | b'&' | b';' | b'<' | b'>' | b'(' | b')' | b' ' | b'\t' | b'\n' | b'\r')
}

fn is_name(w: &[u8]) -> bool {
    !w.is_empty() && !w[0].is_ascii_digit() && w.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    /// Scans commands in `from..to`; nested substitutions are scanned in turn.
    fn list(&mut self, from: usize, to: usize, depth: usize) {
        if depth > MAX_NESTING {
            self.out.error = true;
            return;
        }
        let mut cur = RawCommand::default();
        let mut pipeline = Pipeline::default();
        let mut expect = Expect::Command;
        let mut cases = 0usize;
        let mut subshells = 0usize;
        let mut heredocs: Vec<(String, bool)> = Vec::new();
        let mut nested: Vec<(usize, usize)> = Vec::new();
        let mut i = from;
        while i < to {
            let c = self.at(i);
            match c {
                b' ' | b'\t' | b'\r' => i += 1,
                b'\\' if self.at(i + 1) == b'\n' => i += 2,
                b'#' => {
                    while i < to && self.at(i) != b'\n' {
                        i += 1;
                    }
                }
                b'\n' => {
                    self.end_command(&mut cur, &mut pipeline, &mut nested, depth, true);
                    if expect == Expect::LoopHeader {
                        expect = Expect::Command;
                    }
                    i = self.skip_heredocs(i + 1, to, &mut heredocs);
                }
                b';' => {
                    self.end_command(&mut cur, &mut pipeline, &mut nested, depth, true);
                    // `;;`, `;&`, `;;&` end a case item: a pattern follows.
                    if self.at(i + 1) == b';' || self.at(i + 1) == b'&' {
                        i += if self.at(i + 2) == b'&' { 3 } else { 2 };
                        if cases > 0 {
                            expect = Expect::Pattern;
                        }
                    } else {
                        i += 1;
                        if expect == Expect::LoopHeader {
                            expect = Expect::Command;
                        }
                    }
                }
                b'|' if self.at(i + 1) == b'|' => {
                    self.end_command(&mut cur, &mut pipeline, &mut nested, depth, true);
                    i += 2;
                }
                b'|' => {
                    if expect == Expect::Pattern {
                        i += 1;
                        continue;
                    }
                    // The pipeline goes on: end the command only.
                    self.end_command(&mut cur, &mut pipeline, &mut nested, depth, false);
                    let len = if self.at(i + 1) == b'&' { 2 } else { 1 };
                    pipeline.op.get_or_insert((i, i + len));
                    pipeline.ops += 1;
                    i += len;
                }
                b'&' if self.at(i + 1) == b'&' => {
                    self.end_command(&mut cur, &mut pipeline, &mut nested, depth, true);
                    i += 2;
                }
                b'&' if self.at(i + 1) == b'>' => i = self.redirect(i, to, &mut heredocs),
                b'&' => {
                    self.end_command(&mut cur, &mut pipeline, &mut nested, depth, true);
                    i += 1;
                }
                b'<' | b'>' => {
                    if self.at(i + 1) == b'(' {
                        // Process substitution: a word whose script runs.
                        i = self.word(i, to, &mut cur, &mut nested);
                    } else {
                        i = self.redirect(i, to, &mut heredocs);
                    }
                }
                b'(' => {
                    if expect == Expect::Pattern {
                        i += 1;
                        continue;
                    }
                    if self.at(i + 1) == b'(' {
                        // `(( arithmetic ))` is not a command.
                        i = self.close(i + 2, to, b'(', b')').map_or(to, |e| e + 1);
                        if self.at(i) == b')' {
                            i += 1;
                        }
                        continue;
                    }
                    // `name()` defines a function; `( ... )` is a subshell: look through both.
                    if cur.words.len() == 1 && self.at(i + 1) == b')' {
                        cur = RawCommand::default();
                        i += 2;
                        continue;
                    }
                    self.end_command(&mut cur, &mut pipeline, &mut nested, depth, false);
                    subshells += 1;
                    i += 1;
                }
                b')' => {
                    if expect == Expect::Pattern {
                        expect = Expect::Command;
                    } else {
                        // `(a) | b`: the subshell's output may feed a pipeline.
                        self.end_command(&mut cur, &mut pipeline, &mut nested, depth, false);
                        match subshells.checked_sub(1) {
                            Some(n) => subshells = n,
                            None => self.out.error = true,
                        }
                    }
                    i += 1;
                }
                _ => {
                    if expect == Expect::Pattern {
                        let end = self.word_end(i, to, &mut Vec::new());
                        if &self.b[i..end] == b"esac" {
                            cases = cases.saturating_sub(1);
                            expect = Expect::Command;
                        }
                        i = end.max(i + 1);
                        continue;
                    }
                    // A word in a `case` or `for` header is not a command, but its
                    // substitutions (`case $(uname -m) in`) run.
                    let header = matches!(expect, Expect::CaseWord | Expect::LoopHeader);
                    let mut subs = Vec::new();
                    let end = self.word_end(i, to, &mut subs);
                    if header {
                        nested.append(&mut subs);
                    }
                    let w = self.b.get(i..end).unwrap_or(&[]);
                    // `2>&1`: a descriptor number, not a word.
                    if w.iter().all(u8::is_ascii_digit) && matches!(self.at(end), b'<' | b'>') {
                        i = self.redirect(end, to, &mut heredocs);
                        continue;
                    }
                    if cur.words.is_empty() {
                        match (expect, w) {
                            (Expect::CaseWord, b"in") => {
                                expect = Expect::Pattern;
                                i = end;
                                continue;
                            }
                            (Expect::CaseWord | Expect::LoopHeader, _) => {
                                if w == b"do" {
                                    expect = Expect::Command;
                                }
                                i = end;
                                continue;
                            }
                            (_, b"case") => {
                                cases += 1;
                                expect = Expect::CaseWord;
                                i = end;
                                continue;
                            }
                            (_, b"for" | b"select") => {
                                expect = Expect::LoopHeader;
                                i = end;
                                continue;
                            }
                            (_, b"function") => {
                                // `function name [()]`: skip the name.
                                i = self.skip_blanks(end, to);
                                i = self.word_end(i, to, &mut Vec::new()).max(i);
                                continue;
                            }
                            (_, b"[[") => {
                                i = self.double_bracket(end, to);
                                continue;
                            }
                            (_, w) if cur.assignments.is_empty() && RESERVED.iter().any(|r| r.as_bytes() == w) => {
                                i = end;
                                continue;
                            }
                            _ => {}
                        }
                    }
                    i = self.word(i, to, &mut cur, &mut nested);
                }
            }
        }
        self.end_command(&mut cur, &mut pipeline, &mut nested, depth, true);
        if !heredocs.is_empty() || subshells > 0 {
            self.out.error = true;
        }
    }

    fn skip_blanks(&self, mut i: usize, to: usize) -> usize {
        while i < to && matches!(self.at(i), b' ' | b'\t') {
            i += 1;
        }
        i
    }

    /// Reads one word at `i` into the current command (name, argument or assignment).
    fn word(&mut self, i: usize, to: usize, cur: &mut RawCommand, nested: &mut Vec<(usize, usize)>) -> usize {
        let end = self.word_end(i, to, nested);
        let end = end.max(i + 1).min(to.max(i + 1));
        let w = self.b.get(i..end).unwrap_or(&[]);
        if cur.words.is_empty() && cur.assignments.is_empty() {
            cur.start = i;
        }
        let assignment = cur.words.is_empty()
            && w.iter().position(|&c| c == b'=').is_some_and(|eq| {
                let name = w[..eq].strip_suffix(b"+").unwrap_or(&w[..eq]);
                is_name(name)
            });
        if assignment {
            cur.assignments.push((i, end));
        } else {
            cur.words.push((i, end));
        }
        cur.end = end;
        end
    }

    /// The end of the word starting at `i`; substitutions met on the way go to `nested`.
    fn word_end(&mut self, mut i: usize, to: usize, nested: &mut Vec<(usize, usize)>) -> usize {
        let start = i;
        while i < to {
            let c = self.at(i);
            match c {
                b'\'' => match self.text.get(i + 1..to).and_then(|r| r.find('\'')) {
                    Some(k) => i += k + 2,
                    None => {
                        self.out.error = true;
                        return to;
                    }
                },
                b'"' => i = self.double_quoted(i + 1, to, nested),
                b'\\' => i += 2,
                b'`' => {
                    let Some(e) = self.backtick_end(i + 1, to) else {
                        self.out.error = true;
                        return to;
                    };
                    nested.push((i + 1, e));
                    i = e + 1;
                }
                b'$' => i = self.dollar(i, to, nested),
                // `<(...)` / `>(...)` at the start of a word.
                b'<' | b'>' if i == start && self.at(i + 1) == b'(' => {
                    let e = self.close(i + 2, to, b'(', b')').unwrap_or(to);
                    nested.push((i + 2, e));
                    i = e + 1;
                }
                // `A=(x y)`: an array assignment.
                b'(' if i > start && self.at(i - 1) == b'=' => {
                    i = self.close(i + 1, to, b'(', b')').map_or(to, |e| e + 1);
                }
                _ if is_meta(c) => break,
                _ => i += 1,
            }
        }
        i.min(to)
    }

    fn double_quoted(&mut self, mut i: usize, to: usize, nested: &mut Vec<(usize, usize)>) -> usize {
        while i < to {
            match self.at(i) {
                b'"' => return i + 1,
                b'\\' => i += 2,
                b'`' => {
                    let Some(e) = self.backtick_end(i + 1, to) else { break };
                    nested.push((i + 1, e));
                    i = e + 1;
                }
                b'$' => i = self.dollar(i, to, nested),
                _ => i += 1,
            }
        }
        self.out.error = true;
        to
    }

    /// Past a `$...` expansion at `i`; a command substitution's script goes to `nested`.
    fn dollar(&mut self, i: usize, to: usize, nested: &mut Vec<(usize, usize)>) -> usize {
        match self.at(i + 1) {
            b'(' if self.at(i + 2) == b'(' => self.close(i + 3, to, b'(', b')').map_or(to, |e| (e + 2).min(to)),
            b'(' => match self.close(i + 2, to, b'(', b')') {
                Some(e) => {
                    nested.push((i + 2, e));
                    e + 1
                }
                None => {
                    self.out.error = true;
                    to
                }
            },
            b'{' => self.close(i + 2, to, b'{', b'}').map_or(to, |e| e + 1),
            b'\'' => match self.text.get(i + 2..to).and_then(|r| r.find('\'')) {
                Some(k) => i + k + 3,
                None => to,
            },
            _ => i + 1,
        }
    }

    /// The offset of the `close` byte matching an already opened `open`, skipping quotes.
    fn close(&mut self, mut i: usize, to: usize, open: u8, close: u8) -> Option<usize> {
        let mut depth = 1usize;
        let mut scratch = Vec::new();
        while i < to {
            let c = self.at(i);
            match c {
                b'\\' => i += 2,
                b'\'' => i = self.text.get(i + 1..to).and_then(|r| r.find('\'')).map_or(to, |k| i + k + 2),
                b'"' => i = self.double_quoted(i + 1, to, &mut scratch),
                b'#' if open == b'(' && matches!(self.b.get(i.wrapping_sub(1)), Some(b' ' | b'\t' | b'\n')) => {
                    while i < to && self.at(i) != b'\n' {
                        i += 1;
                    }
                }
                _ if c == close => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                    i += 1;
                }
                _ if c == open => {
                    depth += 1;
                    i += 1;
                }
                _ => i += 1,
            }
        }
        None
    }

    fn backtick_end(&self, mut i: usize, to: usize) -> Option<usize> {
        while i < to {
            match self.at(i) {
                b'\\' => i += 2,
                b'`' => return Some(i),
                _ => i += 1,
            }
        }
        None
    }

    /// `[[ ... ]]` is a test, not a command: skip to the closing `]]`.
    fn double_bracket(&mut self, mut i: usize, to: usize) -> usize {
        while i < to {
            i = self.skip_blanks(i, to);
            let end = self.word_end(i, to, &mut Vec::new());
            if self.b.get(i..end) == Some(b"]]") {
                return end;
            }
            i = end.max(i + 1);
        }
        to
    }

    /// Past a redirection operator and its target word; `<<` registers a heredoc.
    fn redirect(&mut self, mut i: usize, to: usize, heredocs: &mut Vec<(String, bool)>) -> usize {
        let here = self.at(i) == b'<' && self.at(i + 1) == b'<' && self.at(i + 2) != b'<';
        while i < to && matches!(self.at(i), b'<' | b'>' | b'&' | b'|') {
            i += 1;
        }
        let strip = here && self.at(i) == b'-';
        if strip {
            i += 1;
        }
        i = self.skip_blanks(i, to);
        // `2>&1`, `>&-`: the target is a descriptor.
        let end = self.word_end(i, to, &mut Vec::new());
        if here && end > i {
            let raw = self.text.get(i..end).unwrap_or("");
            let delimiter: String = raw.chars().filter(|c| !matches!(c, '\'' | '"' | '\\')).collect();
            heredocs.push((delimiter, strip));
        }
        end.max(i)
    }

    /// Skips the bodies of pending heredocs, which start at the line `i`.
    fn skip_heredocs(&mut self, mut i: usize, to: usize, heredocs: &mut Vec<(String, bool)>) -> usize {
        for (delimiter, strip) in std::mem::take(heredocs) {
            loop {
                if i >= to {
                    self.out.error = true;
                    return to;
                }
                let line_end = self.text.get(i..to).and_then(|r| r.find('\n')).map_or(to, |k| i + k);
                let line = self.text.get(i..line_end).unwrap_or("").trim_end_matches('\r');
                let line = if strip { line.trim_start_matches('\t') } else { line };
                i = (line_end + 1).min(to);
                if line == delimiter {
                    break;
                }
            }
        }
        i
    }

    /// Ends the current command (and the pipeline, when `ends_pipeline`), then scans the
    /// substitutions it held.
    fn end_command(
        &mut self,
        cur: &mut RawCommand,
        pipeline: &mut Pipeline,
        nested: &mut Vec<(usize, usize)>,
        depth: usize,
        ends_pipeline: bool,
    ) {
        let cmd = std::mem::take(cur);
        if !cmd.words.is_empty() {
            pipeline.members.push((self.out.commands.len(), pipeline.ops));
            self.out.commands.push(cmd);
        } else if !cmd.assignments.is_empty() {
            // `X=1` alone sets a shell variable: kept (with no words) for the variables.
            self.out.commands.push(cmd);
        }
        self.finish_pipeline(pipeline, ends_pipeline);
        for (a, b) in std::mem::take(nested) {
            self.list(a, b, depth + 1);
        }
    }

    fn finish_pipeline(&mut self, pipeline: &mut Pipeline, ends: bool) {
        if !ends {
            return;
        }
        let Pipeline { members, op, ops } = std::mem::take(pipeline);
        let Some(op) = op else { return };
        let id = self.out.pipelines.len();
        self.out.pipelines.push(op);
        for (m, index) in members {
            if let Some(c) = self.out.commands.get_mut(m) {
                c.pipe = Some((id, index, ops + 1));
            }
        }
    }
}
