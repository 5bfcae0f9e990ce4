//! K8S124: a pod or container without `runAsNonRoot: true` (PSS restricted "Running as
//! Non-root"; exact PSS semantics, off by default: K8S101 run-as-root is the practical check).
//! From v1.35 pods with `hostUsers: false` are exempt.

use super::{Scope, missing_at, pair, pss_rule};
use crate::rules::Context;

pss_rule!(RunAsNonRoot, "K8S124", check);

const HELP: &str = "set `runAsNonRoot: true` in the pod's securityContext (or in every container's)";

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    if s.user_namespace_exempt() {
        return;
    }
    let pod = s.pod.security_context().and_then(|sc| sc.entry("runAsNonRoot")).filter(|(_, v)| !v.is_null());
    let pod_value = pod.map(|(_, v)| v.as_bool());
    if let Some((key, value)) = pod
        && value.as_bool() == Some(false)
    {
        let msg = format!("{} sets `runAsNonRoot: false` for every container", s.pod_who());
        s.emit(cx, pair(key, value), msg, HELP);
    }
    for c in s.pod.containers() {
        match c.security_field("runAsNonRoot") {
            Some((key, value)) if value.as_bool() == Some(false) => {
                let msg = format!("{} sets `runAsNonRoot: false`", s.who(&c));
                s.emit(cx, pair(key, value), msg, HELP);
            }
            Some(_) => {}
            // Only an unset pod-level value leaves the container without one: a false one is
            // reported above, an unknown one is not guessed.
            None if pod_value.is_none() => {
                let msg = format!("{} does not set `runAsNonRoot: true`, nor does the pod", s.who(&c));
                s.emit(cx, missing_at(&c), msg, HELP);
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as, pod};

    #[test]
    fn explicit_values_and_missing_ones() {
        let src = pod(
            "containers:\n- name: a\n- name: b\n  securityContext:\n    runAsNonRoot: false\n- name: c\n  securityContext:\n    runAsNonRoot: true\n",
        );
        assert_eq!(k8s_spans("K8S124", &src), ["a", "runAsNonRoot: false"]);
        // A pod-level false is one finding even when every container sets true (upstream rejects it).
        let src = pod(
            "securityContext:\n  runAsNonRoot: false\ncontainers:\n- name: a\n  securityContext: {runAsNonRoot: true}\n- name: b\n",
        );
        assert_eq!(k8s_spans("K8S124", &src), ["runAsNonRoot: false"]);
        // runAsUser above 0 is not enough for PSS (unlike K8S101).
        let src = pod("securityContext:\n  runAsUser: 1000\ncontainers:\n- name: a\n");
        assert_eq!(k8s_spans("K8S124", &src), ["a"]);
        assert!(
            k8s_spans("K8S124", &pod("securityContext:\n  runAsNonRoot: true\ncontainers:\n- name: a\n")).is_empty()
        );
    }

    #[test]
    fn user_namespaces_from_v1_35() {
        let src = pod("hostUsers: false\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S124", &src).is_empty());
        let mut options = Options::default();
        options.kubernetes.pss_version = Some("v1.34".into());
        assert_eq!(lint_as("K8S124", "m.yaml", &src, options).len(), 1);
    }
}
