//! DC113: a service opts out of user-namespace remapping (`userns_mode: host`).

use super::host_namespace::host_namespace_rule;

host_namespace_rule!(
    HostUserns,
    "DC113",
    "userns_mode",
    "the host's user namespace",
    "remove `userns_mode: host` so the daemon's user-namespace remapping applies"
);
