//! DC110: a service uses the host's network stack (`network_mode: host`).

use super::host_namespace::host_namespace_rule;

host_namespace_rule!(
    HostNetwork,
    "DC110",
    "network_mode",
    "the host's network stack",
    "remove `network_mode: host` and publish the ports the service serves with `ports:`"
);
