//! `ports:` items, short (`[host_ip:][published:]target[/protocol]`) and long syntax.

use super::{Value, text};
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

/// One `ports:` item. A missing `published` (`"80"`, `"127.0.0.1::80"`) still publishes the
/// port, on an ephemeral host port; a missing host IP means every interface.
pub struct Port {
    /// The host IP as written (brackets of `[::1]` removed; may hold `${VAR}`).
    pub host_ip: Option<String>,
    /// The host port or range (`8080`, `8000-8010`), exact span.
    pub published: Option<Value>,
    /// The container port or range as written.
    pub target: Option<String>,
    pub protocol: Option<String>,
    /// The whole item.
    pub span: Span,
    /// [`Self::host_ip`] as a value, exact span; `Unknown` when interpolated.
    pub host: Option<Value>,
    /// [`Self::target`] as a value, exact span.
    pub target_value: Option<Value>,
    /// Long syntax `mode` (`host` or `ingress`).
    pub mode: Option<String>,
}

impl Port {
    /// The published ports as a range (`8080` is `(8080, 8080)`); `None` when unpublished,
    /// unknown or not a number.
    pub fn published_range(&self) -> Option<(u16, u16)> {
        self.published.as_ref().and_then(Value::literal).and_then(range)
    }

    /// The container ports as a range.
    pub fn target_range(&self) -> Option<(u16, u16)> {
        self.target_value.as_ref().and_then(Value::literal).and_then(range)
    }

    /// What makes two items the same for Compose's merge (compose-go's port indexer).
    pub(super) fn identity(&self) -> Option<String> {
        let text = |v: &Option<Value>| v.as_ref().map_or(Some(""), Value::literal).map(str::to_string);
        Some(format!(
            "{}:{}:{}/{}",
            text(&self.host)?,
            text(&self.published)?,
            text(&self.target_value)?,
            self.protocol.as_deref().unwrap_or("tcp")
        ))
    }
}

/// `8080` or `8000-8010`.
fn range(s: &str) -> Option<(u16, u16)> {
    let (lo, hi) = s.split_once('-').unwrap_or((s, s));
    let (lo, hi) = (lo.trim().parse().ok()?, hi.trim().parse().ok()?);
    (lo <= hi).then_some((lo, hi))
}

pub(super) fn port(n: NodeRef<'_>) -> Option<Port> {
    if n.is_mapping() {
        let string = |k: &str| n.get(k).and_then(|v| v.str()).map(str::to_string);
        let host = n.get("host_ip").and_then(Value::of);
        return Some(Port {
            host_ip: string("host_ip"),
            published: n.get("published").and_then(Value::of),
            target: string("target"),
            protocol: string("protocol"),
            span: n.span(),
            host,
            target_value: n.get("target").and_then(Value::of),
            mode: string("mode"),
        });
    }
    let text = n.str()?;
    // Compose interpolates first and parses after: a `:` or `/` inside `${...}` separates nothing.
    let (spec_end, protocol) = match text::find_outside(text, b'/') {
        Some(i) => (i, text.get(i + 1..).map(str::to_string)),
        None => (text.len(), None),
    };
    let spec = text.get(..spec_end)?;
    // Docker's `splitParts`: the last part is the target, the one before it the published
    // port, and all before those the host IP (an IPv6 address has colons of its own).
    let parts = text::split_outside(spec, b':');
    let (ip, published, target) = match parts.as_slice() {
        [target] => (None, None, *target),
        [published, target] => (None, Some(*published), *target),
        [first, .., published, target] => {
            let last_ip = parts.get(parts.len().checked_sub(3)?)?;
            (Some((first.0, last_ip.1)), Some(*published), *target)
        }
        [] => return None,
    };
    let ip = ip.map(|(s, e)| match text.get(s..e) {
        Some(t) if t.starts_with('[') && t.ends_with(']') && e - s >= 2 => (s + 1, e - 1),
        _ => (s, e),
    });
    let value = |range: (usize, usize)| text::part(n, text, range);
    let mut port = Port {
        host_ip: ip.and_then(|(s, e)| text.get(s..e)).map(str::to_string),
        published: published.filter(|(s, e)| s < e).map(value),
        target: text.get(target.0..target.1).map(str::to_string),
        protocol,
        span: n.span(),
        host: ip.map(value),
        target_value: Some(value(target)),
        mode: None,
    };
    // `"${PORTS}"`: the variable may hold any of the parts.
    if parts.len() == 1 && port.target_value.as_ref().is_some_and(Value::is_unknown) {
        port.published = Some(Value::Unknown(n.span()));
        port.host = Some(Value::Unknown(n.span()));
    }
    Some(port)
}
