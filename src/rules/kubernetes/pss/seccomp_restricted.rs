//! K8S126: a container without a RuntimeDefault or Localhost seccomp profile, on itself or on
//! the pod (PSS restricted "Seccomp", v1.19+; Windows pods exempt from v1.25). Where K8S119 runs,
//! explicitly forbidden types are left to it.

use super::{Profile, Scope, missing_at, profile, pss_rule};
use crate::rules::Context;

pss_rule!(SeccompRestricted, "K8S126", check);

const HELP: &str =
    "set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or `Localhost` with a profile)";

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    if s.windows_exempt() {
        return;
    }
    let report_forbidden = !s.overlap_reported(cx);
    let forbidden = |s: &Scope<'_, '_>, cx: &mut Context<'_>, owner: String, at, t: &str| {
        if report_forbidden {
            let set = if t.is_empty() {
                "`seccompProfile` without a type".to_string()
            } else {
                format!("`seccompProfile.type: {t}`")
            };
            s.emit(cx, at, format!("{owner} sets {set}; only RuntimeDefault and Localhost are allowed"), HELP);
        }
    };
    let pod = s.pod.security_context().map_or(Profile::Unset, |sc| profile(sc, "seccompProfile"));
    if let Profile::Forbidden(at, t) = pod {
        forbidden(s, cx, s.pod_who(), at, t);
    }
    for c in s.pod.containers() {
        match c.security_context.map_or(Profile::Unset, |sc| profile(sc, "seccompProfile")) {
            Profile::Forbidden(at, t) => forbidden(s, cx, s.who(&c), at, t),
            // A container without its own profile needs the pod's; a forbidden pod profile is
            // reported once, at the pod.
            Profile::Unset if matches!(pod, Profile::Unset) => {
                let msg = format!("{} has no seccomp profile, nor does the pod", s.who(&c));
                s.emit(cx, missing_at(&c), msg, HELP);
            }
            Profile::Unset | Profile::Allowed | Profile::Unknown => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn pod_or_every_container() {
        let src = pod(
            "containers:\n- name: a\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}\ninitContainers:\n- name: i\n",
        );
        assert_eq!(k8s_spans("K8S126", &src), ["i"]);
        let src = pod(
            "securityContext:\n  seccompProfile: {type: Localhost, localhostProfile: p.json}\ncontainers:\n- name: a\n",
        );
        assert!(k8s_spans("K8S126", &src).is_empty());
        // Alone, the rule reports forbidden types itself (with K8S119 selected it leaves them).
        let src = pod("securityContext:\n  seccompProfile: {type: Unconfined}\ncontainers:\n- name: a\n");
        assert_eq!(k8s_spans("K8S126", &src), ["type: Unconfined"]);
    }
}
