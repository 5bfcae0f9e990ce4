//! A service's published ports, in both syntaxes, split as Docker splits the short one:
//! `[host_ip:][published:]target[/protocol]`, where everything before the last two `:`-separated
//! parts is the host address (`::1:8080:80`, `[::1]:8080:80`).

use super::{has_var, split_outside_vars, value_span};
use crate::diagnostic::Edit;
use crate::model::compose::{Service, Value};
use crate::model::vars;
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

/// Which host interfaces a port is published on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interface {
    /// No address, `0.0.0.0`, `::` or `[::]`: every interface.
    All,
    /// One address (`127.0.0.1`, `192.168.1.10`, `[::1]`).
    Specific,
    /// Interpolated: decided at `docker compose up`.
    Unknown,
}

/// The host ports a mapping publishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostPorts {
    /// No published port: Docker picks a free ephemeral one.
    Random,
    /// `8080`, or `8000-8010` (both ends included).
    Range(u32, u32),
    /// Interpolated or not a port number.
    Unknown,
}

pub struct Mapping {
    /// The mapping in short syntax (the long syntax is written as its short equivalent).
    pub text: String,
    pub interface: Interface,
    pub host_ports: HostPorts,
    /// Where a finding about the interface points: the short-syntax item, or the long syntax's
    /// `host_ip`, `published` or `target` value.
    pub span: Span,
    /// Where a finding about the host port points.
    pub published_span: Span,
    /// Binds the mapping to the loopback interface, when it can be written in place.
    pub bind_loopback: Option<Edit>,
}

/// The service's port mappings (its lists in every file read together); none when its network mode makes `ports:` meaningless (`host`:
/// the container uses the host's interfaces directly).
pub fn mappings(src: &str, svc: &Service<'_>) -> Vec<Mapping> {
    let mode = svc.value("network_mode");
    let own_network = match mode.as_ref().and_then(Value::literal) {
        Some(m) => !(m == "host" || m == "none" || m.starts_with("service:") || m.starts_with("container:")),
        None => true,
    };
    if !own_network {
        return Vec::new();
    }
    let ports = svc.items("ports");
    ports.into_iter().filter_map(|item| if item.is_mapping() { long(src, item) } else { short(src, item) }).collect()
}

fn short(src: &str, item: NodeRef<'_>) -> Option<Mapping> {
    let text = item.str()?;
    // Variables take their defaults, as Compose reads them when unset: `${PORT:-8080}:80`.
    let defaulted = if has_var(text) { vars::expand(text, &|_| None, true) } else { None };
    let read = defaulted.as_deref().unwrap_or(text);
    let spec = split_outside_vars(read, b'/').first()?.1;
    let parts = split_outside_vars(spec, b':');
    let (host, published) = match parts.as_slice() {
        [] => return None,
        [_] => (None, None),
        [(_, p), _] => (None, Some(*p)),
        [.., (at, p), _] => (Some(spec.get(..at.saturating_sub(1)).unwrap_or("")), Some(*p)),
    };
    let interface = match host {
        // A lone variable may hold a whole `ip:published:target`, and a variable in the published
        // place a whole `ip:published`.
        None if parts.len() == 1 && has_var(spec) => Interface::Unknown,
        None if published.is_some_and(has_var) => Interface::Unknown,
        None => Interface::All,
        Some(h) if has_var(h) => Interface::Unknown,
        Some(h) => classify(h),
    };
    let host_ports = match published {
        None if has_var(spec) => HostPorts::Unknown,
        None => HostPorts::Random,
        Some(p) => host_ports(p),
    };
    let bind_loopback = (interface == Interface::All).then(|| value_span(src, item)).flatten().map(|at| match host {
        None => {
            let prefix = if published.is_none() { "127.0.0.1::" } else { "127.0.0.1:" };
            Edit { span: Span::point(at.start), replacement: prefix.into() }
        }
        Some(h) => Edit { span: Span::new(at.start, at.start + h.len()), replacement: loopback(h).into() },
    });
    // An address read from a default is not where the text has it: only an insertion is exact.
    let bind_loopback = bind_loopback.filter(|_| defaulted.is_none() || host.is_none());
    Some(Mapping {
        text: text.to_string(),
        interface,
        host_ports,
        span: item.span(),
        published_span: item.span(),
        bind_loopback,
    })
}

fn long(src: &str, item: NodeRef<'_>) -> Option<Mapping> {
    let present = |key: &str| item.get(key).filter(|n| !n.is_null());
    let (host_ip, published, target) = (present("host_ip"), present("published"), present("target"));
    let interface = match host_ip {
        None => Interface::All,
        Some(h) => match h.str() {
            Some(ip) if !has_var(ip) => classify(ip),
            _ => Interface::Unknown,
        },
    };
    let host_ports = match published {
        None => HostPorts::Random,
        Some(p) => p.str().map_or(HostPorts::Unknown, host_ports),
    };
    let target_text = target.and_then(|t| t.str()).unwrap_or("?");
    let text = match (host_ip.and_then(|h| h.str()), published.and_then(|p| p.str())) {
        (Some(ip), Some(p)) => format!("{ip}:{p}:{target_text}"),
        (Some(ip), None) => format!("{ip}::{target_text}"),
        (None, Some(p)) => format!("{p}:{target_text}"),
        (None, None) => target_text.to_string(),
    };
    let span = host_ip.or(published).or(target).map_or_else(|| item.span(), |n| n.span());
    let bind_loopback = host_ip
        .filter(|_| interface == Interface::All)
        .and_then(|h| Some((value_span(src, h)?, h.str()?)))
        .map(|(at, ip)| Edit { span: at, replacement: loopback(ip).into() });
    Some(Mapping {
        text,
        interface,
        host_ports,
        span,
        published_span: published.map_or(span, |p| p.span()),
        bind_loopback,
    })
}

