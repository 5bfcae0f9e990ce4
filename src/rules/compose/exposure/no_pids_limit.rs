//! DC503 (opt-in): a service without a limit on its number of processes.

use super::limits::Resource;
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct NoPidsLimit;

const PIDS: Resource = Resource { deploy_key: "pids", service_keys: &["pids_limit"] };

impl Rule for NoPidsLimit {
    fn code(&self) -> &'static str {
        "DC503"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for svc in &file.services {
            let Some(d) = PIDS.check(cx, svc, "process (PID)") else { continue };
            let d = d.with_help(
                "set `pids_limit` (e.g. `200`) or `deploy.resources.limits.pids`, well above what the service \
                 runs: without one, a fork bomb in the container exhausts the host's process table",
            );
            cx.emit(super::at_service(svc, d));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::lint_as;

    #[test]
    fn pids_limit_or_deploy_limit() {
        let src = concat!(
            "services:\n  a:\n    image: x\n  b:\n    pids_limit: 100\n",
            "  c:\n    deploy: {resources: {limits: {pids: 200}}}\n  d:\n    pids_limit: -1\n",
        );
        let d = lint_as("DC503", "compose.yaml", src, Options::default());
        let spans: Vec<&str> = d.iter().map(|d| d.span.slice(src)).collect();
        assert_eq!(spans, ["a", "-1"]);
        assert_eq!(d[1].message, "service `d` sets its process (PID) limit to `-1`, which means no limit");
    }
}
