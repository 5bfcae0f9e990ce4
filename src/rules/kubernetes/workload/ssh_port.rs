//! K8S402: a container exposes port 22/TCP, SSH's port.

use super::ports::ports;
use super::security_context::who;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct SshPort;

impl Rule for SshPort {
    fn code(&self) -> &'static str {
        "K8S402"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        for c in pod.containers() {
            for p in ports(&c).filter(|p| p.number == 22 && p.protocol.is_some_and(|t| t.eq_ignore_ascii_case("TCP"))) {
                let d = cx.diag(p.span, format!("{} exposes port 22, SSH's port", who(&c, object))).with_help(
                    "reach containers with `kubectl exec` or `kubectl debug` instead of an SSH server; if \
                         this is a vetted SSH service (a git server, a bastion), suppress this finding with the reason",
                );
                cx.emit(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn tcp_22_only() {
        let src = pod(concat!(
            "containers:\n- name: a\n  ports:\n  - containerPort: 22\n  - containerPort: 22\n    protocol: UDP\n",
            "  - containerPort: 2222\n    name: ssh\n- name: b\n  ports:\n  - {containerPort: 22, protocol: TCP}\n",
        ));
        assert_eq!(k8s_spans("K8S402", &src), ["containerPort: 22", "containerPort: 22"]);
    }
}
