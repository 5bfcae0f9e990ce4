//! Small helpers the container-hardening rules share: where a missing field is reported, and the
//! one mechanical fix they offer (flipping a boolean written in place).

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::kubernetes::{Container, Object};
use crate::span::Span;
use crate::syntax::yaml::{NodeRef, ScalarStyle};

/// "container `web` of Deployment/web", for messages.
pub fn who(c: &Container<'_>, object: &Object<'_>) -> String {
    format!("{} of {}", c.display_name(), object.display_name())
}

/// Where a finding about a field missing from a container's `securityContext` points: the
/// container's `securityContext:` key when it has one, else the container's name.
pub fn missing_field_at(c: &Container<'_>) -> Span {
    c.node.entry("securityContext").map_or_else(|| c.anchor(), |(k, _)| k.span())
}

/// An unsafe fix writing `to` over the boolean `value`, offered only when the value is a plain
/// scalar written at that place: through an alias the edit would change every user of the anchor.
pub fn set_bool(value: NodeRef<'_>, to: bool, message: impl Into<String>) -> Option<Fix> {
    let in_place = !value.is_alias() && value.style() == Some(ScalarStyle::Plain) && value.as_bool().is_some();
    in_place.then(|| Fix {
        message: message.into(),
        applicability: Applicability::Unsafe,
        edits: vec![Edit { span: value.span(), replacement: to.to_string() }],
    })
}
