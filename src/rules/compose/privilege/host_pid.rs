//! DC111: a service shares the host's process namespace (`pid: host`).

use super::host_namespace::{HostNamespace, report};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct HostPid;

static NAMESPACE: HostNamespace = HostNamespace {
    key: "pid",
    shares: "the host's process namespace",
    help: "remove `pid: host`; to see another service's processes, use `pid: \"service:<name>\"`",
};

impl Rule for HostPid {
    fn code(&self) -> &'static str {
        "DC111"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        report(cx, file, &NAMESPACE);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reports_only_a_literal_host() {
        super::super::host_namespace::check("DC111", "pid");
    }
}
