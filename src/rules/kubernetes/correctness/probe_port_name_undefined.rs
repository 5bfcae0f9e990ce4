//! K8S512: a probe names a port its container does not declare. The kubelet resolves a named
//! probe port among the container's own `ports` only, so the probe fails every time.

use super::probe_ports::{Target, probe_ports};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct ProbePortNameUndefined;

impl Rule for ProbePortNameUndefined {
    fn code(&self) -> &'static str {
        "K8S512"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        for p in probe_ports(object) {
            let Target::Name(name) = p.target else { continue };
            if p.names.contains(&name) {
                continue;
            }
            let msg =
                format!("{} targets the port `{name}`, which the container does not name, so it always fails", p.who);
            let help = if p.names.is_empty() {
                format!(
                    "name the port in the container's `ports` (`- {{name: {name}, containerPort: ...}}`), or use its number"
                )
            } else {
                let names: Vec<String> = p.names.iter().map(|n| format!("`{n}`")).collect();
                format!("the container's ports are named {}: fix the name, or use the number", names.join(", "))
            };
            let d = cx.diag(p.node.span(), msg).with_help(help);
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn names_resolve_in_the_same_container_only() {
        let src = pod(
            "initContainers:\n- name: sidecar\n  restartPolicy: Always\n  ports: [{name: admin, containerPort: 9000}]\ncontainers:\n- name: a\n  ports:\n  - {name: http, containerPort: 8080}\n  livenessProbe:\n    httpGet: {path: /, port: htp}\n  readinessProbe:\n    tcpSocket: {port: admin}\n  startupProbe:\n    httpGet: {port: http}\n",
        );
        assert_eq!(k8s_spans("K8S512", &src), ["htp", "admin"]);
    }

    #[test]
    fn numbers_numeric_strings_and_templates_are_not_names() {
        let src = pod(
            "containers:\n- name: a\n  livenessProbe:\n    httpGet: {port: 8080}\n  readinessProbe:\n    httpGet: {port: \"9090\"}\n  startupProbe:\n    grpc: {port: \"{{ .Values.port }}\"}\n",
        );
        assert!(k8s_spans("K8S512", &src).is_empty());
    }
}
