//! [`NodeRef`]: navigation that follows aliases and merge keys.

use std::fmt;

use super::build::{is_merge_key, key_str};
use super::scalar::{is_null_str, yaml11_bool, yaml11_int};
use super::{Entry, Node, NodeId, NodeKind, ScalarStyle, YamlFile};
use crate::span::Span;

/// What an id from another file resolves to.
static MISSING: Node = Node {
    kind: NodeKind::Scalar { value: String::new(), style: ScalarStyle::Plain },
    span: Span::new(0, 0),
    tag: None,
    anchor: None,
};

/// A node of a [`YamlFile`]. An alias behaves as its target everywhere: [`Self::span`],
/// [`Self::id`] and every accessor are the target's; [`Self::alias_span`] gives the `*name`.
#[derive(Clone, Copy)]
pub struct NodeRef<'a> {
    file: &'a YamlFile,
    id: NodeId,
    alias: Option<NodeId>,
}

impl fmt::Debug for NodeRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let node = self.node();
        let mut s = f.debug_struct("NodeRef");
        s.field("id", &self.id).field("span", &node.span);
        if let Some(alias) = self.alias {
            s.field("alias", &alias);
        }
        match &node.kind {
            NodeKind::Scalar { value, style } => s.field("scalar", value).field("style", style),
            NodeKind::Mapping(entries) => s.field("mapping_len", &entries.len()),
            NodeKind::Sequence(items) => s.field("sequence_len", &items.len()),
            NodeKind::Alias { target } => s.field("target", target),
        };
        s.finish()
    }
}

impl<'a> NodeRef<'a> {
    pub(super) fn new(file: &'a YamlFile, id: NodeId) -> Self {
        match file.nodes.get(id.index()).map(|n| &n.kind) {
            Some(NodeKind::Alias { target }) => NodeRef { file, id: *target, alias: Some(id) },
            _ => NodeRef { file, id, alias: None },
        }
    }

    /// The file this node belongs to.
    pub fn file(&self) -> &'a YamlFile {
        self.file
    }

    /// The node itself (the alias target when reached through an alias).
    pub fn node(&self) -> &'a Node {
        self.file.nodes.get(self.id.index()).unwrap_or(&MISSING)
    }

    pub fn kind(&self) -> &'a NodeKind {
        &self.node().kind
    }

    /// The id of the node (the target's id for an alias).
    pub fn id(&self) -> NodeId {
        self.id
    }

    pub fn span(&self) -> Span {
        self.node().span
    }

    pub fn tag(&self) -> Option<&'a str> {
        self.node().tag.as_deref()
    }

    pub fn anchor(&self) -> Option<&'a str> {
        self.node().anchor.as_deref()
    }

    /// Whether this node was reached through an alias.
    pub fn is_alias(&self) -> bool {
        self.alias.is_some()
    }

    /// The alias node this was reached through, if any.
    pub fn alias_id(&self) -> Option<NodeId> {
        self.alias
    }

    /// The `*name` token this was reached through, if any.
    pub fn alias_span(&self) -> Option<Span> {
        self.alias.and_then(|id| self.file.raw(id)).map(|n| n.span)
    }

    pub fn is_mapping(&self) -> bool {
        matches!(self.kind(), NodeKind::Mapping(_))
    }

    pub fn is_sequence(&self) -> bool {
        matches!(self.kind(), NodeKind::Sequence(_))
    }

    pub fn is_scalar(&self) -> bool {
        matches!(self.kind(), NodeKind::Scalar { .. })
    }

    pub fn style(&self) -> Option<ScalarStyle> {
        match self.kind() {
            NodeKind::Scalar { style, .. } => Some(*style),
            _ => None,
        }
    }

    /// The scalar's value (any style, after unquoting).
    pub fn str(&self) -> Option<&'a str> {
        match self.kind() {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The value for `key` in a mapping: the last one on duplicates, merged entries included,
    /// explicit keys before merged ones.
    pub fn get(&self, key: &str) -> Option<NodeRef<'a>> {
        self.entry(key).map(|(_, value)| value)
    }

    /// `(key node, value node)` for `key`, as in [`Self::get`].
    pub fn entry(&self, key: &str) -> Option<(NodeRef<'a>, NodeRef<'a>)> {
        let nodes = &self.file.nodes;
        // Merged entries come after explicit ones and never repeat their keys, so the last
        // match is the effective one.
        self.raw_entries()
            .iter()
            .rev()
            .find(|e| key_str(nodes, e.key) == Some(key) && !is_merge_key(nodes, e.key))
            .map(|e| (self.file.node(e.key), self.file.node(e.value)))
    }

    /// The effective entries in order: explicit ones (an earlier duplicate key left out) then
    /// merged ones; `<<` keys are not entries.
    pub fn entries(&self) -> impl Iterator<Item = (NodeRef<'a>, NodeRef<'a>)> + use<'a> {
        let file = self.file;
        let map = self.id;
        self.raw_entries()
            .iter()
            .enumerate()
            .filter(move |(i, e)| !is_merge_key(&file.nodes, e.key) && !file.is_shadowed(map, *i))
            .map(move |(_, e)| (file.node(e.key), file.node(e.value)))
    }

    /// The stored entries of a mapping, `<<` keys and duplicates included (empty otherwise).
    pub fn raw_entries(&self) -> &'a [Entry] {
        match self.kind() {
            NodeKind::Mapping(entries) => entries,
            _ => &[],
        }
    }

    /// The items of a sequence (nothing for other nodes).
    pub fn items(&self) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        let file = self.file;
        let items: &'a [NodeId] = match self.kind() {
            NodeKind::Sequence(items) => items,
            _ => &[],
        };
        items.iter().map(move |&id| file.node(id))
    }

    /// Number of effective entries of a mapping or items of a sequence; 0 for scalars.
    pub fn len(&self) -> usize {
        match self.kind() {
            NodeKind::Mapping(_) => self.entries().count(),
            NodeKind::Sequence(items) => items.len(),
            _ => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Follows mapping keys: `path(&["spec", "template"])`.
    pub fn path(&self, keys: &[&str]) -> Option<NodeRef<'a>> {
        keys.iter().try_fold(*self, |node, key| node.get(key))
    }

    /// The plain scalar's text when its tag (if any) is `!!suffix`: only plain scalars are typed.
    fn typed(&self, suffix: &str) -> Option<&'a str> {
        let node = self.node();
        match &node.kind {
            NodeKind::Scalar { value, style: ScalarStyle::Plain } => match node.tag.as_deref() {
                None => Some(value),
                Some(tag) if tag.strip_prefix("!!") == Some(suffix) => Some(value),
                Some(_) => None,
            },
            _ => None,
        }
    }

    /// A YAML 1.1 null: plain ``, `~`, `null`, `Null`, `NULL`.
    pub fn is_null(&self) -> bool {
        self.typed("null").is_some_and(is_null_str)
    }

    /// A YAML 1.1 boolean (plain scalars only): `yes`, `on`, `true`, `y`, ... and their opposites.
    pub fn as_bool(&self) -> Option<bool> {
        self.typed("bool").and_then(yaml11_bool)
    }

    /// A YAML 1.1 integer (plain scalars only), see [`yaml11_int`].
    pub fn as_i64(&self) -> Option<i64> {
        self.typed("int").and_then(yaml11_int)
    }
}
