//! DC501: a service without a memory limit.

use super::limits::Resource;
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct NoMemoryLimit;

const MEMORY: Resource = Resource { deploy_key: "memory", service_keys: &["mem_limit"] };

impl Rule for NoMemoryLimit {
    fn code(&self) -> &'static str {
        "DC501"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for svc in &file.services {
            let Some(d) = MEMORY.check(cx, svc, "memory") else { continue };
            let d = d.with_help(
                "set `deploy.resources.limits.memory` (e.g. `512M`; `docker compose up` honours it without Swarm) \
                 or `mem_limit`, above what the service uses at peak: without one, a leak or a flood of requests \
                 ends in the host's OOM killer, which may pick another container or the Docker daemon",
            );
            cx.emit(super::at_service(svc, d));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{compose_spans, lint_as};

    fn spans(src: &str) -> Vec<String> {
        compose_spans("DC501", src)
    }

    #[test]
    fn either_key_sets_a_limit() {
        let src = concat!(
            "services:\n  a:\n    image: x\n",
            "  b:\n    mem_limit: 512m\n",
            "  c:\n    deploy:\n      resources:\n        limits: {memory: 1G}\n",
            "  d:\n    mem_limit: ${MEM:-512m}\n",
            "  e:\n    deploy:\n      resources:\n        reservations: {memory: 1G}\n",
            "  f:\n    mem_limit: 0\n",
            "x-defaults:\n  image: y\n",
        );
        assert_eq!(spans(src), ["a", "e", "0"]);
        let d = lint_as("DC501", "compose.yaml", src, Options::default());
        assert_eq!(d[0].message, "service `a` has no memory limit (`deploy.resources.limits.memory` or `mem_limit`)");
        assert_eq!(d[2].message, "service `f` sets its memory limit to `0`, which means no limit");
    }

    #[test]
    fn limits_through_extends_and_merge_keys() {
        let src = concat!(
            "x-limits: &limits\n  mem_limit: 256m\n",
            "services:\n  base:\n    mem_limit: 1g\n",
            "  child:\n    extends: base\n  grandchild:\n    extends: {service: child}\n",
            "  merged:\n    <<: *limits\n",
            "  remote:\n    extends: {file: common.yaml, service: web}\n",
            "  orphan:\n    extends: missing\n",
            "  cycle1:\n    extends: cycle2\n  cycle2:\n    extends: cycle1\n",
        );
        assert!(spans(src).is_empty(), "{:?}", spans(src));
    }
}
