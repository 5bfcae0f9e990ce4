//! One pass over the events builds the arena: documents, nodes, comments, errors.
//!
//! Aliases are stored, never copied. Each anchored node remembers its expanded size (nodes once
//! every alias inside is expanded, saturating), so an alias adds its target's size to the
//! document's total in O(1) and an alias bomb stops at the alias that crosses the budget.

use std::collections::{HashMap, HashSet};

use super::events::{self, Event, Events, Props};
use super::{
    Comment, Document, Entry, Limits, Node, NodeId, NodeKind, ScalarStyle, YamlError, YamlErrorKind, YamlFile,
};
use crate::span::Span;

/// Expanded size of an anchored collection that is still being built.
const OPEN: u64 = u64::MAX;

/// Mappings up to this size look for duplicate keys pairwise instead of hashing.
const SMALL_MAPPING: usize = 16;

pub(super) fn build(src: &str, limits: &Limits) -> YamlFile {
    let mut builder = Builder::new(src, *limits);
    let mut events = Events::new(src, limits.max_depth);
    let mut last_error: Option<usize> = None;
    while let Some(next) = events.next() {
        let drop_document = match next {
            Ok((event, span)) => {
                last_error = None;
                builder.event(event, span)
            }
            Err(e) => {
                // Recovery always moves forward; an error that repeats in place means it cannot.
                if last_error == Some(e.offset) {
                    break;
                }
                last_error = Some(e.offset);
                let kind = match e.kind {
                    events::ErrorKind::Syntax => YamlErrorKind::Syntax,
                    events::ErrorKind::Depth => YamlErrorKind::Depth,
                };
                builder.fatal(kind, e.message, builder.point(e.offset), None);
                true
            }
        };
        if drop_document && let Err(e) = events.skip_document() {
            if last_error != Some(e.offset) {
                builder.fatal(YamlErrorKind::Syntax, e.message, builder.point(e.offset), None);
            }
            break;
        }
    }
    builder.finish()
}

/// A collection being built.
struct Frame {
    node: NodeId,
    mapping: bool,
    flow: bool,
    /// Where its children start in `Builder::scratch`.
    children: usize,
    /// The document's expanded size when it started.
    expanded_at_start: u64,
    /// Its anchor id, when it has one.
    anchor: Option<usize>,
    /// The furthest end of its span so far.
    end: usize,
}

/// The document being built.
struct Doc {
    index: usize,
    /// Nodes from here on belong to this document (dropped with it).
    first_node: usize,
    /// Nodes in the document so far with every alias expanded.
    expanded: u64,
}

struct Builder<'s> {
    src: &'s str,
    limits: Limits,
    file: YamlFile,
    stack: Vec<Frame>,
    /// Children of open collections, innermost last (mapping children alternate key, value).
    scratch: Vec<NodeId>,
    /// Anchor id -> (node, expanded size or `OPEN`). Ids are unique in the stream.
    anchors: Vec<Option<(NodeId, u64)>>,
    doc: Option<Doc>,
    /// A document (without `...`, or dropped) that ends where the next one starts.
    open_end: Option<usize>,
    shadowed: HashSet<(NodeId, u32)>,
}

impl<'s> Builder<'s> {
    fn new(src: &'s str, limits: Limits) -> Self {
        Builder {
            src,
            limits,
            file: YamlFile {
                // Manifests average a node per ~34 bytes (measured on the corpus).
                nodes: Vec::with_capacity(src.len() / 32 + 4),
                ..YamlFile::default()
            },
            stack: Vec::new(),
            scratch: Vec::new(),
            anchors: Vec::new(),
            doc: None,
            open_end: None,
            shadowed: HashSet::new(),
        }
    }

