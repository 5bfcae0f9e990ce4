//! DC411: a service bind-mounts a sensitive host path (`/`, `/etc`, `/proc`, Docker's state, a
//! home directory, ...).

use super::mounts::{self, HostPath, runtime_socket};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct SensitiveHostPathMounted;

/// Host paths whose mount as such exposes the host, and what they hold. Paths below them are not
/// reported (`/etc/localtime`, `/var/log/nginx`), except in the trees and directories below.
const SENSITIVE: &[(&str, &str)] = &[
    ("/", "the host's whole filesystem"),
    ("/bin", "the host's programs"),
    ("/boot", "the host's kernel and boot loader"),
    ("/dev", "the host's devices"),
    ("/dev/mem", "the host's physical memory"),
    ("/dev/kmem", "the host's kernel memory"),
    ("/dev/port", "the host's I/O ports"),
    ("/etc", "the host's configuration and credentials"),
    ("/home", "every user's home directory"),
    ("/lib", "the host's libraries and kernel modules"),
    ("/lib64", "the host's libraries"),
    ("/proc", "every process on the host"),
    ("/run", "the host's runtime state and sockets"),
    ("/sbin", "the host's system programs"),
    ("/sys", "the host's kernel settings and devices"),
    ("/usr", "the host's programs and libraries"),
    ("/var", "the host's variable state"),
    ("/var/lib", "the host's service state"),
    ("/var/run", "the host's runtime state and sockets"),
];

/// Directories whose every entry is sensitive, each entry by what it is; the exceptions are the
/// runtime sockets (DC410's) and the inert devices.
const BELOW: &[(&str, &str)] = &[
    ("/dev", "a host device node, or all of them"),
    ("/run", "the host's runtime state: service sockets such as D-Bus, systemd's and a user session's audio"),
    ("/var/run", "the host's runtime state: service sockets such as D-Bus, systemd's and a user session's audio"),
];

/// Character devices that hold no host state: binding `/dev/null` over a file blanks it out.
const INERT_DEVICES: [&str; 5] = ["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"];

/// Trees any part of which is sensitive.
const SENSITIVE_TREES: &[(&str, &str)] = &[
    ("/root", "root's home directory"),
    ("/var/lib/docker", "Docker's state: every container's filesystem, configuration and logs"),
    ("/var/lib/containerd", "containerd's state: every container's filesystem"),
    ("/etc/shadow", "the host's password hashes"),
    ("/etc/gshadow", "the host's group password hashes"),
    ("/etc/sudoers", "who may become root on the host"),
    ("/etc/sudoers.d", "who may become root on the host"),
    ("/etc/ssh", "the host's SSH keys and server configuration"),
    ("/etc/docker", "the Docker daemon's configuration and TLS keys"),
    ("/etc/kubernetes", "the node's Kubernetes credentials"),
];

/// Inside a home directory (`~` or `/home/<user>`): the home itself, and trees of credentials.
const HOME: &[(&str, &str)] = &[
    ("", "a whole home directory"),
    (".ssh", "SSH keys"),
    (".aws", "AWS credentials"),
    (".azure", "Azure credentials"),
    (".config/gcloud", "Google Cloud credentials"),
    (".docker", "registry credentials"),
    (".kube", "Kubernetes credentials"),
    (".gnupg", "GPG keys"),
];

fn in_tree(path: &str, tree: &str) -> bool {
    path == tree || path.strip_prefix(tree).is_some_and(|rest| rest.starts_with('/'))
}

/// What a host path holds when mounting it is sensitive.
fn sensitive(path: &str) -> Option<&'static str> {
    let exact = || SENSITIVE.iter().find(|(p, _)| *p == path);
    let tree = || SENSITIVE_TREES.iter().find(|(t, _)| in_tree(path, t));
    let home = || {
        let rest = match path.strip_prefix('~') {
            Some(rest) => rest.strip_prefix('/').unwrap_or(rest),
            None => {
                let (_, rest) = path.strip_prefix("/home/")?.split_once('/').unwrap_or((path, ""));
                rest
            }
        };
        HOME.iter().find(|(t, _)| if t.is_empty() { rest.is_empty() } else { in_tree(rest, t) })
    };
    let below = || {
        let entry = BELOW.iter().find(|(dir, _)| path != *dir && in_tree(path, dir));
        entry.filter(|_| !INERT_DEVICES.contains(&path))
    };
    exact().or_else(tree).or_else(home).or_else(below).map(|(_, what)| *what)
}

