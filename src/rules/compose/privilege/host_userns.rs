//! DC113: a service opts out of user-namespace remapping (`userns_mode: host`).

use super::host_namespace::{HostNamespace, report};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct HostUserns;

static NAMESPACE: HostNamespace = HostNamespace {
    key: "userns_mode",
    shares: "the host's user namespace",
    help: "remove `userns_mode: host` so the daemon's user-namespace remapping applies",
};

impl Rule for HostUserns {
    fn code(&self) -> &'static str {
        "DC113"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        report(cx, file, &NAMESPACE);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reports_only_a_literal_host() {
        super::super::host_namespace::check("DC113", "userns_mode");
    }
}
