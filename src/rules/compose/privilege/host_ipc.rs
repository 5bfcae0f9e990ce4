//! DC112: a service shares the host's IPC namespace (`ipc: host`).

use super::host_namespace::{HostNamespace, report};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct HostIpc;

static NAMESPACE: HostNamespace = HostNamespace {
    key: "ipc",
    shares: "the host's IPC namespace",
    help: "remove `ipc: host`; to share memory with another service, use `ipc: \"service:<name>\"` or `shareable`",
};

impl Rule for HostIpc {
    fn code(&self) -> &'static str {
        "DC112"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        report(cx, file, &NAMESPACE);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reports_only_a_literal_host() {
        super::super::host_namespace::check("DC112", "ipc");
    }
}