    /// Handles one event; `true` when the current document must be dropped and skipped.
    fn event(&mut self, event: Event<'_>, span: Span) -> bool {
        match event {
            Event::DocumentStart { explicit } => {
                self.end_document(span.start);
                self.start_document(span, explicit);
            }
            Event::DocumentEnd => {
                let index = self.doc.as_ref().map(|d| d.index);
                self.end_document(span.end);
                if span.is_empty() {
                    // No `...`: the document runs on to the next one (or the end of the stream),
                    // so the comments after its last node are inside it.
                    self.open_end = index;
                }
            }
            Event::StreamEnd => self.end_document(span.start),
            Event::Comment { text } => {
                self.file.comments.push(Comment { text: text.into_owned(), span });
            }
            Event::Scalar { value, style, props } => {
                self.ensure_document(span.start);
                let anchor = props.anchor.as_ref().map(|a| a.id);
                let id = self.push(NodeKind::Scalar { value: value.into_owned(), style }, span, props);
                self.count(1);
                if let Some(anchor) = anchor {
                    self.set_anchor(anchor, id, 1);
                }
                self.add_child(id, span);
            }
            Event::SequenceStart { flow, props } => return self.open(false, flow, span, props),
            Event::MappingStart { flow, props } => return self.open(true, flow, span, props),
            Event::SequenceEnd | Event::MappingEnd => self.close(span),
            Event::Alias { id } => return self.alias(id, span),
            Event::UnknownAlias { name } => {
                let message = format!("unknown alias `*{name}`: no anchor `&{name}` before it");
                self.fatal(YamlErrorKind::UnknownAlias, message, span, None);
                return true;
            }
        }
        false
    }

    fn start_document(&mut self, span: Span, explicit_start: bool) {
        let index = self.file.documents.len();
        self.file.documents.push(Document { index, root: None, span, explicit_start });
        self.doc = Some(Doc { index, first_node: self.file.nodes.len(), expanded: 0 });
    }

    fn ensure_document(&mut self, offset: usize) {
        if self.doc.is_none() {
            self.end_document(offset);
            self.start_document(Span::point(offset), false);
        }
    }

    /// Ends the current document (and an open-ended one) at `end`.
    fn end_document(&mut self, end: usize) {
        if let Some(index) = self.open_end.take()
            && let Some(doc) = self.file.documents.get_mut(index)
        {
            doc.span.end = doc.span.end.max(end);
        }
        if let Some(doc) = self.doc.take()
            && let Some(doc) = self.file.documents.get_mut(doc.index)
        {
            doc.span.end = doc.span.end.max(end);
        }
        self.stack.clear();
        self.scratch.clear();
    }

    fn push(&mut self, kind: NodeKind, span: Span, props: Props<'_>) -> NodeId {
        // Far beyond any real input (4G nodes); saturate rather than wrap.
        let id = NodeId(u32::try_from(self.file.nodes.len()).unwrap_or(u32::MAX));
        let anchor = props.anchor.map(|a| a.name.into_owned()).filter(|name| !name.is_empty());
        self.file.nodes.push(Node { kind, span, tag: props.tag, anchor });
        id
    }

    fn count(&mut self, size: u64) -> u64 {
        match &mut self.doc {
            Some(doc) => {
                doc.expanded = doc.expanded.saturating_add(size);
                doc.expanded
            }
            None => 0,
        }
    }

    fn set_anchor(&mut self, anchor: usize, node: NodeId, size: u64) {
        // Ids are small consecutive numbers; refuse absurd ones rather than allocate for them.
        if anchor > self.src.len().saturating_add(64) {
            return;
        }
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        if let Some(slot) = self.anchors.get_mut(anchor) {
            *slot = Some((node, size));
        }
    }

