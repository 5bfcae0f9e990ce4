//! Where a rendered key was written in its Helm template.
//!
//! A template is not YAML until rendered, so it is read as an outline: each line's indentation,
//! sequence dashes and key, with every `{{ ... }}` action blanked out first. Lines that are only
//! actions (`{{- if }}`, `{{- toYaml .Values.x | nindent 8 }}`, `{{- include ... }}`) hold no
//! key; a key that is an action (`{{ $k }}: ...`, in a `range` over a map) matches any rendered
//! key; items inside a `range` or an `if` opened below their sequence are matched by name
//! (`- name: web`) or, failing that, by position. A rendered key path is then followed down the
//! outline as far as it goes: the deepest key found is where the finding is placed.

use super::path::{KeyPath, Segment};
use crate::span::Span;

/// The outline of one template file.
#[derive(Debug, Default)]
pub struct Template {
    nodes: Vec<Node>,
    /// One per `---`-separated part that has a key or writes out an action, in order.
    sections: Vec<Section>,
    /// The first line, the fallback when nothing of a path is found.
    first_line: Span,
}

#[derive(Debug, Default)]
struct Section {
    /// Where the part starts (the line after its `---`).
    start: Span,
    roots: Vec<usize>,
    /// The first line at the top level that only writes out an action (`{{ include ... }}`).
    emitter: Option<Span>,
    /// Its `kind:`, when written literally.
    kind: Option<String>,
}

impl Section {
    fn has_content(&self) -> bool {
        !self.roots.is_empty() || self.emitter.is_some()
    }
}

#[derive(Debug)]
struct Node {
    /// `None` for a sequence item.
    key: Option<Name>,
    /// Items: the value of their `name:` key, or their scalar.
    hint: Option<Name>,
    /// From the key (or the dash) to the end of the line's content.
    line: Span,
    /// The value written on the key's line, if any.
    value: Option<Span>,
    column: usize,
    children: Vec<usize>,
    /// Inside a `{{ range }}` opened below its parent: it may render many times.
    repeated: bool,
    /// Inside an `{{ if }}` or `{{ with }}` opened below its parent: it may not render at all.
    optional: bool,
    /// The control blocks open when the node was read.
    blocks: Vec<u32>,
    /// The first line under the node that only writes out an action (`{{- toYaml .Values.x |
    /// nindent 8 }}`, `{{- include "labels" . | nindent 4 }}`): where keys the template does
    /// not spell out come from.
    emitter: Option<Span>,
}

/// A key or an item's name: literal text, or an action whose value only rendering knows.
#[derive(Debug, PartialEq, Eq)]
enum Name {
    Literal(String),
    Templated,
}

/// Where a path was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    /// The key's (or item's) line, from the key to the end of its content.
    pub line: Span,
    /// The value on that line.
    pub value: Option<Span>,
    /// How many segments of the path were found (all of them: an exact match).
    pub matched: usize,
}

/// Stands for the bytes of an action in the masked text.
const BLANK: u8 = 0x01;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Block {
    If,
    With,
    Range,
    Define,
    Other,
}

/// A control action: it opens a block or closes one.
#[derive(Clone, Copy, Debug)]
enum Control {
    Open(Block),
    End,
}

/// What an action does.
#[derive(Clone, Copy, Debug)]
enum Action {
    Control(Control),
    /// Writes text out: `{{ .Values.x }}`, `{{ include ... }}`, `{{ toYaml ... }}`.
    Output,
    /// Writes nothing: comments, `else`, variable assignments.
    Quiet,
}

