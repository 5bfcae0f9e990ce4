//! A container's declared ports, for the port rules (K8S401, K8S402).

use crate::model::kubernetes::Container;
use crate::span::Span;

pub struct Port<'a> {
    /// `containerPort: n`, key and value.
    pub span: Span,
    pub number: i64,
    /// `TCP` when unset, as the API defaults it; `None` when templated.
    pub protocol: Option<&'a str>,
}

/// The ports of `c` whose `containerPort` is a literal integer.
pub fn ports<'a>(c: &Container<'a>) -> impl Iterator<Item = Port<'a>> + use<'a> {
    c.list("ports").filter_map(|p| {
        let (key, value) = p.entry("containerPort")?;
        let number = value.as_i64()?;
        let protocol = match p.get("protocol").filter(|n| !n.is_null()) {
            None => Some("TCP"),
            Some(n) => n.str().filter(|s| !s.contains("{{")),
        };
        Some(Port { span: key.span().cover(value.span()), number, protocol })
    })
}