    fn open(&mut self, mapping: bool, flow: bool, span: Span, props: Props<'_>) -> bool {
        self.ensure_document(span.start);
        if self.stack.len() >= self.limits.max_depth {
            let message =
                format!("collections nested deeper than {} levels; the document is skipped", self.limits.max_depth);
            let at = if span.is_empty() { self.point(span.start) } else { span };
            self.fatal(YamlErrorKind::Depth, message, at, None);
            return true;
        }
        let anchor = props.anchor.as_ref().map(|a| a.id);
        let kind = if mapping { NodeKind::Mapping(Vec::new()) } else { NodeKind::Sequence(Vec::new()) };
        let node = self.push(kind, span, props);
        let expanded_at_start = self.count(1).saturating_sub(1);
        if let Some(anchor) = anchor {
            self.set_anchor(anchor, node, OPEN);
        }
        self.stack.push(Frame {
            node,
            mapping,
            flow,
            children: self.scratch.len(),
            expanded_at_start,
            anchor,
            end: span.end,
        });
        false
    }

    fn close(&mut self, end_span: Span) {
        let Some(frame) = self.stack.pop() else { return };
        let start = frame.children.min(self.scratch.len());
        let kind = if frame.mapping {
            let entries = self.mapping_entries(frame.node, start);
            NodeKind::Mapping(entries)
        } else {
            NodeKind::Sequence(self.scratch.drain(start..).collect())
        };
        self.scratch.truncate(start);
        let expanded = self.doc.as_ref().map_or(0, |d| d.expanded);
        if let Some(anchor) = frame.anchor {
            self.set_anchor(anchor, frame.node, expanded.saturating_sub(frame.expanded_at_start));
        }
        let span = match self.file.nodes.get_mut(frame.node.index()) {
            Some(node) => {
                node.kind = kind;
                let end = if frame.flow { end_span.end } else { frame.end };
                node.span.end = end.max(node.span.end);
                node.span
            }
            None => return,
        };
        self.add_child(frame.node, span);
    }

    fn alias(&mut self, anchor: usize, span: Span) -> bool {
        let name = span.slice(self.src).trim_start_matches('*');
        let Some(Some((target, size))) = self.anchors.get(anchor).copied() else {
            let message = format!("unknown alias `*{name}`");
            self.fatal(YamlErrorKind::UnknownAlias, message, span, None);
            return true;
        };
        if size == OPEN {
            let message = format!("alias `*{name}` is inside the node it refers to");
            let related = self.file.nodes.get(target.index()).map(|n| n.span);
            self.fatal(YamlErrorKind::RecursiveAlias, message, span, related);
            return true;
        }
        let total = self.count(size);
        if total > self.limits.max_expanded_nodes as u64 {
            let message = format!(
                "aliases expand to more than {} nodes (alias bomb?); the document is skipped",
                self.limits.max_expanded_nodes
            );
            self.fatal(YamlErrorKind::AliasBudget, message, span, None);
            return true;
        }
        let id = self.push(NodeKind::Alias { target }, span, Props::default());
        self.add_child(id, span);
        false
    }

    fn add_child(&mut self, id: NodeId, span: Span) {
        if let Some(frame) = self.stack.last_mut() {
            self.scratch.push(id);
            frame.end = frame.end.max(span.end);
            return;
        }
        let Some(doc) = &self.doc else { return };
        let Some(document) = self.file.documents.get_mut(doc.index) else { return };
        if document.root.is_some() {
            return;
        }
        // `---` followed by nothing: an implicit empty scalar, i.e. an empty document.
        let implicit_null = self.file.nodes.get(id.index()).is_some_and(|n| {
            n.span.is_empty()
                && n.tag.is_none()
                && n.anchor.is_none()
                && matches!(n.kind, NodeKind::Scalar { style: ScalarStyle::Plain, .. })
        });
        if implicit_null && id.index() + 1 == self.file.nodes.len() {
            self.file.nodes.pop();
        } else {
            document.root = Some(id);
        }
    }

