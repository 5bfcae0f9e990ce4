//! K8S115: a container port bound on the node (PSS baseline "Host Ports").

use super::{Scope, pair, pss_rule};
use crate::rules::Context;

pss_rule!(HostPort, "K8S115", check);

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    for c in s.pod.containers() {
        for port in c.list("ports") {
            let Some((key, value)) = port.entry("hostPort") else { continue };
            let Some(n) = value.as_i64().filter(|&n| n != 0) else { continue };
            let msg = format!("{} binds port {n} on the node (`hostPort: {n}`)", s.who(&c));
            let help = "remove `hostPort` and reach the pod through a Service";
            s.emit(cx, pair(key, value), msg, help);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn non_zero_host_ports_only() {
        let src = pod(
            "containers:\n- name: a\n  ports:\n  - containerPort: 80\n    hostPort: 8080\n  - containerPort: 81\n    hostPort: 0\ninitContainers:\n- name: i\n  ports:\n  - {containerPort: 9, hostPort: 9000}\n",
        );
        assert_eq!(k8s_spans("K8S115", &src), ["hostPort: 8080", "hostPort: 9000"]);
        let src =
            pod("containers:\n- name: a\n  ports:\n  - containerPort: 80\n    hostPort: \"{{ .Values.port }}\"\n");
        assert!(k8s_spans("K8S115", &src).is_empty());
    }
}
