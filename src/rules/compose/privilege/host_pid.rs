//! DC111: a service shares the host's process namespace (`pid: host`).

use super::host_namespace::host_namespace_rule;

host_namespace_rule!(
    HostPid,
    "DC111",
    "pid",
    "the host's process namespace",
    "remove `pid: host`; to see another service's processes, use `pid: \"service:<name>\"`"
);
