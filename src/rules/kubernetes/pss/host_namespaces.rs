//! K8S111: the pod shares the host's network, PID or IPC namespace (PSS baseline "Host
//! Namespaces").

use super::{Scope, pss_rule, true_entry};
use crate::rules::Context;

pss_rule!(HostNamespaces, "K8S111", check);

const NAMESPACES: [(&str, &str); 3] = [("hostNetwork", "network"), ("hostPID", "PID"), ("hostIPC", "IPC")];

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    for (field, namespace) in NAMESPACES {
        if let Some(at) = true_entry(Some(s.pod.spec), field) {
            let msg = format!("{} shares the host's {namespace} namespace (`{field}: true`)", s.pod_who());
            s.emit(cx, at, msg, &format!("remove `{field}: true` (the default is false)"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn one_finding_per_namespace() {
        let src = pod("hostNetwork: true\nhostPID: false\nhostIPC: on\ncontainers:\n- name: a\n");
        assert_eq!(k8s_spans("K8S111", &src), ["hostNetwork: true", "hostIPC: on"]);
        // A field of a container or a templated value is not the pod's.
        let src = pod("hostNetwork: \"{{ .Values.host }}\"\ncontainers:\n- name: a\n  hostPID: true\n");
        assert!(k8s_spans("K8S111", &src).is_empty());
    }
}
