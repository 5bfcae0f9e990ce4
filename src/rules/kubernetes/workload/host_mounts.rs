//! hostPath volumes and the container mounts that expose them, for the host-mount rules
//! (K8S131 runtime sockets, K8S132 sensitive paths, K8S133 writable mounts).

use crate::diagnostic::Diagnostic;
use crate::model::kubernetes::{Container, PodSpecView};
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

pub struct HostPathVolume<'a> {
    pub name: &'a str,
    /// `path: /x` of the volume's `hostPath`, key and value: where volume findings point.
    pub path_span: Span,
    /// The declared `hostPath.type` (`Socket`, `CharDevice`, ...), when written.
    pub kind: Option<&'a str>,
}

/// What of the host a mount shows the container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostPath {
    /// Exactly this normalised path.
    Exact(String),
    /// Some path at or below this one (`subPathExpr`, known only at run time).
    Below(String),
}

impl HostPath {
    pub fn path(&self) -> &str {
        match self {
            HostPath::Exact(p) | HostPath::Below(p) => p,
        }
    }
}

pub struct HostMount<'a> {
    /// Index into [`HostMounts::containers`].
    pub container: usize,
    /// Index into [`HostMounts::volumes`].
    pub volume: usize,
    /// The `volumeMounts` item.
    pub mount: NodeRef<'a>,
    pub host: HostPath,
}

pub struct HostMounts<'a> {
    pub containers: Vec<Container<'a>>,
    pub volumes: Vec<HostPathVolume<'a>>,
    pub mounts: Vec<HostMount<'a>>,
}

