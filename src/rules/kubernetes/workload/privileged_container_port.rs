//! K8S401: a container listens on a privileged port (below 1024) (opt-in).

use super::ports::ports;
use super::security_context::who;
use crate::model::kubernetes::{Container, Object, PodSpecView};
use crate::rules::{Context, Rule};

pub struct PrivilegedContainerPort;

/// Ports below this need root or NET_BIND_SERVICE to bind, unless the pod lowers it.
const FIRST_UNPRIVILEGED: i64 = 1024;
const SYSCTL: &str = "net.ipv4.ip_unprivileged_port_start";

impl Rule for PrivilegedContainerPort {
    fn code(&self) -> &'static str {
        "K8S401"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        // Windows has no privileged ports.
        if pod.targets_windows() {
            return;
        }
        let Some(first_unprivileged) = unprivileged_port_start(&pod) else { return };
        for c in pod.containers() {
            if binds_on_purpose(&c) {
                continue;
            }
            for p in ports(&c).filter(|p| p.number > 0 && p.number < first_unprivileged) {
                let d = cx
                    .diag(
                        p.span,
                        format!(
                            "{} listens on the privileged port {}, which only root or NET_BIND_SERVICE may bind",
                            who(&c, object),
                            p.number
                        ),
                    )
                    .with_help(format!(
                        "listen on a port of {FIRST_UNPRIVILEGED} or more and map the privileged one in the Service \
                         (`port: {}`, `targetPort: 8080`)",
                        p.number
                    ));
                cx.emit(d);
            }
        }
    }
}

/// The first port anyone may bind in the pod: 1024, or what the pod's
/// `net.ipv4.ip_unprivileged_port_start` sysctl sets; `None` when that value is unreadable.
fn unprivileged_port_start(pod: &PodSpecView<'_>) -> Option<i64> {
    let sysctls = pod.security_context().and_then(|sc| sc.get("sysctls"));
    let set = sysctls.into_iter().flat_map(|s| s.items()).find(|s| s.get("name").and_then(|n| n.str()) == Some(SYSCTL));
    match set {
        None => Some(FIRST_UNPRIVILEGED),
        Some(s) => s.get("value").and_then(|v| v.str()).and_then(|v| v.trim().parse().ok()),
    }
}

/// A container that adds NET_BIND_SERVICE was given the right to bind low ports on purpose.
fn binds_on_purpose(c: &Container<'_>) -> bool {
    c.capabilities("add").filter_map(|n| n.str()).any(|n| {
        let upper = n.to_ascii_uppercase();
        upper.strip_prefix("CAP_").unwrap_or(&upper) == "NET_BIND_SERVICE"
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn ports_below_1024() {
        let src = pod(concat!(
            "containers:\n- name: a\n  ports:\n  - containerPort: 80\n  - containerPort: 8080\n  - containerPort: 1023\n    protocol: UDP\n",
            "  - containerPort: \"{{ .Values.port }}\"\n",
            "- name: b\n  ports:\n  - containerPort: 443\n  securityContext:\n    capabilities:\n      add: [NET_BIND_SERVICE]\n",
        ));
        assert_eq!(k8s_spans("K8S401", &src), ["containerPort: 80", "containerPort: 1023"]);
    }

    #[test]
    fn the_pod_may_lower_the_privileged_range() {
        let sysctl = |v: &str| {
            pod(&format!(
                "securityContext:\n  sysctls:\n  - name: net.ipv4.ip_unprivileged_port_start\n    value: \"{v}\"\ncontainers:\n- name: a\n  ports:\n  - containerPort: 80\n"
            ))
        };
        assert!(k8s_spans("K8S401", &sysctl("0")).is_empty());
        assert_eq!(k8s_spans("K8S401", &sysctl("100")), ["containerPort: 80"]);
        assert!(k8s_spans("K8S401", &sysctl("{{ .Values.start }}")).is_empty());
    }
}
