//! K8S110: a Windows HostProcess pod or container (PSS baseline "HostProcess").

use super::{Scope, pss_rule, true_entry};
use crate::rules::Context;

pss_rule!(WindowsHostProcess, "K8S110", check);

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    for (c, sc) in s.security_contexts() {
        if let Some(at) = true_entry(sc.get("windowsOptions"), "hostProcess") {
            let msg = format!(
                "{} sets `windowsOptions.hostProcess: true`: a HostProcess container has full access to the Windows node",
                s.owner(c.as_ref())
            );
            s.emit(
                cx,
                at,
                msg,
                "remove `hostProcess: true`; node agents that need it belong in a privileged namespace",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn pod_and_container_level() {
        let src = pod(
            "securityContext:\n  windowsOptions:\n    hostProcess: true\ncontainers:\n- name: a\n  securityContext:\n    windowsOptions: {hostProcess: yes}\n- name: b\n  securityContext:\n    windowsOptions: {hostProcess: false}\n",
        );
        assert_eq!(k8s_spans("K8S110", &src), ["hostProcess: true", "hostProcess: yes"]);
        // A quoted "true" is a string, not a boolean: the API rejects it, and it is not guessed.
        let src = pod("containers:\n- name: a\n  securityContext:\n    windowsOptions: {hostProcess: \"true\"}\n");
        assert!(k8s_spans("K8S110", &src).is_empty());
    }
}
