//! The host paths a service mounts: bind mounts in short (`/host:/container[:ro]`) and long
//! (`type: bind`, `type: npipe`) syntax, and named volumes that the top-level `volumes:` binds to
//! a host directory (`driver_opts: {type: none, o: bind, device: /srv/data}`).

use super::{has_var, split_outside_vars};
use crate::model::compose::{ComposeFile, Service};
use crate::model::vars;
use crate::rules::Context;
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

/// What is known of a mounted host path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostPath {
    /// The path as written (variables by their defaults), `.`/`..`/`//` resolved when it is absolute or under `~`; Windows
    /// named pipes with `/` separators (`//./pipe/docker_engine`).
    Known(String),
    /// Only its last component: `${XDG_RUNTIME_DIR}/docker.sock`.
    FileName(String),
}

pub struct HostMount {
    pub host: HostPath,
    pub read_only: bool,
    /// The short-syntax item, or the long syntax's `source` value.
    pub span: Span,
    /// The named volume whose `driver_opts.device` is the host path, and that value's span.
    pub via_volume: Option<(String, Span)>,
    /// The source as written, when its variables' defaults made the path known.
    pub defaulted: Option<String>,
}

/// Reports the host mounts `judge` gives a message and help for, each at its service, labelled
/// with the named volume that binds it and saying when variables' defaults made it known.
pub fn report(
    cx: &mut Context<'_>,
    file: &ComposeFile<'_>,
    judge: impl Fn(&Service<'_>, &HostMount) -> Option<(String, &'static str)>,
) {
    for svc in &file.services {
        for m in host_mounts(file, svc) {
            let Some((message, help)) = judge(svc, &m) else { continue };
            let defaults = m.defaulted.as_ref().map(|w| format!(", by the defaults of `{w}`")).unwrap_or_default();
            let mut d = cx.diag(m.span, format!("{message}{defaults}")).with_help(help);
            if let Some((volume, device)) = m.via_volume {
                d = d.with_label(device, format!("named volume `{volume}` binds this host path"));
            }
            cx.emit(super::at_service(svc, d));
        }
    }
}

/// The host paths `svc` mounts, in order (its lists in every file read together).
pub fn host_mounts(file: &ComposeFile<'_>, svc: &Service<'_>) -> Vec<HostMount> {
    let volumes = svc.items("volumes");
    volumes
        .into_iter()
        .filter_map(|item| if item.is_mapping() { long(file, item) } else { short(file, item) })
        .collect()
}

fn short(file: &ComposeFile<'_>, item: NodeRef<'_>) -> Option<HostMount> {
    let text = item.str()?;
    let parts = split_outside_vars(text, b':');
    let (source, mode) = match parts.as_slice() {
        [(_, s), _] => (*s, ""),
        [(_, s), _, (_, m), ..] => (*s, *m),
        _ => return None,
    };
    let read_only = mode.split(',').any(|m| m.trim() == "ro");
    let span = item.span();
    if is_path(source) {
        return Some(HostMount {
            host: host_path(source)?,
            read_only,
            span,
            via_volume: None,
            defaulted: defaulted(source),
        });
    }
    named(file, source, read_only, span)
}

fn long(file: &ComposeFile<'_>, item: NodeRef<'_>) -> Option<HostMount> {
    let kind = item.get("type").and_then(|t| t.str()).unwrap_or("volume");
    let source = item.get("source")?;
    let text = source.str()?;
    let read_only = item.get("read_only").and_then(|r| r.as_bool()) == Some(true);
    match kind {
        "bind" | "npipe" => {
            let (host, defaulted) = (host_path(text)?, defaulted(text));
            Some(HostMount { host, read_only, span: source.span(), via_volume: None, defaulted })
        }
        "volume" => named(file, text, read_only, source.span()),
        _ => None,
    }
}

/// A named volume the top-level `volumes:` binds to a host path with the `local` driver.
fn named(file: &ComposeFile<'_>, name: &str, read_only: bool, span: Span) -> Option<HostMount> {
    let opts = file.root?.get("volumes")?.get(name)?.get("driver_opts")?;
    let binds = opts.get("o").and_then(|o| o.str()).is_some_and(|o| o.split(',').any(|f| f.trim() == "bind"));
    let device = opts.get("device").filter(|_| binds)?;
    let text = device.str()?;
    let via_volume = Some((name.to_string(), device.span()));
    Some(HostMount { host: host_path(text)?, read_only, span, via_volume, defaulted: defaulted(text) })
}

/// `text` when its variables all have defaults, which `host_path` then reads.
fn defaulted(text: &str) -> Option<String> {
    let text = text.trim();
    (has_var(text) && vars::expand(text, &|_| None, true).is_some()).then(|| text.to_string())
}

/// Whether a short-syntax source is a host path rather than a volume name.
fn is_path(source: &str) -> bool {
    source.starts_with(['/', '.', '~', '\\', '$'])
}

fn host_path(text: &str) -> Option<HostPath> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // Variables take their defaults, as Compose does when they are unset: `/run/user/${UID:-1000}`.
    let defaulted = if has_var(text) { vars::expand(text, &|_| None, true) } else { None };
    let text = match &defaulted {
        Some(path) => path.as_str(),
        None if has_var(text) => {
            let (_, last) = split_outside_vars(text, b'/').pop()?;
            return (!last.is_empty() && !has_var(last)).then(|| HostPath::FileName(last.to_string()));
        }
        None => text,
    };
    if text.is_empty() {
        return None;
    }
    let slashed = text.replace('\\', "/");
    if let Some(pipe) = slashed.strip_prefix("//./pipe/") {
        return Some(HostPath::Known(format!("//./pipe/{pipe}")));
    }
    Some(HostPath::Known(normalize(&slashed)))
}

