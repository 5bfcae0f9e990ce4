//! DF718: an `EXPOSE` port that is out of range, malformed, maps a host port or address, or has
//! an unknown or upper-case protocol (hadolint DL3011; BuildKit `ExposeInvalidFormat`,
//! `ExposeProtoCasing`).

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::correctness::for_each_scoped;
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::dockerfile::InstructionKind;

pub struct InvalidExpose;

impl Rule for InvalidExpose {
    fn code(&self) -> &'static str {
        "DF718"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            for_each_scoped(file, stage, |_, ins, scope| {
                if ins.kind != InstructionKind::Expose {
                    return;
                }
                for word in ins.words(file.ast.escape) {
                    // A variable we cannot resolve (or that the base image sets) is not guessed.
                    let Some(value) = scope.expand(&word.text) else { continue };
                    // BuildKit splits an expanded value into words again.
                    for spec in value.split_whitespace() {
                        let Some(problem) = check(spec) else { continue };
                        let literal = word.span.slice(cx.src) == spec;
                        let mut d = cx.diag(word.span, problem.message(spec)).with_help(problem.help());
                        if let (Problem::ProtocolCase(at), true) = (&problem, literal) {
                            let proto = Span::new(word.span.start + at, word.span.end);
                            d = d.with_fix(Fix {
                                message: "write the protocol in lower case".into(),
                                applicability: Applicability::Safe,
                                edits: vec![Edit {
                                    span: proto,
                                    replacement: spec.get(*at..).unwrap_or("").to_ascii_lowercase(),
                                }],
                            });
                        }
                        cx.emit(d);
                    }
                }
            });
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Problem {
    /// Not a port, a range or a known protocol: the build fails.
    Invalid(String),
    /// A port above 65535.
    OutOfRange(u64),
    /// `host:container` or `ip:host:container`.
    HostMapping,
    /// The protocol, at this offset, is not lower case.
    ProtocolCase(usize),
}

impl Problem {
    fn message(&self, spec: &str) -> String {
        match self {
            Problem::Invalid(why) => format!("`EXPOSE {spec}` is not a valid port: {why}"),
            Problem::OutOfRange(port) => format!("`EXPOSE {spec}`: port {port} is out of range (0-65535)"),
            Problem::HostMapping => format!("`EXPOSE {spec}` maps a host port or address, which EXPOSE cannot do"),
            Problem::ProtocolCase(at) => {
                format!("the protocol `{}` of `EXPOSE {spec}` is not lower case", spec.get(*at..).unwrap_or(""))
            }
        }
    }

    fn help(&self) -> &'static str {
        match self {
            Problem::Invalid(_) | Problem::OutOfRange(_) => {
                "write a port or range from 0 to 65535, optionally with `/tcp`, `/udp` or `/sctp`, e.g. `EXPOSE 8080/tcp`"
            }
            Problem::HostMapping => {
                "EXPOSE only documents the container port (`EXPOSE 80`); publish it at run time with `docker run -p 8080:80`"
            }
            Problem::ProtocolCase(_) => "write `tcp`, `udp` or `sctp` in lower case",
        }
    }
}

/// The first problem of one port spec, in the order BuildKit meets them.
fn check(spec: &str) -> Option<Problem> {
    // [[ip:]host:]container[/proto]; an IPv6 address keeps its colons.
    let mut parts = spec.rsplitn(3, ':');
    let container = parts.next().unwrap_or("");
    let mapped = parts.next().is_some();
    let (ports, proto) = match container.split_once('/') {
        Some((p, proto)) => (p, Some(proto)),
        None => (container, None),
    };
    if ports.is_empty() {
        return Some(Problem::Invalid("no port".into()));
    }
    if let Some(proto) = proto
        && !matches!(proto.to_ascii_lowercase().as_str(), "tcp" | "udp" | "sctp")
    {
        return Some(Problem::Invalid(format!("unknown protocol `{proto}` (tcp, udp or sctp)")));
    }
    let (start, end) = match ports.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (ports, None),
    };
    let number = |s: &str| -> Result<u64, Problem> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Problem::Invalid(format!("`{s}` is not a port number")));
        }
        // Longer than any port: report the digits, not an overflow.
        let n = s.get(..s.len().min(12)).and_then(|d| d.parse::<u64>().ok()).unwrap_or(u64::MAX);
        if n > 65535 { Err(Problem::OutOfRange(n)) } else { Ok(n) }
    };
    let first = match number(start) {
        Ok(n) => n,
        Err(p) => return Some(p),
    };
    if let Some(end) = end.filter(|e| *e != start) {
        match number(end) {
            Ok(n) if n < first => return Some(Problem::Invalid(format!("the range `{ports}` ends before it starts"))),
            Ok(_) => {}
            Err(p) => return Some(p),
        }
    }
    if mapped {
        return Some(Problem::HostMapping);
    }
    match proto {
        Some(p) if p != p.to_ascii_lowercase() => Some(Problem::ProtocolCase(spec.len() - p.len())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{fixed as test_fix, spans as test_spans};

    #[test]
    fn port_specs() {
        for ok in ["80", "0", "65535", "80/tcp", "53/udp", "9/sctp", "8000-8010", "8000-8000/udp", "80-80"] {
            assert_eq!(check(ok), None, "{ok}");
        }
        assert_eq!(check("65536"), Some(Problem::OutOfRange(65536)));
        assert_eq!(check("1-70000"), Some(Problem::OutOfRange(70000)));
        assert_eq!(check("99999999999999999999"), Some(Problem::OutOfRange(999_999_999_999)));
        assert_eq!(check("80:80"), Some(Problem::HostMapping));
        assert_eq!(check("127.0.0.1:8080:80"), Some(Problem::HostMapping));
        assert_eq!(check("[::1]:8080:80/tcp"), Some(Problem::HostMapping));
        assert_eq!(check("80/TCP"), Some(Problem::ProtocolCase(3)));
        assert!(matches!(check("80/http"), Some(Problem::Invalid(_))));
        assert!(matches!(check("http"), Some(Problem::Invalid(_))));
        assert!(matches!(check("/tcp"), Some(Problem::Invalid(_))));
        assert!(matches!(check("90-80"), Some(Problem::Invalid(_))));
        assert!(matches!(check("80-"), Some(Problem::Invalid(_))));
    }

    #[test]
    fn findings_and_fix() {
        assert_eq!(test_spans("DF718", "FROM a\nEXPOSE 80 70000 8080:80 53/UDP\n"), vec!["70000", "8080:80", "53/UDP"]);
        // Resolved through ARG; unknown variables are left alone.
        assert_eq!(test_spans("DF718", "FROM a\nARG P=99999\nEXPOSE $P $UNKNOWN ${Q:-80}\n"), vec!["$P"]);
        assert_eq!(test_fix("DF718", "FROM a\nEXPOSE 80/TCP 53/Udp\n"), "FROM a\nEXPOSE 80/tcp 53/udp\n");
    }
}
