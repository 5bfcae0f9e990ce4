//! Where text edits go in a YAML file, so fixes that add or restructure keys keep the user's
//! indentation and style (block or flow).

use super::NodeRef;

/// The byte offset where the line holding `offset` starts.
pub fn line_start(src: &str, offset: usize) -> usize {
    src.get(..offset).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1)
}

/// The column (in bytes) of `offset` on its line: a block key's indentation.
pub fn column(src: &str, offset: usize) -> usize {
    offset - line_start(src, offset)
}

/// The offset just after the line holding `offset`, newline included (the file's end if none).
pub fn next_line(src: &str, offset: usize) -> usize {
    src.get(offset..).and_then(|s| s.find('\n')).map_or(src.len(), |i| offset + i + 1)
}

/// Whether a collection is written in flow style (`{a: 1}`, `[a, b]`).
pub fn is_flow(src: &str, node: NodeRef<'_>) -> bool {
    src.get(node.span().start..).is_some_and(|s| s.starts_with(['{', '[']))
}

/// Where a new line goes after a block node: after the last line it covers.
pub fn after_block(src: &str, node: NodeRef<'_>) -> usize {
    let end = node.span().end;
    // A block ends at the start of the next line already, or inside its last line.
    if end > 0 && src.as_bytes().get(end - 1) == Some(&b'\n') { end } else { next_line(src, end) }
}

/// How far a block mapping nested in `root` indents its keys past its parent's key (the first
/// such pair decides), so inserted blocks match the file; `None` when nothing shows it.
pub fn indent_step(src: &str, root: NodeRef<'_>) -> Option<usize> {
    root.entries().find_map(|(key, value)| {
        if !value.is_mapping() || value.is_alias() || is_flow(src, value) {
            return None;
        }
        let (child, _) = value.entries().next()?;
        column(src, child.span().start).checked_sub(column(src, key.span().start)).filter(|&n| n > 0)
    })
}

/// The line break the line holding `offset` ends with (`\n` when it has none), for inserted lines.
pub fn line_break(src: &str, offset: usize) -> &'static str {
    let end = next_line(src, offset);
    if src.get(..end).is_some_and(|s| s.ends_with("\r\n")) { "\r\n" } else { "\n" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::{Limits, parse};

    #[test]
    fn positions() {
        let src = "a:\n  b: [1, 2]\n  c:\n    - x\n    - y\nd: 1\n";
        let tree = parse(src, &Limits::default());
        let root = tree.documents.first().and_then(|d| tree.root(d)).expect("parses");
        let a = root.get("a").expect("a");
        let b = a.get("b").expect("b");
        let c = a.get("c").expect("c");
        assert_eq!(column(src, b.span().start), 5);
        assert!(is_flow(src, b) && !is_flow(src, c));
        assert_eq!(&src[after_block(src, c)..], "d: 1\n");
        assert_eq!(line_start(src, b.span().start), 3);
        assert_eq!(indent_step(src, root), Some(2));
        assert_eq!(line_break(src, 0), "\n");
    }

    #[test]
    fn indent_step_and_line_break_follow_the_file() {
        let src = "a: {b: 1}\nc:\n    d: 1\r\n";
        let tree = parse(src, &Limits::default());
        let root = tree.documents.first().and_then(|d| tree.root(d)).expect("parses");
        assert_eq!(indent_step(src, root), Some(4), "flow mappings say nothing");
        assert_eq!(line_break(src, src.len() - 3), "\r\n");
        let flat = "a: 1\nb: [1]\n";
        let tree = parse(flat, &Limits::default());
        let root = tree.documents.first().and_then(|d| tree.root(d)).expect("parses");
        assert_eq!(indent_step(flat, root), None);
    }
}
