//! YAML: an arena tree with byte spans over a stream of parser events.
//!
//! [`parse`] reads a whole stream once and never fails: every document that parses is kept, a
//! document with a fatal problem (syntax error, nesting too deep, alias bomb, bad alias) keeps its
//! place in [`YamlFile::documents`] with `root: None`, and the problem is listed in
//! [`YamlFile::errors`]. Nodes are read through [`NodeRef`], which follows aliases and `<<` merge
//! keys; typed values go through the YAML 1.1 helpers in this module, never through a parser's
//! guess.
//!
//! The event parser (`granit-parser`) is only touched in `events.rs`.

mod build;
pub mod edit;
mod events;
mod node;
mod scalar;
#[cfg(test)]
mod tests;

use crate::span::Span;

pub use events::count_events;
pub use node::NodeRef;
pub use scalar::{is_null_str, yaml11_bool, yaml11_int};

/// Resource limits for one [`parse`] call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Maximum number of nested collections (the root collection is depth 1).
    pub max_depth: usize,
    /// Maximum number of nodes a document may have once every alias is expanded. Checked when an
    /// alias is read, so alias bombs cost no more than the text they are written in.
    pub max_expanded_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_depth: 100, max_expanded_nodes: 1_000_000 }
    }
}

/// Parses a YAML stream. Never panics and never fails; problems are in [`YamlFile::errors`].
pub fn parse(src: &str, limits: &Limits) -> YamlFile {
    build::build(src, limits)
}

/// A parsed YAML stream: its documents, every comment, and every problem found.
#[derive(Clone, Debug, Default)]
pub struct YamlFile {
    nodes: Vec<Node>,
    /// `(mapping, entry index)` of entries hidden by a later duplicate key, sorted.
    shadowed: Vec<(NodeId, u32)>,
    pub documents: Vec<Document>,
    /// Every comment in file order, including those outside any document.
    pub comments: Vec<Comment>,
    /// Fatal errors and warnings, in the order found.
    pub errors: Vec<YamlError>,
}

impl YamlFile {
    /// The node `id`, with aliases followed. An id from another file gives an empty plain scalar.
    pub fn node(&self, id: NodeId) -> NodeRef<'_> {
        NodeRef::new(self, id)
    }

    /// The root of `doc`, or `None` when the document is empty or was dropped after an error.
    pub fn root(&self, doc: &Document) -> Option<NodeRef<'_>> {
        doc.root.map(|id| self.node(id))
    }

    /// The stored node `id` itself (an alias stays an alias).
    pub fn raw(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.index())
    }

    /// Whether any error (not a warning) was found.
    pub fn has_fatal_errors(&self) -> bool {
        self.errors.iter().any(|e| e.kind.is_fatal())
    }

    fn is_shadowed(&self, map: NodeId, entry: usize) -> bool {
        !self.shadowed.is_empty()
            && u32::try_from(entry).is_ok_and(|entry| self.shadowed.binary_search(&(map, entry)).is_ok())
    }
}

/// One document of the stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Position in [`YamlFile::documents`] (0-based).
    pub index: usize,
    /// `None` when the document is empty or was dropped after a fatal error.
    pub root: Option<NodeId>,
    /// From the `---` marker when explicit (else from the first token) to its `...` marker, or
    /// without one to where the next document starts (or the end of the stream). Comments
    /// between `---` and the first key, and after the last node, fall inside it.
    pub span: Span,
    /// Whether the document starts with `---`.
    pub explicit_start: bool,
}

/// A comment, `#` included in the span, line break excluded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The text after `#`, leading space kept.
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// Invalid YAML; the message comes from the parser.
    Syntax,
    /// Collections nested deeper than [`Limits::max_depth`].
    Depth,
    /// Expanding aliases would exceed [`Limits::max_expanded_nodes`].
    AliasBudget,
    /// An alias to a node that contains it (`&a [*a]`).
    RecursiveAlias,
    /// An alias without an anchor before it in the same document.
    UnknownAlias,
    /// A key repeated in one mapping (warning; the last one wins).
    DuplicateKey,
    /// A `<<` merge of something that is not a mapping (warning; that source is ignored).
    BadMerge,
}

impl YamlErrorKind {
    /// Fatal errors drop their document; `DuplicateKey` and `BadMerge` are warnings.
    pub fn is_fatal(&self) -> bool {
        !matches!(self, YamlErrorKind::DuplicateKey | YamlErrorKind::BadMerge)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    pub message: String,
    pub span: Span,
    /// A second place worth showing, e.g. the first occurrence of a duplicate key.
    pub related: Option<Span>,
    /// Index of the document in [`YamlFile::documents`].
    pub document: usize,
}

/// Index of a node in its [`YamlFile`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

impl NodeId {
    fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// Scalars: the raw text including quotes or the `|`/`>` header (trailing blank lines
    /// excluded). Flow collections: brackets included. Block collections: first to last child.
    /// Aliases: the `*name` token.
    pub span: Span,
    /// The tag as written, e.g. `!!str` or `!Ref` (verbatim tags as `!<...>`).
    pub tag: Option<String>,
    /// The anchor name, without `&`.
    pub anchor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// `value` is the scalar's content after unquoting and folding; an empty plain scalar (an
    /// implicit null such as `key:`) has value `""`.
    Scalar {
        value: String,
        style: ScalarStyle,
    },
    /// Entries in source order, then entries merged in through `<<` keys. The `<<` entries
    /// themselves stay in place; [`NodeRef::entries`] and [`NodeRef::get`] skip them.
    Mapping(Vec<Entry>),
    Sequence(Vec<NodeId>),
    Alias {
        target: NodeId,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: NodeId,
    pub value: NodeId,
    /// For entries copied in by a merge: the span of the `<<` key that brought them.
    pub merged_from: Option<Span>,
}
