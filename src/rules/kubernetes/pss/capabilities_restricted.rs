//! K8S127: a container that does not drop ALL capabilities, or adds one other than
//! NET_BIND_SERVICE (PSS restricted "Capabilities", v1.22+; Windows pods exempt from v1.25).
//! Where K8S113 runs, added capabilities outside the default set are left to it.

use super::versions::{BASELINE_CAPABILITIES, RESTRICTED_ADDABLE_CAPABILITY};
use super::{Scope, known_str, missing_at, pss_rule};
use crate::rules::Context;

pss_rule!(CapabilitiesRestricted, "K8S127", check);

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    if s.windows_exempt() {
        return;
    }
    let baseline_reports_adds = s.overlap_reported(cx);
    for c in s.pod.containers() {
        let caps = c.security_context.and_then(|sc| sc.entry("capabilities")).filter(|(_, v)| !v.is_null());
        if caps.is_some_and(|(_, v)| !v.is_mapping()) {
            continue;
        }
        let drop = caps.and_then(|(_, v)| v.entry("drop")).filter(|(_, v)| !v.is_null());
        let dropped: Vec<Option<&str>> = drop.into_iter().flat_map(|(_, l)| l.items()).map(known_str).collect();
        // A templated item might be ALL: unknown.
        if !dropped.iter().any(|d| matches!(d, Some("ALL") | None)) {
            let at = drop.or(caps).map_or_else(|| missing_at(&c), |(k, _)| k.span());
            let msg = format!("{} does not drop ALL capabilities", s.who(&c));
            let help = if drop.is_some() {
                "list `ALL` in `capabilities.drop` (exactly, in capitals), and add back only NET_BIND_SERVICE if needed"
            } else {
                "set `capabilities: {drop: [ALL]}` in the container's securityContext, and add back only NET_BIND_SERVICE if needed"
            };
            s.emit(cx, at, msg, help);
        }
        for item in c.capabilities("add") {
            let Some(cap) = known_str(item).filter(|c| *c != RESTRICTED_ADDABLE_CAPABILITY) else { continue };
            if baseline_reports_adds && !BASELINE_CAPABILITIES.contains(&cap) {
                continue;
            }
            let msg = format!("{} adds capability `{cap}`; only NET_BIND_SERVICE may be added", s.who(&c));
            s.emit(cx, item.span(), msg, "remove it from `capabilities.add`");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as, pod};

    #[test]
    fn drop_all_and_add_only_net_bind_service() {
        let src = pod(
            "containers:\n- name: a\n- name: b\n  securityContext:\n    capabilities:\n      drop: [NET_RAW]\n- name: c\n  securityContext:\n    capabilities:\n      drop: [ALL]\n      add: [NET_BIND_SERVICE, CHOWN]\n- name: d\n  securityContext:\n    capabilities: {}\n",
        );
        assert_eq!(k8s_spans("K8S127", &src), ["a", "drop", "CHOWN", "capabilities"]);
        // Upstream compares exactly: lower-case `all` does not count.
        let src = pod("containers:\n- name: a\n  securityContext:\n    capabilities: {drop: [all]}\n");
        assert_eq!(k8s_spans("K8S127", &src), ["drop"]);
    }

    #[test]
    fn windows_and_older_versions() {
        let src = pod("os:\n  name: windows\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S127", &src).is_empty());
        let mut options = Options::default();
        options.kubernetes.pss_version = Some("v1.21".into());
        assert!(lint_as("K8S127", "m.yaml", &pod("containers:\n- name: a\n"), options).is_empty());
    }
}