impl Template {
    pub fn parse(text: &str) -> Template {
        let (masked, actions) = mask(text);
        let mut t = Template { first_line: line_span(text, 0), ..Default::default() };
        let mut reader = Reader::default();
        let mut section = Section { start: t.first_line, ..Default::default() };
        let mut actions = actions.into_iter().peekable();
        let mut start = 0;
        for line in masked.split_inclusive(|&b| b == b'\n') {
            let end = start + line.len();
            let content = trim_end(line);
            let indent = content.iter().take_while(|&&b| b == b' ').count();
            let rest = &content[indent..];
            let mut line_actions = Vec::new();
            while let Some((_, a)) = actions.next_if(|&(at, _)| at < end) {
                line_actions.push(a);
            }
            let emits = line_actions.iter().any(|a| matches!(a, Action::Output));
            if indent == 0 && (rest == b"---" || rest.starts_with(b"--- ") || rest.starts_with(b"---\t")) {
                if section.has_content() {
                    t.push_section(std::mem::take(&mut section), text);
                }
                section.start = line_span(text, end);
                reader.stack.clear();
                reader.block_scalar = None;
            } else if !reader.blocks.iter().any(|&(b, _)| b == Block::Define) {
                reader.line(&mut t, &mut section, text, Line { start, indent, rest, emits });
            }
            // The actions of this line open and close blocks for the lines after it.
            for a in line_actions {
                if let Action::Control(c) = a {
                    reader.control(c);
                }
            }
            start = end;
        }
        if section.has_content() {
            t.push_section(section, text);
        }
        t
    }

    fn push_section(&mut self, mut section: Section, text: &str) {
        let kind = section.roots.iter().map(|&r| &self.nodes[r]).find(|n| n.key == Some(Name::Literal("kind".into())));
        section.kind = kind.and_then(|n| n.value).map(|v| v.slice(text)).filter(|k| !k.contains("{{")).map(|k| {
            let k = k.trim_matches(|c| c == '"' || c == '\'');
            k.to_string()
        });
        self.sections.push(section);
    }

    /// Where `path`, in the `document`-th document rendered from this template (of this `kind`),
    /// was written: the deepest key of the path found, else the first line of that part of the
    /// template.
    pub fn locate(&self, document: usize, kind: Option<&str>, path: &KeyPath) -> Located {
        let Some(section) = self.section(document, kind) else {
            return Located { line: self.first_line, value: None, matched: 0 };
        };
        let mut found = Located { line: section.start, value: None, matched: 0 };
        let mut children = &section.roots;
        let mut emitter = section.emitter;
        for seg in &path.0 {
            let Some(n) = self.step(children, seg, emitter.is_some()) else {
                // The rest of the path is written out by an action under the last key found.
                if let Some(line) = emitter {
                    found = Located { line, value: None, ..found };
                }
                break;
            };
            let node = &self.nodes[n];
            found = Located { line: node.line, value: node.value, matched: found.matched + 1 };
            children = &node.children;
            emitter = node.emitter;
        }
        found
    }

    /// The part a document came from: among the parts of its kind (parts inside an `if` may
    /// render nothing), the one nearest its rank; without one of its kind, the part at its rank.
    fn section(&self, document: usize, kind: Option<&str>) -> Option<&Section> {
        let near = |i: &usize| i.abs_diff(document);
        let same_kind = self.sections.iter().enumerate().filter(|(_, s)| kind.is_some() && s.kind.as_deref() == kind);
        match same_kind.min_by_key(|(i, _)| near(i)) {
            Some((_, s)) => Some(s),
            None => self.sections.get(document.min(self.sections.len().saturating_sub(1))),
        }
    }

    /// The child `seg` names; `emits` says whether the parent also writes out an action (the
    /// child may come from there).
    fn step(&self, children: &[usize], seg: &Segment, emits: bool) -> Option<usize> {
        match seg {
            Segment::Key(k) => {
                // The last of repeated keys, as YAML reads them (and one branch of an
                // `if`/`else` that writes the key in both is as good as the other).
                let entry = |want: &dyn Fn(&Name) -> bool| {
                    children.iter().rev().copied().find(|&c| self.nodes[c].key.as_ref().is_some_and(want))
                };
                entry(&|n| matches!(n, Name::Literal(l) if l == k)).or_else(|| entry(&|n| *n == Name::Templated))
            }
            Segment::Index { index, hint } => {
                let items: Vec<usize> = children.iter().copied().filter(|&c| self.nodes[c].key.is_none()).collect();
                self.item(&items, *index, hint.as_deref(), emits)
            }
        }
    }

