//! Exposure: runtime sockets and host paths mounted, ports published, images, resource limits,
//! health checks, logging, tmpfs mounts.
//!
//! The parsing these rules share lives in the private modules: `ports` (published ports, both
//! syntaxes, as Docker splits them), `mounts` (host paths a service mounts, named volumes bound
//! to host directories included), `images` (tag and digest of `image:`) and `limits` (a setting
//! looked up through `extends`).

use crate::diagnostic::Diagnostic;
use crate::model::compose::{Service, split_outside};
use crate::model::vars;
use crate::rules::Rule;
use crate::span::Span;
use crate::syntax::yaml::{NodeRef, ScalarStyle};

mod images;
mod limits;
mod mounts;
mod ports;

pub mod healthcheck_disabled;
pub mod image_untagged_or_latest;
pub mod image_without_digest;
pub mod logging_disabled;
pub mod no_cpu_limit;
pub mod no_memory_limit;
pub mod no_pids_limit;
pub mod port_published_on_all_interfaces;
pub mod privileged_host_port;
pub mod runtime_socket_mounted;
pub mod sensitive_host_path_mounted;
pub mod tmpfs_without_noexec;

/// A finding about a value the service gets from an `x-` block (`<<`, an alias) or a base it
/// `extends` goes on the service, with a label where the value is written; its fix would edit
/// what other services share, so it is not offered.
fn at_service(svc: &Service<'_>, mut d: Diagnostic) -> Diagnostic {
    let site = svc.site(d.span);
    if let Some((written, label)) = site.origin {
        d.span = site.span;
        d.fix = None;
        d = d.with_label(written, label);
    }
    d
}

pub static RULES: &[&dyn Rule] = &[
    &image_untagged_or_latest::ImageUntaggedOrLatest,
    &image_without_digest::ImageWithoutDigest,
    &port_published_on_all_interfaces::PortPublishedOnAllInterfaces,
    &privileged_host_port::PrivilegedHostPort,
    &runtime_socket_mounted::RuntimeSocketMounted,
    &sensitive_host_path_mounted::SensitiveHostPathMounted,
    &no_memory_limit::NoMemoryLimit,
    &no_cpu_limit::NoCpuLimit,
    &no_pids_limit::NoPidsLimit,
    &healthcheck_disabled::HealthcheckDisabled,
    &logging_disabled::LoggingDisabled,
    &tmpfs_without_noexec::TmpfsWithoutNoexec,
];

/// Whether Compose interpolates `text` (`${VAR}`, `$VAR`; `$$` is a literal `$`).
fn has_var(text: &str) -> bool {
    vars::has_interpolation(text, true)
}

/// `text` cut at each `sep` that is not inside `${...}`, each piece with its byte offset: a
/// default value (`${PORT:-8080}`) may hold the separator itself.
fn split_outside_vars(text: &str, sep: u8) -> Vec<(usize, &str)> {
    split_outside(text, sep).into_iter().map(|(start, end)| (start, text.get(start..end).unwrap_or(""))).collect()
}

/// The bytes of a scalar's value in the source (inside its quotes), when they are exactly its
/// value: an edit there keeps the quoting. `None` for block scalars, escapes and aliases.
fn value_span(src: &str, node: NodeRef<'_>) -> Option<Span> {
    if node.is_alias() {
        return None;
    }
    let value = node.str()?;
    let span = node.span();
    let inner = match node.style()? {
        ScalarStyle::Plain => span,
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Span::new(span.start + 1, span.end.checked_sub(1)?),
        ScalarStyle::Literal | ScalarStyle::Folded => return None,
    };
    (src.get(inner.start..inner.end)? == value).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Options;
    use crate::rules::testing::lint_as;

    #[test]
    fn merged_values_are_reported_at_the_service() {
        let src = "x-web: &web\n  ports: [\"8080:80\"]\n  image: nginx:latest\nservices:\n  a:\n    <<: *web\n  \
                   b:\n    <<: *web\n";
        for code in ["DC401", "DC301"] {
            let d = lint_as(code, "compose.yaml", src, Options::default());
            let spans: Vec<&str> = d.iter().map(|d| d.span.slice(src)).collect();
            assert_eq!(spans, ["<<", "<<"], "{code}");
            assert!(d.iter().all(|d| d.fix.is_none() && d.labels.len() == 1), "{code}: {d:#?}");
        }
    }

    #[test]
    fn splits_outside_variables() {
        assert_eq!(split_outside_vars("127.0.0.1:80:80", b':'), [(0, "127.0.0.1"), (10, "80"), (13, "80")]);
        assert_eq!(split_outside_vars("${PORT:-8080}:80", b':'), [(0, "${PORT:-8080}"), (14, "80")]);
        assert_eq!(split_outside_vars("$${X:80", b':'), [(0, "$${X"), (5, "80")]);
        assert_eq!(split_outside_vars("", b':'), [(0, "")]);
        assert_eq!(split_outside_vars("${A:-${B:-x:y}}/z", b'/'), [(0, "${A:-${B:-x:y}}"), (16, "z")]);
    }
}
