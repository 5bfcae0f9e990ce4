//! K8S113: a container adds a capability outside the runtime's default set (PSS baseline
//! "Capabilities").

use super::versions::BASELINE_CAPABILITIES;
use super::{Scope, known_str, pss_rule};
use crate::rules::Context;

pss_rule!(NonDefaultCapabilities, "K8S113", check);

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    for c in s.pod.containers() {
        for item in c.capabilities("add") {
            let Some(cap) = known_str(item) else { continue };
            if BASELINE_CAPABILITIES.contains(&cap) {
                continue;
            }
            let msg = format!("{} adds capability `{cap}`, which is not in the default set", s.who(&c));
            let help = "remove it from `capabilities.add`; the baseline level allows only AUDIT_WRITE, CHOWN, \
                        DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, \
                        SETUID and SYS_CHROOT, spelt so (no `CAP_` prefix)";
            s.emit(cx, item.span(), msg, help);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn points_at_each_non_default_item() {
        let src = pod(
            "containers:\n- name: a\n  securityContext:\n    capabilities:\n      add: [CHOWN, SYS_ADMIN, NET_RAW]\n      drop: [SYS_TIME]\n",
        );
        assert_eq!(k8s_spans("K8S113", &src), ["SYS_ADMIN", "NET_RAW"]);
        // Dropping is fine; upstream compares names exactly, so `CAP_CHOWN` is not `CHOWN`.
        let src = pod("containers:\n- name: a\n  securityContext:\n    capabilities:\n      add: [CAP_CHOWN]\n");
        assert_eq!(k8s_spans("K8S113", &src), ["CAP_CHOWN"]);
        let src =
            pod("containers:\n- name: a\n  securityContext:\n    capabilities:\n      add: [\"{{ .Values.cap }}\"]\n");
        assert!(k8s_spans("K8S113", &src).is_empty());
    }
}
