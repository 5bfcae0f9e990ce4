//! A kustomization's inline strategic-merge patches (`patches[].patch`, `patchesStrategicMerge`
//! items written as block strings): their text, and where each of its bytes is in the file, so
//! the Kubernetes rules can judge what a patch writes and point into the kustomization itself.

use crate::span::{OffsetMap, Span};
use crate::syntax::yaml::{NodeRef, ScalarStyle};

/// One inline patch: its text as YAML reads it, mapped back to the file.
pub struct InlinePatch {
    pub text: String,
    pub map: OffsetMap,
}

/// The kustomization's inline patches that are YAML documents (JSON 6902 operation lists and
/// paths to patch files are left out: the first change no object, the second are linted as files).
pub fn inline_patches(src: &str, root: NodeRef<'_>) -> Vec<InlinePatch> {
    let patches = root.get("patches").into_iter().flat_map(|p| p.items()).filter_map(|item| item.get("patch"));
    let merge = root.get("patchesStrategicMerge").into_iter().flat_map(|p| p.items());
    patches
        .chain(merge)
        .filter(|n| matches!(n.style(), Some(ScalarStyle::Literal)))
        .filter_map(|n| block_text(src, n))
        .filter(|p| p.text.lines().any(|l| l.starts_with("kind:")))
        .collect()
}

/// A literal block scalar's lines without their indentation, mapped to where each line starts.
fn block_text(src: &str, node: NodeRef<'_>) -> Option<InlinePatch> {
    let span = node.span();
    let body = src.get(span.start..span.end)?;
    // The header line (`|-`, `|2`) ends at the first newline.
    let header = body.find('\n')? + 1;
    let indent = body[header..].lines().find(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len())?;
    let mut text = String::new();
    let mut map = OffsetMap::default();
    let mut at = span.start + header;
    for line in body[header..].split_inclusive('\n') {
        let content = line.get(indent..).unwrap_or(line.trim_start_matches(' '));
        let skipped = line.len() - content.len();
        map.push(at + skipped, content.len());
        text.push_str(content);
        at += line.len();
    }
    Some(InlinePatch { text, map })
}

/// The patch files a kustomization names (`patches[].path`, `patchesStrategicMerge` items that
/// are paths), relative to its directory.
pub fn patch_files(root: NodeRef<'_>) -> Vec<&str> {
    let paths = root.get("patches").into_iter().flat_map(|p| p.items()).filter_map(|i| i.get("path"));
    let merge = root.get("patchesStrategicMerge").into_iter().flat_map(|p| p.items());
    paths.chain(merge).filter_map(|n| n.str()).filter(|s| !s.contains('\n')).collect()
}

impl InlinePatch {
    pub fn span(&self, s: Span) -> Span {
        self.map.span(s.start, s.end)
    }
}

/// The `resources` and `components` a kustomization builds from (files or directories with
/// their own kustomization; URLs are left to kustomize), relative to its directory.
pub fn sources(root: NodeRef<'_>) -> Vec<&str> {
    let lists = ["resources", "components", "bases"].into_iter().filter_map(|k| root.get(k));
    lists.flat_map(|l| l.items()).filter_map(|n| n.str()).filter(|s| !s.contains("://")).collect()
}

/// `namespace:`, the namespace kustomize sets on every namespaced object it builds.
pub fn namespace(root: NodeRef<'_>) -> Option<&str> {
    root.get("namespace").and_then(|n| n.str()).filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::inline_patches;
    use crate::syntax::yaml::{Limits, parse};

    #[test]
    fn block_patches_map_back_to_the_file() {
        let src = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n\
                   - target: {kind: Deployment}\n  patch: |-\n    - op: add\n      path: /spec/x\n      value: 1\n\
                   - patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n\
                   - path: patch.yaml\n";
        let tree = parse(src, &Limits::default());
        let root = tree.documents.first().and_then(|d| tree.root(d)).expect("parses");
        let patches = inline_patches(src, root);
        assert_eq!(patches.len(), 1, "the JSON 6902 list and the path are not inline documents");
        let p = &patches[0];
        assert_eq!(p.text, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web");
        let web = p.text.find("web").expect("name");
        assert_eq!(p.span(crate::span::Span::new(web, web + 3)).slice(src), "web");
        assert_eq!(super::patch_files(root), ["patch.yaml"]);
    }
}