    /// The template item a rendered item came from: the one of the same literal name, else the
    /// same position when every item up to it renders exactly once, else a repeated item, else
    /// (past the written items of a sequence that an action adds to) none, else the nearest
    /// position among the items whose names do not rule them out.
    fn item(&self, items: &[usize], index: usize, hint: Option<&str>, emits: bool) -> Option<usize> {
        let name = |i: usize| self.nodes[i].hint.as_ref();
        if let Some(h) = hint
            && let Some(&i) = items.iter().find(|&&i| matches!(name(i), Some(Name::Literal(l)) if l == h))
        {
            return Some(i);
        }
        let fits = |i: usize| match (hint, name(i)) {
            (Some(h), Some(Name::Literal(l))) => l == h,
            _ => true,
        };
        let plain = |i: usize| !self.nodes[i].repeated && !self.nodes[i].optional;
        if let Some(&i) = items.get(index)
            && items[..=index].iter().all(|&j| plain(j))
            && fits(i)
        {
            return Some(i);
        }
        if let Some(&i) = items.iter().find(|&&i| self.nodes[i].repeated && fits(i)) {
            return Some(i);
        }
        if emits && index >= items.len() {
            return None;
        }
        let candidates: Vec<usize> = items.iter().copied().filter(|&i| fits(i)).collect();
        candidates.get(index.min(candidates.len().saturating_sub(1))).copied()
    }
}

/// One line of the masked text, without its break.
struct Line<'a> {
    /// Its offset.
    start: usize,
    indent: usize,
    /// What follows the indentation.
    rest: &'a [u8],
    /// Whether an action on it writes text out.
    emits: bool,
}

/// The state of the line-by-line read.
#[derive(Default)]
struct Reader {
    /// Open nodes, innermost last.
    stack: Vec<usize>,
    /// Open control blocks with their ids.
    blocks: Vec<(Block, u32)>,
    next_block: u32,
    /// Inside a `|` or `>` scalar: the column of its key.
    block_scalar: Option<usize>,
}

impl Reader {
    fn control(&mut self, c: Control) {
        match c {
            Control::Open(b) => {
                self.next_block += 1;
                self.blocks.push((b, self.next_block));
            }
            Control::End => {
                self.blocks.pop();
            }
        }
    }

    /// Reads one line.
    fn line(&mut self, t: &mut Template, section: &mut Section, text: &str, line: Line<'_>) {
        let Line { start, indent, rest, emits } = line;
        let blank = rest.iter().all(|&b| b == BLANK || b == b' ' || b == b'\t');
        if let Some(col) = self.block_scalar {
            if blank || indent > col {
                return;
            }
            self.block_scalar = None;
        }
        if blank && emits {
            let span = Span::new(start + indent, start + indent + rest.len());
            // Under the key it is indented below (or `key:` then the action at its column).
            let owner = self.stack.iter().rev().copied().find(|&n| {
                let node = &t.nodes[n];
                node.column < indent
                    || (node.column == indent && node.key.is_some() && node.value.is_none() && node.children.is_empty())
            });
            let slot = match owner {
                Some(n) => &mut t.nodes[n].emitter,
                None => &mut section.emitter,
            };
            slot.get_or_insert(span);
        }
        if blank || rest.starts_with(b"#") || rest == b"..." {
            return;
        }
        // The line's content without a trailing comment, for the spans shown.
        let content_end = start + indent + trim_comment(rest).len();
        let mut col = indent;
        let mut rest = rest;
        let mut item = None;
        // `- `, `- - `: one item per dash.
        while rest == b"-" || rest.starts_with(b"- ") {
            let n = self.push(t, section, col, None, Span::new(start + col, content_end), None);
            item = Some(n);
            let skip = 1 + rest[1..].iter().take_while(|&&b| b == b' ').count();
            col += skip;
            rest = &rest[skip..];
        }
        if rest.is_empty() {
            return;
        }
        match split_key(rest) {
            Some((key, value_at)) => {
                let key_name = name(text, start + col, key);
                let after = trim_start(&rest[value_at..]);
                let value = trim_comment(after);
                let value_start = start + col + rest.len() - after.len();
                let value_span = (!value.is_empty()).then(|| Span::new(value_start, value_start + value.len()));
                let line_end = value_span.map_or(start + col + key.len() + 1, |v| v.end);
                // `name: x` names the item it is in.
                let named = match (&key_name, value_span) {
                    (Name::Literal(k), Some(_)) if k == "name" => self.parent_item(t, col),
                    _ => None,
                };
                if value.first().is_some_and(|&b| b == b'|' || b == b'>') {
                    self.block_scalar = Some(col);
                }
                self.push(t, section, col, Some(key_name), Span::new(start + col, line_end), value_span);
                if let Some(i) = named
                    && t.nodes[i].hint.is_none()
                {
                    t.nodes[i].hint = Some(name(text, value_start, value));
                }
            }
            None => {
                // A scalar item (`- NET_ADMIN`) names its item; anything else is the rest of a
                // multi-line scalar.
                if let Some(i) = item {
                    let scalar = trim_comment(rest);
                    t.nodes[i].hint = Some(name(text, start + col, scalar));
                    t.nodes[i].value = Some(Span::new(start + col, start + col + scalar.len()));
                }
            }
        }
    }

