//! DC112: a service shares the host's IPC namespace (`ipc: host`).

use super::host_namespace::host_namespace_rule;

host_namespace_rule!(
    HostIpc,
    "DC112",
    "ipc",
    "the host's IPC namespace",
    "remove `ipc: host`; to share memory with another service, use `ipc: \"service:<name>\"` or `shareable`"
);