impl<'a> HostMounts<'a> {
    /// The hostPath mounts of `pod`; `None` when it has no hostPath volume. Volumes whose path is
    /// not an absolute path (templated, malformed) are left out: their target is unknown.
    pub fn of(pod: &PodSpecView<'a>) -> Option<HostMounts<'a>> {
        let mut volumes = Vec::new();
        let mut paths = Vec::new();
        for v in pod.volumes() {
            let Some(name) = v.get("name").and_then(|n| n.str()) else { continue };
            let Some(hp) = v.get("hostPath") else { continue };
            let Some((key, value)) = hp.entry("path") else { continue };
            let Some(path) = value.str().and_then(normalize) else { continue };
            let kind = hp.get("type").and_then(|t| t.str());
            volumes.push(HostPathVolume { name, path_span: key.span().cover(value.span()), kind });
            paths.push(path);
        }
        if volumes.is_empty() {
            return None;
        }
        let containers = pod.containers();
        let mut mounts = Vec::new();
        for (ci, c) in containers.iter().enumerate() {
            for mount in c.list("volumeMounts") {
                let Some(name) = mount.get("name").and_then(|n| n.str()) else { continue };
                let Some(vi) = volumes.iter().position(|v| v.name == name) else { continue };
                let Some(host) = target(&paths[vi], mount) else { continue };
                mounts.push(HostMount { container: ci, volume: vi, mount, host });
            }
        }
        Some(HostMounts { containers, volumes, mounts })
    }

    /// The mounts `keep` selects, grouped by volume and host path, in source order: one finding
    /// per group, naming every container in it.
    pub fn grouped(&self, keep: impl Fn(&HostMount<'a>) -> bool) -> Vec<Vec<&HostMount<'a>>> {
        let mut groups: Vec<Vec<&HostMount<'a>>> = Vec::new();
        for m in self.mounts.iter().filter(|m| keep(m)) {
            match groups.iter_mut().find(|g| g[0].volume == m.volume && g[0].host == m.host) {
                Some(g) => g.push(m),
                None => groups.push(vec![m]),
            }
        }
        groups
    }

    /// `d` with a label on each mount of `group`, naming its container.
    pub fn label_mounts(&self, mut d: Diagnostic, group: &[&HostMount<'a>]) -> Diagnostic {
        for m in group {
            let container = self.containers.get(m.container).map_or_else(String::new, |c| c.display_name());
            d = d.with_label(mount_span(m.mount), format!("mounted into {container}"));
        }
        d
    }

    /// "container `a`", "containers `a` and `b`", ... of a group, for messages.
    pub fn container_names(&self, group: &[&HostMount<'a>]) -> String {
        let mut names: Vec<String> = Vec::new();
        for m in group {
            let name = format!("`{}`", self.containers[m.container].name.unwrap_or("<unnamed>"));
            if !names.contains(&name) {
                names.push(name);
            }
        }
        match names.as_slice() {
            [one] => format!("container {one}"),
            [init @ .., last] => format!("containers {} and {last}", init.join(", ")),
            [] => String::new(),
        }
    }
}

/// Where a mount's `mountPath` is, for labels (the mount item itself when it has none).
pub fn mount_span(mount: NodeRef<'_>) -> Span {
    mount.entry("mountPath").map_or_else(|| mount.span(), |(k, v)| k.span().cover(v.span()))
}

/// The host path a mount shows: the volume's path joined with `subPath`; below it for
/// `subPathExpr`. `None` for a templated or absolute `subPath`.
fn target(volume_path: &str, mount: NodeRef<'_>) -> Option<HostPath> {
    if mount.get("subPathExpr").is_some_and(|e| !e.is_null()) {
        return Some(HostPath::Below(volume_path.to_string()));
    }
    match mount.get("subPath").filter(|s| !s.is_null()) {
        None => Some(HostPath::Exact(volume_path.to_string())),
        Some(sub) => {
            let sub = sub.str()?;
            if sub.starts_with('/') || sub.contains("{{") {
                return None;
            }
            normalize(&format!("{volume_path}/{sub}")).map(HostPath::Exact)
        }
    }
}

/// An absolute path with `//`, `.`, `..` and trailing slashes resolved lexically; `None` for a
/// relative or templated one.
pub fn normalize(path: &str) -> Option<String> {
    if !path.starts_with('/') || path.contains("{{") {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

/// Directories that hold a runtime's socket.
const SOCKET_DIRS: &[(&str, &str)] = &[
    ("/run/containerd", "containerd's socket directory"),
    ("/var/run/containerd", "containerd's socket directory"),
    ("/run/k3s/containerd", "k3s containerd's socket directory"),
    ("/run/crio", "CRI-O's socket directory"),
    ("/var/run/crio", "CRI-O's socket directory"),
    ("/run/podman", "Podman's socket directory"),
    ("/var/run/podman", "Podman's socket directory"),
];

/// What a host path is when it is a container runtime's socket (or its directory).
pub fn runtime_socket(host: &HostPath) -> Option<&'static str> {
    let HostPath::Exact(path) = host else { return None };
    let file = path.rsplit('/').next().unwrap_or("");
    crate::rules::runtime_sockets::SOCKETS
        .iter()
        .find(|(name, _)| *name == file)
        .or_else(|| SOCKET_DIRS.iter().find(|(dir, _)| dir == path))
        .map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_lexically() {
        assert_eq!(normalize("/var//run/./docker.sock").as_deref(), Some("/var/run/docker.sock"));
        assert_eq!(normalize("/etc/").as_deref(), Some("/etc"));
        assert_eq!(normalize("/var/lib/../../").as_deref(), Some("/"));
        assert_eq!(normalize("relative/path"), None);
        assert_eq!(normalize("{{ .Values.dir }}/docker.sock"), None);
    }

    #[test]
    fn runtime_sockets_by_file_or_directory() {
        let exact = |p: &str| HostPath::Exact(p.into());
        assert_eq!(runtime_socket(&exact("/run/docker.sock")), Some("the Docker socket"));
        assert_eq!(runtime_socket(&exact("/run/containerd")), Some("containerd's socket directory"));
        assert_eq!(runtime_socket(&exact("/run/containerd/io.containerd.runtime.v2.task")), None);
        assert_eq!(runtime_socket(&exact("/var/run/docker.sock.bak")), None);
        assert_eq!(runtime_socket(&HostPath::Below("/var/run".into())), None);
    }
}