fn classify(host: &str) -> Interface {
    match host.trim() {
        "" | "0.0.0.0" | "::" | "[::]" => Interface::All,
        _ => Interface::Specific,
    }
}

/// The loopback address written the way `host` was (IPv4 unless it was an IPv6 address).
fn loopback(host: &str) -> &'static str {
    match host.trim() {
        "::" => "::1",
        "[::]" => "[::1]",
        _ => "127.0.0.1",
    }
}

fn host_ports(text: &str) -> HostPorts {
    if has_var(text) {
        return HostPorts::Unknown;
    }
    let text = text.trim();
    if text.is_empty() {
        return HostPorts::Random;
    }
    let (lo, hi) = text.split_once('-').unwrap_or((text, text));
    match (lo.trim().parse::<u32>(), hi.trim().parse::<u32>()) {
        (Ok(lo), Ok(hi)) if lo <= hi => HostPorts::Range(lo, hi),
        _ => HostPorts::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::compose::ComposeFile;
    use crate::syntax::yaml::{Limits, parse};

    fn parsed(ports: &str) -> Vec<(String, Interface, HostPorts)> {
        let src = format!("services:\n  web:\n    ports:\n{ports}");
        let tree = parse(&src, &Limits::default());
        let file = ComposeFile::new(&tree);
        let svc = file.services.first().expect("a service");
        mappings(&src, svc).into_iter().map(|m| (m.text, m.interface, m.host_ports)).collect()
    }

    #[test]
    fn short_syntax_as_docker_splits_it() {
        use HostPorts::*;
        use Interface::*;
        let got = parsed(concat!(
            "      - 80\n      - \"8080:80\"\n      - 0.0.0.0:443:443/tcp\n      - 127.0.0.1:5432:5432\n",
            "      - \"[::1]:53:53/udp\"\n      - \"::1:8000-8010:8000-8010\"\n      - \"[::]:9000:9000\"\n",
            "      - ${PORT:-8080}:80\n      - ${BIND:-127.0.0.1}:${PORT}:80\n      - ${SPEC}\n      - 127.0.0.1::80\n",
            "      - ${BIND:-127.0.0.1}:${PORT:-5432}:5432\n      - ${HOST_PORT}:80\n",
        ));
        let want = [
            ("80", All, Random),
            ("8080:80", All, Range(8080, 8080)),
            ("0.0.0.0:443:443/tcp", All, Range(443, 443)),
            ("127.0.0.1:5432:5432", Specific, Range(5432, 5432)),
            ("[::1]:53:53/udp", Specific, Range(53, 53)),
            ("::1:8000-8010:8000-8010", Specific, Range(8000, 8010)),
            ("[::]:9000:9000", All, Range(9000, 9000)),
            // Variables take their defaults (the text is kept as written).
            ("${PORT:-8080}:80", All, Range(8080, 8080)),
            ("${BIND:-127.0.0.1}:${PORT}:80", Interface::Unknown, HostPorts::Unknown),
            ("${SPEC}", Interface::Unknown, HostPorts::Unknown),
            ("127.0.0.1::80", Specific, Random),
            ("${BIND:-127.0.0.1}:${PORT:-5432}:5432", Specific, Range(5432, 5432)),
            ("${HOST_PORT}:80", Interface::Unknown, HostPorts::Unknown),
        ];
        let want: Vec<_> = want.iter().map(|(t, i, h)| (t.to_string(), *i, *h)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn long_syntax() {
        use HostPorts::*;
        use Interface::*;
        let got = parsed(concat!(
            "      - {target: 80, published: 8080}\n      - {target: 80, published: \"8080\", host_ip: 0.0.0.0}\n",
            "      - {target: 80, host_ip: 127.0.0.1}\n      - {target: 80, published: \"${P}\", host_ip: \"${IP}\"}\n",
        ));
        let want = [
            ("8080:80", All, Range(8080, 8080)),
            ("0.0.0.0:8080:80", All, Range(8080, 8080)),
            ("127.0.0.1::80", Specific, Random),
            ("${IP}:${P}:80", Interface::Unknown, HostPorts::Unknown),
        ];
        let want: Vec<_> = want.iter().map(|(t, i, h)| (t.to_string(), *i, *h)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn host_network_has_no_mappings() {
        assert!(parsed("      - 80:80\n    network_mode: host\n").is_empty());
        assert_eq!(parsed("      - 80:80\n    network_mode: bridge\n").len(), 1);
    }
}
