//! DC410: a service mounts a container runtime's socket (Docker, containerd, CRI-O, Podman) or
//! the Docker Engine's named pipe.

use super::mounts::{self, runtime_socket};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct RuntimeSocketMounted;

impl Rule for RuntimeSocketMounted {
    fn code(&self) -> &'static str {
        "DC410"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        mounts::report(cx, file, |svc, m| {
            let what = runtime_socket(&m.host)?;
            let ro = if m.read_only { ", read-only, which does not limit the API" } else { "" };
            let message = format!(
                "service `{}` mounts {what} (`{}`{ro}): control of the runtime, and root on the host",
                svc.name,
                m.host.display()
            );
            Some((
                message,
                "remove the mount; if the service must talk to Docker, give it a socket proxy that allows only the \
                 API calls it needs (e.g. read-only container listing), or run it rootless",
            ))
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{compose_spans, lint_as};

    fn spans(src: &str) -> Vec<String> {
        compose_spans("DC410", src)
    }

    #[test]
    fn sockets_in_short_and_long_syntax_read_only_included() {
        let src = concat!(
            "services:\n  agent:\n    volumes:\n",
            "      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
            "      - \"/run/containerd/containerd.sock:/run/containerd/containerd.sock\"\n",
            "      - ${XDG_RUNTIME_DIR}/podman/podman.sock:/var/run/docker.sock\n",
            "      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n        read_only: true\n",
            "      - {type: npipe, source: \\\\.\\pipe\\docker_engine, target: \\\\.\\pipe\\docker_engine}\n",
            "      - /var/run/crio:/var/run/crio\n",
            "      - ${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock\n",
        );
        assert_eq!(
            spans(src),
            [
                "/var/run/docker.sock:/var/run/docker.sock:ro",
                "\"/run/containerd/containerd.sock:/run/containerd/containerd.sock\"",
                "${XDG_RUNTIME_DIR}/podman/podman.sock:/var/run/docker.sock",
                "/run/docker.sock",
                "\\\\.\\pipe\\docker_engine",
                "/var/run/crio:/var/run/crio",
                "${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock",
            ]
        );
        let d = lint_as("DC410", "compose.yaml", src, Options::default());
        assert_eq!(
            d[0].message,
            "service `agent` mounts the Docker socket (`/var/run/docker.sock`, read-only, which does not limit \
             the API): control of the runtime, and root on the host"
        );
    }

    #[test]
    fn other_paths_and_unknown_sources_are_silent() {
        let src = concat!(
            "services:\n  a:\n    volumes:\n      - ./docker:/docker\n      - /var/run/docker.sock.d:/x\n",
            "      - ${DOCKER_SOCK}:/var/run/docker.sock\n      - docker.sock:/x\n",
            "    environment:\n      DOCKER_HOST: unix:///var/run/docker.sock\n",
            "x-agent:\n  volumes:\n    - /var/run/docker.sock:/var/run/docker.sock\n",
            "volumes:\n  docker.sock: {}\n",
        );
        assert!(spans(src).is_empty(), "{:?}", spans(src));
    }

    #[test]
    fn named_volume_bound_to_the_socket() {
        let src = concat!(
            "services:\n  a:\n    volumes: [\"sock:/var/run/docker.sock\"]\n",
            "volumes:\n  sock:\n    driver_opts: {type: none, o: bind, device: /var/run/docker.sock}\n",
        );
        let d = lint_as("DC410", "compose.yaml", src, Options::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].labels[0].span.slice(src), "/var/run/docker.sock");
    }
}
