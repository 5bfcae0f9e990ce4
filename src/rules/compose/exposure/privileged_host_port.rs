//! DC402: a port published on a privileged host port (below 1024).

use super::ports::{HostPorts, mappings};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct PrivilegedHostPort;

/// Ports below this one are privileged: binding them on the host needs root or
/// `CAP_NET_BIND_SERVICE`.
const FIRST_UNPRIVILEGED: u32 = 1024;

impl Rule for PrivilegedHostPort {
    fn code(&self) -> &'static str {
        "DC402"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for svc in &file.services {
            for m in mappings(cx.src, svc) {
                // Port 0 asks Docker for a random port.
                let HostPorts::Range(lo, hi) = m.host_ports else { continue };
                if lo == 0 || lo >= FIRST_UNPRIVILEGED {
                    continue;
                }
                let ports = if lo == hi { format!("host port {lo}") } else { format!("host ports {lo}-{hi}") };
                let d = cx
                    .diag(
                        m.published_span,
                        format!("service `{}` publishes `{}` on privileged {ports} (below 1024)", svc.name, m.text),
                    )
                    .with_help(
                        "publish on a host port from 1024 up (e.g. `8080:80`) and let a reverse proxy or load \
                         balancer own the well-known port; if this service is that proxy, suppress this finding \
                         with the reason",
                    );
                cx.emit(super::at_service(svc, d));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::lint_as;

    fn findings(src: &str) -> Vec<(String, String)> {
        lint_as("DC402", "compose.yaml", src, Options::default())
            .into_iter()
            .map(|d| (d.span.slice(src).to_string(), d.message))
            .collect()
    }

    #[test]
    fn privileged_ports_and_ranges_that_include_them() {
        let src = concat!(
            "services:\n  proxy:\n    ports:\n",
            "      - \"80:8080\"\n      - 127.0.0.1:443:8443\n      - 1000-1030:1000-1030\n",
            "      - {target: 53, published: \"53\", protocol: udp}\n",
            "      - 8080:80\n      - 80\n      - 0:80\n      - 1024:1024\n      - ${HTTP_PORT:-80}:80\n",
            "      - {target: 22, published: \"${SSH_PORT}\"}\n",
        );
        let got = findings(src);
        let spans: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            spans,
            ["\"80:8080\"", "127.0.0.1:443:8443", "1000-1030:1000-1030", "\"53\"", "${HTTP_PORT:-80}:80"]
        );
        assert_eq!(got[0].1, "service `proxy` publishes `80:8080` on privileged host port 80 (below 1024)");
        assert!(got[2].1.contains("host ports 1000-1030"), "{}", got[2].1);
    }
}
