//! K8S121: a probe or lifecycle handler aimed at another host (PSS baseline "Probes / Lifecycle
//! Hooks", v1.34+): the kubelet would connect from the node to that address.

use super::{Scope, known_str, pair, pss_rule};
use crate::rules::Context;

pss_rule!(HostProbes, "K8S121", check);

const HANDLERS: [&[&str]; 5] = [
    &["livenessProbe"],
    &["readinessProbe"],
    &["startupProbe"],
    &["lifecycle", "postStart"],
    &["lifecycle", "preStop"],
];

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    for c in s.pod.containers() {
        for path in HANDLERS {
            let Some(handler) = c.node.path(path) else { continue };
            for action in ["httpGet", "tcpSocket"] {
                let Some((k, v)) = handler.get(action).and_then(|a| a.entry("host")) else { continue };
                let Some(host) = known_str(v).filter(|h| !h.is_empty()) else { continue };
                let msg = format!("{} points its {} at host `{host}`", s.who(&c), path.join("."));
                let help = format!("remove `{action}.host`: the handler then targets the pod's own IP");
                s.emit(cx, pair(k, v), msg, &help);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as, pod};

    #[test]
    fn probes_and_lifecycle_handlers_from_v1_34() {
        let src = pod(
            "containers:\n- name: a\n  livenessProbe:\n    httpGet: {host: 10.0.0.1, port: 80}\n  readinessProbe:\n    tcpSocket: {port: 80, host: \"\"}\n  lifecycle:\n    preStop:\n      httpGet:\n        host: metadata.internal\n        port: 80\n",
        );
        assert_eq!(k8s_spans("K8S121", &src), ["host: 10.0.0.1", "host: metadata.internal"]);
        let mut options = Options::default();
        options.kubernetes.pss_version = Some("v1.33".into());
        assert!(lint_as("K8S121", "m.yaml", &src, options).is_empty());
    }
}