    /// The item a key at `col` would belong to, without changing the stack.
    fn parent_item(&self, t: &Template, col: usize) -> Option<usize> {
        let &top = self.stack.iter().rev().find(|&&n| t.nodes[n].column < col)?;
        t.nodes[top].key.is_none().then_some(top)
    }

    fn push(
        &mut self,
        t: &mut Template,
        section: &mut Section,
        column: usize,
        key: Option<Name>,
        line: Span,
        value: Option<Span>,
    ) -> usize {
        let is_item = key.is_none();
        // An item at a key's column belongs to that key (`containers:` then `- name: x`).
        while let Some(&top) = self.stack.last() {
            let top = &t.nodes[top];
            let sibling = top.column == column && (is_item == top.key.is_none() || !is_item);
            if top.column > column || sibling {
                self.stack.pop();
            } else {
                break;
            }
        }
        let parent = self.stack.last().copied();
        let parent_blocks: &[u32] = parent.map_or(&[], |p| &t.nodes[p].blocks);
        let new = |kind: Block| self.blocks.iter().any(|&(b, id)| b == kind && !parent_blocks.contains(&id));
        let repeated = new(Block::Range);
        let optional = new(Block::If) || new(Block::With);
        let id = t.nodes.len();
        t.nodes.push(Node {
            key,
            hint: None,
            line,
            value,
            column,
            children: Vec::new(),
            repeated,
            optional,
            blocks: self.blocks.iter().map(|&(_, id)| id).collect(),
            emitter: None,
        });
        match parent {
            Some(p) => t.nodes[p].children.push(id),
            None => section.roots.push(id),
        }
        self.stack.push(id);
        id
    }
}

/// `text` with every `{{ ... }}` action's bytes (line breaks kept) replaced by [`BLANK`], and
/// each action with its offset.
fn mask(text: &str) -> (Vec<u8>, Vec<(usize, Action)>) {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut actions = Vec::new();
    let mut i = 0;
    while let Some(open) = find(bytes, i, b"{{") {
        let close = action_end(bytes, open + 2);
        let body = text.get(open + 2..close.saturating_sub(2).max(open + 2)).unwrap_or("");
        actions.push((open, action(body)));
        for b in &mut out[open..close] {
            if *b != b'\n' {
                *b = BLANK;
            }
        }
        i = close;
    }
    (out, actions)
}