impl Rule for SensitiveHostPathMounted {
    fn code(&self) -> &'static str {
        "DC411"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        mounts::report(cx, file, |svc, m| {
            let HostPath::Known(path) = &m.host else { return None };
            // Runtime sockets are DC410's.
            let what = sensitive(path).filter(|_| runtime_socket(&m.host).is_none())?;
            let mode = if m.read_only { " read-only" } else { "" };
            let message = format!("service `{}` mounts the host's `{path}` ({what}){mode}", svc.name);
            Some((
                message,
                if m.read_only {
                    "mount only the file or directory the service needs; if it needs this one (a monitoring agent), \
                     suppress this finding with the reason"
                } else {
                    "mount only the file or directory the service needs, with `:ro`; if it needs this one, make it \
                     read-only and suppress this finding with the reason"
                },
            ))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Options;
    use crate::rules::testing::{compose_spans, lint_as};

    fn spans(src: &str) -> Vec<String> {
        compose_spans("DC411", src)
    }

    #[test]
    fn the_list() {
        for p in ["/", "/etc", "/proc", "/sys", "/var/run", "/var/lib/docker/containers", "/root/.ssh", "/etc/ssh"] {
            assert!(sensitive(p).is_some(), "{p}");
        }
        for p in ["~", "~/.ssh", "~/.docker/config.json", "/home/joe", "/home/joe/.aws", "/home"] {
            assert!(sensitive(p).is_some(), "{p}");
        }
        for p in
            ["/dev/dri", "/dev/shm", "/run/user/1000/pulse", "/var/run/dbus", "/run/systemd/private", "/var/run/utmp"]
        {
            assert!(sensitive(p).is_some(), "{p}");
        }
        for p in ["/etc/localtime", "/etc/timezone", "/lib/modules", "/dev/null", "/var/log", "/srv/data", "/running"] {
            assert!(sensitive(p).is_none(), "{p}");
        }
        for p in ["/home/joe/projects", "~/code", "/etc/sshd_extra", "/rootfs", "./etc", "etc"] {
            assert!(sensitive(p).is_none(), "{p}");
        }
    }

    #[test]
    fn bind_mounts_in_every_syntax() {
        let src = concat!(
            "services:\n  cadvisor:\n    volumes:\n",
            "      - /:/rootfs:ro\n      - /var/run:/var/run:ro\n      - /sys:/sys:ro\n",
            "      - /var/lib/docker/:/var/lib/docker:ro\n      - /etc/localtime:/etc/localtime:ro\n",
            "      - ./data:/data\n      - data:/data\n      - ${HOST_ROOT:-/}:/host\n",
            "      - {type: bind, source: /proc, target: /host/proc}\n      - {type: volume, source: etc, target: /x}\n",
            "      - /var/run/docker.sock:/var/run/docker.sock\n      - etcbind:/host/etc\n",
            "      - \"/run/user/${UID:-1000}/pulse:/run/pulse\"\n      - /dev/null:/app/.env\n",
            "volumes:\n  data: {}\n  etc: {}\n  etcbind:\n    driver_opts: {type: none, o: bind, device: /etc}\n",
        );
        assert_eq!(
            spans(src),
            [
                "/:/rootfs:ro",
                "/var/run:/var/run:ro",
                "/sys:/sys:ro",
                "/var/lib/docker/:/var/lib/docker:ro",
                "${HOST_ROOT:-/}:/host",
                "/proc",
                "etcbind:/host/etc",
                "\"/run/user/${UID:-1000}/pulse:/run/pulse\"",
            ]
        );
    }

    #[test]
    fn messages_say_what_and_whether_read_only() {
        let src = "services:\n  a:\n    volumes: [\"/etc:/host/etc\", \"~/.ssh:/root/.ssh:ro\"]\n";
        let d = lint_as("DC411", "compose.yaml", src, Options::default());
        assert_eq!(d[0].message, "service `a` mounts the host's `/etc` (the host's configuration and credentials)");
        assert_eq!(d[1].message, "service `a` mounts the host's `~/.ssh` (SSH keys) read-only");
        let src = "services:\n  a:\n    volumes: [\"${ROOT:-/}:/host\"]\n";
        let d = lint_as("DC411", "compose.yaml", src, Options::default());
        assert_eq!(
            d[0].message,
            "service `a` mounts the host's `/` (the host's whole filesystem), by the defaults of `${ROOT:-/}`"
        );
    }
}