    /// Builds a closing mapping's entries from the scratch stack, reporting duplicate keys and
    /// applying `<<` merges.
    fn mapping_entries(&mut self, map: NodeId, start: usize) -> Vec<Entry> {
        let pairs = self.scratch.get(start..).unwrap_or(&[]);
        let mut entries = Vec::with_capacity(pairs.len() / 2);
        for pair in pairs.chunks_exact(2) {
            if let [key, value] = *pair {
                entries.push(Entry { key, value, merged_from: None });
            }
        }
        let has_merge = self.duplicates(map, &entries);
        if has_merge {
            self.merge(&mut entries);
        }
        entries
    }

    /// Reports duplicate keys and records shadowed entries; returns whether a `<<` key is present.
    fn duplicates(&mut self, map: NodeId, entries: &[Entry]) -> bool {
        let nodes = &self.file.nodes;
        let mut has_merge = false;
        // (entry, first occurrence, previous occurrence)
        let mut dups: Vec<(usize, usize, usize)> = Vec::new();
        if entries.len() <= SMALL_MAPPING {
            for (i, entry) in entries.iter().enumerate() {
                if is_merge_key(nodes, entry.key) {
                    has_merge = true;
                    continue;
                }
                let Some(key) = key_str(nodes, entry.key) else { continue };
                let mut first = None;
                let mut previous = 0;
                for (j, other) in entries.iter().enumerate().take(i) {
                    if key_str(nodes, other.key) == Some(key) && !is_merge_key(nodes, other.key) {
                        first.get_or_insert(j);
                        previous = j;
                    }
                }
                if let Some(first) = first {
                    dups.push((i, first, previous));
                }
            }
        } else {
            let mut seen: HashMap<&str, (usize, usize)> = HashMap::with_capacity(entries.len());
            for (i, entry) in entries.iter().enumerate() {
                if is_merge_key(nodes, entry.key) {
                    has_merge = true;
                    continue;
                }
                let Some(key) = key_str(nodes, entry.key) else { continue };
                match seen.get_mut(key) {
                    Some((first, previous)) => {
                        dups.push((i, *first, *previous));
                        *previous = i;
                    }
                    None => {
                        seen.insert(key, (i, i));
                    }
                }
            }
        }
        let document = self.doc.as_ref().map_or(0, |d| d.index);
        for (i, first, previous) in dups {
            let (Some(entry), Some(first_entry)) = (entries.get(i), entries.get(first)) else {
                continue;
            };
            let span = node_span(nodes, entry.key);
            let key = key_str(nodes, entry.key).unwrap_or_default();
            self.file.errors.push(YamlError {
                kind: YamlErrorKind::DuplicateKey,
                message: format!("duplicate key `{key}`; the last one wins"),
                span,
                related: Some(node_span(nodes, first_entry.key)),
                document,
            });
            self.shadowed.insert((map, u32::try_from(previous).unwrap_or(u32::MAX)));
        }
        has_merge
    }

    /// Appends the entries brought in by `<<` keys: explicit keys win, then earlier sources.
    fn merge(&mut self, entries: &mut Vec<Entry>) {
        let nodes = &self.file.nodes;
        let document = self.doc.as_ref().map_or(0, |d| d.index);
        let mut present: HashSet<&str> =
            entries.iter().filter(|e| !is_merge_key(nodes, e.key)).filter_map(|e| key_str(nodes, e.key)).collect();
        let mut merged = Vec::new();
        for entry in entries.iter().filter(|e| is_merge_key(nodes, e.key)) {
            let merge_span = node_span(nodes, entry.key);
            let value = resolve(nodes, entry.value);
            let sources: &[NodeId] = match nodes.get(value.index()).map(|n| &n.kind) {
                Some(NodeKind::Mapping(_)) => std::slice::from_ref(&entry.value),
                Some(NodeKind::Sequence(items)) => items,
                _ => {
                    self.file.errors.push(bad_merge(nodes, entry.value, merge_span, document));
                    continue;
                }
            };
            for &source in sources {
                let source_map = resolve(nodes, source);
                let Some(NodeKind::Mapping(source_entries)) = nodes.get(source_map.index()).map(|n| &n.kind) else {
                    self.file.errors.push(bad_merge(nodes, source, merge_span, document));
                    continue;
                };
                for (index, e) in source_entries.iter().enumerate() {
                    if is_merge_key(nodes, e.key) {
                        continue;
                    }
                    let shadowed = u32::try_from(index).is_ok_and(|index| self.shadowed.contains(&(source_map, index)));
                    if shadowed {
                        continue;
                    }
                    if let Some(key) = key_str(nodes, e.key)
                        && !present.insert(key)
                    {
                        continue;
                    }
                    merged.push(Entry { key: e.key, value: e.value, merged_from: Some(merge_span) });
                }
            }
        }
        entries.extend(merged);
    }

