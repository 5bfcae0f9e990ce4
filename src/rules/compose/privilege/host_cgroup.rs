//! DC114: a service shares the host's cgroup namespace (`cgroup: host`).

use super::host_namespace::host_namespace_rule;

host_namespace_rule!(
    HostCgroup,
    "DC114",
    "cgroup",
    "the host's cgroup namespace",
    "remove `cgroup: host` (or set `cgroup: private`)"
);