/// The offset just past the `}}` that closes an action whose body starts at `from` (quoted
/// strings and `/* */` comments skipped); the end of the text if it never closes.
fn action_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'`' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'`' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = find(bytes, i + 2, b"*/").map_or(bytes.len(), |e| e + 1);
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => return i + 2,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// What an action's body (between the braces) does.
fn action(body: &str) -> Action {
    let body = body.trim_start_matches('-').trim_start();
    let word = body.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    let open = |b| Action::Control(Control::Open(b));
    match word {
        "if" => open(Block::If),
        "with" => open(Block::With),
        "range" => open(Block::Range),
        "define" => open(Block::Define),
        "block" => open(Block::Other),
        "end" => Action::Control(Control::End),
        "else" | "break" | "continue" => Action::Quiet,
        // `{{/* comment */}}`, `{{ $x := ... }}`.
        "" if body.starts_with("/*") || (body.starts_with('$') && body.contains('=')) => Action::Quiet,
        _ => Action::Output,
    }
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// A line's key and where its value starts (after the colon), if it is `key: value` or `key:`.
fn split_key(rest: &[u8]) -> Option<(&[u8], usize)> {
    let first = *rest.first()?;
    let colon = if first == b'"' || first == b'\'' {
        let close = rest[1..].iter().position(|&b| b == first)? + 1;
        (rest.get(close + 1) == Some(&b':')).then_some(close + 1)?
    } else {
        if matches!(first, b'{' | b'[' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' | b'#') {
            return None;
        }
        let mut at = None;
        for (i, w) in rest.windows(2).enumerate() {
            if w[0] == b' ' && w[1] == b'#' {
                break;
            }
            if w[0] == b':' && (w[1] == b' ' || w[1] == b'\t') {
                at = Some(i);
                break;
            }
        }
        match at {
            Some(i) => i,
            None if rest.last() == Some(&b':') => rest.len() - 1,
            None => return None,
        }
    };
    Some((&rest[..colon], colon + 1))
}

/// A key or value as written: an action anywhere in it makes it templated.
fn name(text: &str, at: usize, masked: &[u8]) -> Name {
    if masked.contains(&BLANK) {
        return Name::Templated;
    }
    let raw = text.get(at..at + masked.len()).unwrap_or("").trim();
    let unquoted = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .or_else(|| raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))
        .unwrap_or(raw);
    Name::Literal(unquoted.to_string())
}

/// A value without its trailing ` # comment` and spaces.
fn trim_comment(value: &[u8]) -> &[u8] {
    let value = trim_start(value);
    let quoted = value.first().is_some_and(|&b| b == b'"' || b == b'\'');
    let end = if quoted { value.len() } else { find(value, 0, b" #").unwrap_or(value.len()) };
    trim_end(&value[..end])
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    &b[n..]
}

fn trim_end(b: &[u8]) -> &[u8] {
    let n = b.iter().rev().take_while(|&&c| matches!(c, b' ' | b'\t' | b'\r' | b'\n')).count();
    &b[..b.len() - n]
}

