//! DC114: a service shares the host's cgroup namespace (`cgroup: host`).

use super::host_namespace::{HostNamespace, report};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct HostCgroup;

static NAMESPACE: HostNamespace = HostNamespace {
    key: "cgroup",
    shares: "the host's cgroup namespace",
    help: "remove `cgroup: host` (or set `cgroup: private`)",
};

impl Rule for HostCgroup {
    fn code(&self) -> &'static str {
        "DC114"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        report(cx, file, &NAMESPACE);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reports_only_a_literal_host() {
        super::super::host_namespace::check("DC114", "cgroup");
    }
}
