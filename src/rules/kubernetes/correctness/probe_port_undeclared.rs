//! K8S513: a probe targets a port number the container does not declare, while it declares
//! others (opt-in). The probe works (`containerPort` is informational), so this only catches
//! typos; health ports are often left undeclared on purpose.

use super::probe_ports::{Target, probe_ports};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct ProbePortUndeclared;

impl Rule for ProbePortUndeclared {
    fn code(&self) -> &'static str {
        "K8S513"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        for p in probe_ports(object) {
            let Target::Number(n) = p.target else { continue };
            if p.numbers.is_empty() || p.numbers.contains(&n) {
                continue;
            }
            let declared: Vec<String> = p.numbers.iter().map(i64::to_string).collect();
            let msg = format!("{} targets port {n}, which the container does not declare", p.who);
            let help = format!(
                "the container declares {}: point the probe at one of them, or add {n} to `ports` if the process \
                 serves it",
                declared.join(", ")
            );
            let d = cx.diag(p.node.span(), msg).with_help(help);
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn only_when_the_container_declares_other_numbers() {
        let src = pod(
            "containers:\n- name: a\n  ports: [{name: http, containerPort: 8080}]\n  livenessProbe:\n    httpGet: {port: 8081}\n  readinessProbe:\n    tcpSocket: {port: \"8080\"}\n- name: b\n  livenessProbe:\n    httpGet: {port: 8081}\n",
        );
        assert_eq!(k8s_spans("K8S513", &src), ["8081"]);
    }
}
