//! DC110: a service uses the host's network stack (`network_mode: host`).

use super::host_namespace::{HostNamespace, report};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct HostNetwork;

static NAMESPACE: HostNamespace = HostNamespace {
    key: "network_mode",
    shares: "the host's network stack",
    help: "remove `network_mode: host` and publish the ports the service serves with `ports:`",
};

impl Rule for HostNetwork {
    fn code(&self) -> &'static str {
        "DC110"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        report(cx, file, &NAMESPACE);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reports_only_a_literal_host() {
        super::super::host_namespace::check("DC110", "network_mode");
    }
}