/// `.`, `..`, `//` and trailing `/` resolved in an absolute or `~` path; other paths as written.
fn normalize(path: &str) -> String {
    let (root, rest) = match path.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => ("~", rest),
        _ if path.starts_with('/') => ("", path),
        _ => return path.to_string(),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    match (root, parts.is_empty()) {
        ("", true) => "/".into(),
        (_, true) => root.into(),
        _ => format!("{root}/{}", parts.join("/")),
    }
}

impl HostPath {
    /// The last path component.
    pub fn file_name(&self) -> &str {
        match self {
            HostPath::Known(p) => p.rsplit('/').next().unwrap_or(p),
            HostPath::FileName(f) => f,
        }
    }

    pub fn known(&self) -> Option<&str> {
        match self {
            HostPath::Known(p) => Some(p),
            HostPath::FileName(_) => None,
        }
    }

    /// How the path is shown in messages.
    pub fn display(&self) -> String {
        match self {
            HostPath::Known(p) => p.clone(),
            HostPath::FileName(f) => format!(".../{f}"),
        }
    }
}

/// Directories that hold a runtime's socket, and the Docker Engine's Windows named pipe.
const SOCKET_PATHS: &[(&str, &str)] = &[
    ("/run/containerd", "containerd's socket directory"),
    ("/var/run/containerd", "containerd's socket directory"),
    ("/run/crio", "CRI-O's socket directory"),
    ("/var/run/crio", "CRI-O's socket directory"),
    ("/run/podman", "Podman's socket directory"),
    ("/var/run/podman", "Podman's socket directory"),
    ("//./pipe/docker_engine", "the Docker Engine's named pipe"),
];

/// What a host path is when it is a container runtime's API endpoint (or its directory).
pub fn runtime_socket(host: &HostPath) -> Option<&'static str> {
    let by_name = crate::rules::runtime_sockets::SOCKETS.iter().find(|(name, _)| *name == host.file_name());
    let by_path = || host.known().and_then(|p| SOCKET_PATHS.iter().find(|(s, _)| s.eq_ignore_ascii_case(p)));
    by_name.or_else(by_path).map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::{Limits, parse};

    fn mounts(src: &str) -> Vec<(HostPath, bool)> {
        let tree = parse(src, &Limits::default());
        let file = ComposeFile::new(&tree);
        let svc = file.services.first().expect("a service");
        host_mounts(&file, svc).into_iter().map(|m| (m.host, m.read_only)).collect()
    }

    #[test]
    fn short_long_and_named_binds() {
        let src = concat!(
            "services:\n  a:\n    volumes:\n",
            "      - /var//run/./docker.sock:/var/run/docker.sock:ro\n",
            "      - ./data:/data\n      - data:/data\n      - /anonymous\n      - bound:/srv\n",
            "      - ${XDG_RUNTIME_DIR}/docker.sock:/var/run/docker.sock\n",
            "      - ${SOCK:-/var/run/docker.sock}:/var/run/docker.sock\n      - ${DATA}:/data\n",
            "      - ~/.ssh/:/root/.ssh:ro\n      - //./pipe/docker_engine://./pipe/docker_engine\n",
            "      - {type: bind, source: /etc/, target: /host/etc, read_only: true}\n",
            "      - {type: volume, source: data, target: /x}\n      - {type: tmpfs, target: /tmp}\n",
            "volumes:\n  data: {}\n  bound:\n    driver_opts: {type: none, o: bind, device: /srv/../etc}\n",
        );
        let known = |p: &str, ro| (HostPath::Known(p.into()), ro);
        assert_eq!(
            mounts(src),
            [
                known("/var/run/docker.sock", true),
                known("./data", false),
                known("/etc", false),
                (HostPath::FileName("docker.sock".into()), false),
                known("/var/run/docker.sock", false),
                known("~/.ssh", true),
                known("//./pipe/docker_engine", false),
                known("/etc", true),
            ]
        );
    }

    #[test]
    fn normalises_lexically() {
        assert_eq!(normalize("/var/lib/../../"), "/");
        assert_eq!(normalize("~"), "~");
        assert_eq!(normalize("~/./.aws/"), "~/.aws");
        assert_eq!(normalize("./x/../y"), "./x/../y");
    }

    #[test]
    fn runtime_sockets_by_file_or_path() {
        let known = |p: &str| HostPath::Known(p.into());
        assert_eq!(runtime_socket(&known("/run/user/1000/podman/podman.sock")), Some("the Podman socket"));
        assert_eq!(runtime_socket(&HostPath::FileName("docker.sock".into())), Some("the Docker socket"));
        assert_eq!(runtime_socket(&known("/var/run/containerd")), Some("containerd's socket directory"));
        assert_eq!(runtime_socket(&known("//./pipe/docker_engine")), Some("the Docker Engine's named pipe"));
        assert_eq!(runtime_socket(&known("/var/run/docker.sock.bak")), None);
        assert_eq!(runtime_socket(&known("/var/run")), None);
    }
}
