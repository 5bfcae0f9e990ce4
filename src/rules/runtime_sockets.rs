//! What the Kubernetes and Compose mount rules know about container runtimes' sockets.

/// Socket file names of container runtimes, and what they are.
pub const SOCKETS: &[(&str, &str)] = &[
    ("docker.sock", "the Docker socket"),
    ("containerd.sock", "the containerd socket"),
    ("crio.sock", "the CRI-O socket"),
    ("podman.sock", "the Podman socket"),
    ("cri-dockerd.sock", "the cri-dockerd socket"),
    ("dockershim.sock", "the dockershim socket"),
];
