//! The key path of a place in a rendered document (`spec.template.spec.containers[0].image`),
//! what the template search looks for.

use std::fmt;

use crate::syntax::yaml::{NodeKind, NodeRef};

/// One step down a document: a mapping key, or a sequence index with what tells the item apart
/// (its `name`, or the scalar itself), so that a template's `{{ range }}` or `{{ if }}` items
/// can still be matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index { index: usize, hint: Option<String> },
}

/// The path from a document's root to a node; empty for the root itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyPath(pub Vec<Segment>);

/// Items longer than this are not used as hints (a script, a certificate).
const MAX_HINT: usize = 200;

impl KeyPath {
    /// The path of the deepest key or item of `root` whose text holds `offset`: a key's own
    /// span and its value both count as the key.
    pub fn at(root: NodeRef<'_>, offset: usize) -> KeyPath {
        let mut path = Vec::new();
        let mut node = root;
        // Depth is bounded by the parser's nesting limit; the loop ends at a scalar or a miss.
        loop {
            let next = match node.kind() {
                NodeKind::Mapping(_) => node.entries().find_map(|(key, value)| {
                    let value_span = value.alias_span().unwrap_or(value.span());
                    let end = key.span().end.max(value_span.end);
                    if !(key.span().start <= offset && offset <= end) {
                        return None;
                    }
                    path.push(Segment::Key(key.str().unwrap_or("").to_string()));
                    let inside = !value.is_alias() && value_span.start <= offset && !value.is_scalar();
                    Some(inside.then_some(value))
                }),
                NodeKind::Sequence(_) => node.items().enumerate().find_map(|(index, item)| {
                    let span = item.alias_span().unwrap_or(item.span());
                    if !(span.start <= offset && offset <= span.end) {
                        return None;
                    }
                    path.push(Segment::Index { index, hint: hint(item) });
                    Some((!item.is_alias() && !item.is_scalar()).then_some(item))
                }),
                _ => None,
            };
            match next {
                Some(Some(child)) => node = child,
                _ => break,
            }
        }
        KeyPath(path)
    }

    /// The first `n` segments.
    pub fn prefix(&self, n: usize) -> KeyPath {
        KeyPath(self.0.iter().take(n).cloned().collect())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What names a sequence item: a mapping's `name`, or a short scalar.
fn hint(item: NodeRef<'_>) -> Option<String> {
    let text = if item.is_mapping() { item.get("name")?.str()? } else { item.str()? };
    (text.len() <= MAX_HINT).then(|| text.to_string())
}

impl fmt::Display for KeyPath {
    /// `spec.containers[0].securityContext`; keys that are not plain words are quoted:
    /// `metadata.annotations["helm.sh/hook"]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Index { index, .. } => write!(f, "[{index}]")?,
                Segment::Key(k) if !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Key(k) => write!(f, "[{k:?}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml;

    fn path_at(src: &str, needle: &str) -> String {
        let tree = yaml::parse(src, &yaml::Limits::default());
        let doc = tree.documents.iter().find(|d| d.span.contains(src.find(needle).unwrap())).unwrap();
        KeyPath::at(tree.root(doc).unwrap(), src.find(needle).unwrap()).to_string()
    }

    const DEPLOYMENT: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    helm.sh/hook: test
spec:
  template:
    spec:
      containers:
        - name: init
          image: busybox
        - name: web
          image: nginx
          securityContext:
            privileged: true
          args: [--a, --b]
      volumes:
      - name: host
        hostPath: {path: /}
";

    #[test]
    fn values_keys_and_items() {
        assert_eq!(path_at(DEPLOYMENT, "true"), "spec.template.spec.containers[1].securityContext.privileged");
        assert_eq!(path_at(DEPLOYMENT, "privileged"), "spec.template.spec.containers[1].securityContext.privileged");
        assert_eq!(path_at(DEPLOYMENT, "name: web\n          image"), "spec.template.spec.containers[1].name");
        assert_eq!(path_at(DEPLOYMENT, "--b"), "spec.template.spec.containers[1].args[1]");
        assert_eq!(path_at(DEPLOYMENT, "path: /"), "spec.template.spec.volumes[0].hostPath.path");
        assert_eq!(path_at(DEPLOYMENT, "test"), "metadata.annotations[\"helm.sh/hook\"]");
        assert_eq!(path_at(DEPLOYMENT, "kind"), "kind");
        assert_eq!(path_at(DEPLOYMENT, "apiVersion"), "apiVersion");
    }

    #[test]
    fn items_carry_their_name_or_value() {
        let src = "a:\n- name: x\n- plain\n- [nested]\n";
        let tree = yaml::parse(src, &yaml::Limits::default());
        let root = tree.root(&tree.documents[0]).unwrap();
        let hints: Vec<_> = ["x", "plain", "nested"]
            .iter()
            .map(|n| match KeyPath::at(root, src.find(n).unwrap()).0.get(1) {
                Some(Segment::Index { hint, .. }) => hint.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(hints, [Some("x".to_string()), Some("plain".to_string()), None]);
    }

    #[test]
    fn an_alias_is_a_leaf_where_it_is_written() {
        let src = "a: &x {b: 1}\nc: *x\n";
        assert_eq!(path_at(src, "*x"), "c");
        assert_eq!(path_at(src, "b: 1"), "a.b");
    }
}