    /// Records a fatal error and drops the current document (creating one if between documents).
    fn fatal(&mut self, kind: YamlErrorKind, message: String, span: Span, related: Option<Span>) {
        self.ensure_document(span.start);
        let Some(doc) = self.doc.take() else { return };
        self.file.errors.push(YamlError { kind, message, span, related, document: doc.index });
        self.file.nodes.truncate(doc.first_node);
        let first = doc.first_node;
        self.shadowed.retain(|(map, _)| map.index() < first);
        if let Some(document) = self.file.documents.get_mut(doc.index) {
            document.root = None;
            document.span.end = document.span.end.max(span.start);
        }
        self.stack.clear();
        self.scratch.clear();
        self.open_end = Some(doc.index);
    }

    /// A span for a position: the character there, or empty at a line break or the end.
    fn point(&self, offset: usize) -> Span {
        let offset = offset.min(self.src.len());
        match self.src.get(offset..).and_then(|rest| rest.chars().next()) {
            Some(c) if c != '\n' && c != '\r' => Span::new(offset, offset + c.len_utf8()),
            _ => Span::point(offset),
        }
    }

    fn finish(mut self) -> YamlFile {
        self.end_document(self.src.len());
        // Comments after a block scalar header arrive after the scalar.
        self.file.comments.sort_by_key(|c| c.span.start);
        let mut shadowed: Vec<(NodeId, u32)> = self.shadowed.into_iter().collect();
        shadowed.sort_unstable();
        self.file.shadowed = shadowed;
        self.file
    }
}

fn resolve(nodes: &[Node], id: NodeId) -> NodeId {
    match nodes.get(id.index()).map(|n| &n.kind) {
        Some(NodeKind::Alias { target }) => *target,
        _ => id,
    }
}

fn node_span(nodes: &[Node], id: NodeId) -> Span {
    nodes.get(id.index()).map_or_else(Span::default, |n| n.span)
}

/// The string value of a scalar key (through an alias).
pub(super) fn key_str(nodes: &[Node], id: NodeId) -> Option<&str> {
    match nodes.get(resolve(nodes, id).index()).map(|n| &n.kind) {
        Some(NodeKind::Scalar { value, .. }) => Some(value),
        _ => None,
    }
}

/// A plain `<<` key (untagged or `!!merge`).
pub(super) fn is_merge_key(nodes: &[Node], id: NodeId) -> bool {
    nodes.get(id.index()).is_some_and(|n| {
        matches!(&n.kind, NodeKind::Scalar { value, style: ScalarStyle::Plain } if value == "<<")
            && n.tag.as_deref().is_none_or(|t| t == "!!merge" || t == "!<tag:yaml.org,2002:merge>")
    })
}

fn bad_merge(nodes: &[Node], source: NodeId, merge_span: Span, document: usize) -> YamlError {
    YamlError {
        kind: YamlErrorKind::BadMerge,
        message: "a `<<` merge takes a mapping or a list of mappings; this value is ignored".to_owned(),
        span: node_span(nodes, source),
        related: Some(merge_span),
        document,
    }
}
