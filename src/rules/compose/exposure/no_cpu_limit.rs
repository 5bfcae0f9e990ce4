//! DC502 (opt-in): a service without a CPU limit.

use super::limits::Resource;
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct NoCpuLimit;

const CPU: Resource = Resource { deploy_key: "cpus", service_keys: &["cpus", "cpu_quota"] };

impl Rule for NoCpuLimit {
    fn code(&self) -> &'static str {
        "DC502"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for svc in &file.services {
            let Some(d) = CPU.check(cx, svc, "CPU") else { continue };
            let d = d.with_help(
                "set `deploy.resources.limits.cpus` (e.g. `'0.50'`) or `cpus`: without one, a busy or compromised \
                 service (a cryptominer) takes every core the host has",
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
    fn cpus_cpu_quota_or_deploy_limit() {
        let src = concat!(
            "services:\n  a:\n    cpu_shares: 512\n  b:\n    cpus: 0.5\n  c:\n    cpu_quota: 50000\n",
            "  d:\n    deploy: {resources: {limits: {cpus: '1.5'}}}\n  e:\n    cpus: ${CPUS}\n",
            "  f:\n    cpus: 0\n  g:\n    extends: b\n",
        );
        let d = lint_as("DC502", "compose.yaml", src, Options::default());
        let spans: Vec<&str> = d.iter().map(|d| d.span.slice(src)).collect();
        assert_eq!(spans, ["a", "0"]);
        assert_eq!(d[0].message, "service `a` has no CPU limit (`deploy.resources.limits.cpus` or `cpus`/`cpu_quota`)");
    }
}