/// The line starting at `start`, without its break.
fn line_span(text: &str, start: usize) -> Span {
    let start = start.min(text.len());
    let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
    Span::new(start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Segment {
        Segment::Key(k.into())
    }

    fn item(index: usize, hint: Option<&str>) -> Segment {
        Segment::Index { index, hint: hint.map(String::from) }
    }

    /// The 1-based line and the text of the line where `path` lands, and whether all of it was found.
    fn at(text: &str, document: usize, path: Vec<Segment>) -> (usize, &str, bool) {
        at_kind(text, document, None, path)
    }

    fn at_kind<'t>(text: &'t str, document: usize, kind: Option<&str>, path: Vec<Segment>) -> (usize, &'t str, bool) {
        let t = Template::parse(text);
        let n = path.len();
        let found = t.locate(document, kind, &KeyPath(path));
        let line = text[..found.line.start].matches('\n').count() + 1;
        (line, found.line.slice(text), found.matched == n)
    }

    const DEPLOYMENT: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      {{- with .Values.podSecurityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          securityContext:
            privileged: {{ .Values.privileged }} # on purpose
          env:
            - name: FIXED
              value: "1"
          {{- range $k, $v := .Values.env }}
            - name: {{ $k }}
              value: {{ $v | quote }}
          {{- end }}
        {{- if .Values.sidecar.enabled }}
        - name: sidecar
          image: busybox
        {{- end }}
      volumes:
      - name: data
        hostPath:
          path: /var/data
"#;

    #[test]
    fn keys_are_found_through_actions() {
        let c = |rest: Vec<Segment>| {
            let mut p = vec![key("spec"), key("template"), key("spec")];
            p.extend(rest);
            p
        };
        let privileged = c(vec![key("containers"), item(0, Some("app")), key("securityContext"), key("privileged")]);
        assert_eq!(at(DEPLOYMENT, 0, privileged), (21, "privileged: {{ .Values.privileged }}", true));
        assert_eq!(
            at(DEPLOYMENT, 0, vec![key("spec"), key("replicas")]),
            (9, "replicas: {{ .Values.replicaCount }}", true)
        );
        // What a key's `toYaml` or `include` writes out is placed on that action's line.
        let run_as = c(vec![key("securityContext"), key("runAsUser")]);
        assert_eq!(at(DEPLOYMENT, 0, run_as), (15, "{{- toYaml . | nindent 8 }}", false));
        let app = vec![key("metadata"), key("labels"), key("app")];
        assert_eq!(at(DEPLOYMENT, 0, app), (6, "{{- include \"app.labels\" . | nindent 4 }}", false));
        // Without such a line, the key itself.
        let limits = c(vec![key("containers"), item(0, None), key("securityContext"), key("capabilities")]);
        assert_eq!(at(DEPLOYMENT, 0, limits), (20, "securityContext:", false));
        let path = c(vec![key("volumes"), item(0, Some("data")), key("hostPath"), key("path")]);
        assert_eq!(at(DEPLOYMENT, 0, path), (36, "path: /var/data", true));
    }

    #[test]
    fn items_by_name_range_and_position() {
        let env = |i: usize, name: &str| {
            vec![
                key("spec"),
                key("template"),
                key("spec"),
                key("containers"),
                item(0, Some("app")),
                key("env"),
                item(i, Some(name)),
                key("value"),
            ]
        };
        assert_eq!(at(DEPLOYMENT, 0, env(0, "FIXED")), (24, "value: \"1\"", true));
        // From the range: any later item.
        assert_eq!(at(DEPLOYMENT, 0, env(2, "LOG_LEVEL")), (27, "value: {{ $v | quote }}", true));
        // The sidecar is found by its literal name, the app container by position.
        let image = |i: usize, name: &str| {
            vec![key("spec"), key("template"), key("spec"), key("containers"), item(i, Some(name)), key("image")]
        };
        assert_eq!(at(DEPLOYMENT, 0, image(1, "sidecar")), (31, "image: busybox", true));
        assert_eq!(at(DEPLOYMENT, 0, image(0, "app")).0, 19);
    }

    #[test]
    fn nothing_found_is_the_first_line_of_the_part() {
        assert_eq!(at(DEPLOYMENT, 0, vec![key("status")]), (1, "apiVersion: apps/v1", false));
        assert_eq!(at("{{ include \"x\" . }}\n", 0, vec![key("kind")]), (1, "{{ include \"x\" . }}", false));
        assert_eq!(at("", 3, vec![key("kind")]).0, 1);
    }

    #[test]
    fn documents_block_scalars_and_defines() {
        let text = "{{- define \"x\" }}\nkind: Secret\n{{- end }}\napiVersion: v1\nkind: ConfigMap\ndata:\n  \
                    script: |\n    name: not-a-key\n    {{ .Values.x }}\n  other: 1\n---\n# second\n\
                    kind: Service\nspec:\n  ports:\n  {{- range .Values.ports }}\n  - port: {{ .port }}\n  {{- end }}\n";
        assert_eq!(at(text, 0, vec![key("kind")]), (5, "kind: ConfigMap", true));
        assert_eq!(at(text, 0, vec![key("data"), key("other")]), (10, "other: 1", true));
        assert_eq!(at(text, 0, vec![key("data"), key("name")]), (6, "data:", false));
        assert_eq!(at(text, 1, vec![key("kind")]), (13, "kind: Service", true));
        let port = vec![key("spec"), key("ports"), item(3, None), key("port")];
        assert_eq!(at(text, 1, port), (17, "port: {{ .port }}", true));
        // More documents than parts: the last part.
        assert_eq!(at(text, 5, vec![key("kind")]).0, 13);
    }

    #[test]
    fn items_an_action_adds_after_the_written_ones() {
        let text = "env:\n  - name: A\n    value: a\n  {{- with .Values.extraEnv }}\n  {{- toYaml . | nindent 2 }}\n  \
                    {{- end }}\nports:\n{{- $p := .Values.port }}\n- {{ $p }}\n";
        assert_eq!(at(text, 0, vec![key("env"), item(0, Some("A")), key("value")]), (3, "value: a", true));
        let extra = vec![key("env"), item(1, Some("B")), key("value")];
        assert_eq!(at(text, 0, extra), (5, "{{- toYaml . | nindent 2 }}", false));
        // An assignment writes nothing: the sequence has only its written item.
        assert_eq!(at(text, 0, vec![key("ports"), item(1, None)]), (9, "- {{ $p }}", true));
    }

    #[test]
    fn parts_are_told_apart_by_kind() {
        let text = "{{- if .Values.rbac.create }}\nkind: Role\nrules: []\n---\n{{- end }}\nkind: RoleBinding\n\
                    subjects: []\n---\nkind: \"ConfigMap\"\ndata: {}\n---\nkind: ConfigMap\ndata: {}\n";
        // Without the Role, the RoleBinding is the first document rendered from the template.
        assert_eq!(at_kind(text, 0, Some("RoleBinding"), vec![key("subjects")]).0, 7);
        assert_eq!(at_kind(text, 0, None, vec![key("rules")]).0, 3);
        // Two parts of a kind: the one nearest the document's rank.
        assert_eq!(at_kind(text, 1, Some("ConfigMap"), vec![key("data")]).0, 10);
        assert_eq!(at_kind(text, 3, Some("ConfigMap"), vec![key("data")]).0, 13);
        // A kind the template does not write: by rank.
        assert_eq!(at_kind(text, 1, Some("Secret"), vec![key("kind")]).0, 6);
    }

    #[test]
    fn templated_keys_match_any_key() {
        let text = "kind: Secret\ndata:\n  fixed: eA==\n{{- range $k, $v := .Values.secrets }}\n  \
                    {{ $k }}: {{ $v | b64enc }}\n{{- end }}\n";
        assert_eq!(at(text, 0, vec![key("data"), key("fixed")]), (3, "fixed: eA==", true));
        assert_eq!(at(text, 0, vec![key("data"), key("API_KEY")]), (5, "{{ $k }}: {{ $v | b64enc }}", true));
    }

    #[test]
    fn multi_line_actions_and_odd_lines() {
        let text = "{{/*\nkind: NotThis\n*/}}\nkind: Pod # c\n\"quoted key\": 1\nlist:\n- - a\n  - b\n- {{ .x }}\n";
        assert_eq!(at(text, 0, vec![key("kind")]), (4, "kind: Pod", true));
        assert_eq!(at(text, 0, vec![key("quoted key")]), (5, "\"quoted key\": 1", true));
        assert_eq!(at(text, 0, vec![key("list"), item(0, None), item(1, Some("b"))]), (8, "- b", true));
        assert_eq!(at(text, 0, vec![key("list"), item(1, None)]), (9, "- {{ .x }}", true));
        // An action that never closes blanks the rest of the text.
        assert_eq!(at("kind: A\nx: {{ oops\ny: 1\n", 0, vec![key("y")]), (1, "kind: A", false));
    }
}
