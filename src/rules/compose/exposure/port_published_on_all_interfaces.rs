//! DC401: a port published on every host interface (no host address, `0.0.0.0` or `::`).

use super::ports::{HostPorts, Interface, mappings};
use crate::diagnostic::{Applicability, Fix};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct PortPublishedOnAllInterfaces;

impl Rule for PortPublishedOnAllInterfaces {
    fn code(&self) -> &'static str {
        "DC401"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for svc in &file.services {
            for m in mappings(cx.src, svc) {
                if m.interface != Interface::All {
                    continue;
                }
                let message = match m.host_ports {
                    HostPorts::Random => format!(
                        "service `{}` publishes `{}` on a random host port of every host interface",
                        svc.name, m.text
                    ),
                    _ => format!("service `{}` publishes `{}` on every host interface", svc.name, m.text),
                };
                let mut d = cx.diag(m.span, message).with_help(
                    "bind it to the interface that must reach it, e.g. `127.0.0.1:` in front of the mapping \
                     (`host_ip: 127.0.0.1` in the long syntax), and put a reverse proxy in front if other \
                     hosts need it: Docker's port rules bypass host firewalls such as ufw and firewalld",
                );
                if let Some(edit) = m.bind_loopback {
                    d = d.with_fix(Fix {
                        message: format!("publish `{}` on the loopback interface only", m.text),
                        applicability: Applicability::Unsafe,
                        edits: vec![edit],
                    });
                }
                cx.emit(super::at_service(svc, d));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{compose_spans, fixed_as, lint_as};

    fn spans(src: &str) -> Vec<String> {
        compose_spans("DC401", src)
    }

    #[test]
    fn every_interface_reported_one_address_not() {
        let src = concat!(
            "services:\n  web:\n    ports:\n",
            "      - \"8080:80\"\n      - 0.0.0.0:443:443\n      - 9000\n      - \"[::]:53:53/udp\"\n",
            "      - 127.0.0.1:5432:5432\n      - \"[::1]:6379:6379\"\n      - 192.168.1.10:22:22\n",
            "      - ${PORT:-8080}:80\n      - ${BIND_ADDR}:8081:80\n",
            "      - {target: 80, published: 8082}\n      - {target: 80, published: 8083, host_ip: 127.0.0.1}\n",
            "    expose: [\"3000\"]\n",
            "x-ports:\n  ports: [\"1:1\"]\n",
        );
        // `${PORT:-8080}:80` is `8080:80` unless PORT is set (which could add an address).
        assert_eq!(
            spans(src),
            ["\"8080:80\"", "0.0.0.0:443:443", "9000", "\"[::]:53:53/udp\"", "${PORT:-8080}:80", "8082"]
        );
    }

    #[test]
    fn messages_name_the_service_and_the_mapping() {
        let src = "services:\n  db:\n    ports: [5432, \"8080:80\"]\n";
        let d = lint_as("DC401", "compose.yaml", src, Options::default());
        assert_eq!(d[0].message, "service `db` publishes `5432` on a random host port of every host interface");
        assert_eq!(d[1].message, "service `db` publishes `8080:80` on every host interface");
    }

    #[test]
    fn host_network_is_not_port_publishing() {
        assert!(spans("services:\n  a:\n    network_mode: host\n    ports: [\"80:80\"]\n").is_empty());
    }

    #[test]
    fn fix_binds_to_loopback_keeping_quotes() {
        let src = concat!(
            "services:\n  web:\n    ports:\n      - \"8080:80\" # web\n      - '0.0.0.0:443:443'\n      - 9000\n",
            "      - \"[::]:53:53/udp\"\n      - {target: 80, published: 8082, host_ip: \"0.0.0.0\"}\n",
            "      - {target: 81, published: 8083}\n      - ${PORT:-8080}:80\n      - ${IP:-0.0.0.0}:81:81\n",
        );
        // An address taken from a default is not in the text: no edit for it.
        let want = concat!(
            "services:\n  web:\n    ports:\n      - \"127.0.0.1:8080:80\" # web\n      - '127.0.0.1:443:443'\n",
            "      - 127.0.0.1::9000\n      - \"[::1]:53:53/udp\"\n",
            "      - {target: 80, published: 8082, host_ip: \"127.0.0.1\"}\n      - {target: 81, published: 8083}\n",
            "      - 127.0.0.1:${PORT:-8080}:80\n      - ${IP:-0.0.0.0}:81:81\n",
        );
        assert_eq!(fixed_as("DC401", "compose.yaml", src), want);
        assert_eq!(fixed_as("DC401", "compose.yaml", want), want);
    }
}
