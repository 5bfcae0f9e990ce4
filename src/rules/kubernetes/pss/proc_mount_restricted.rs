//! K8S128: a container with unmasked /proc, under the restricted level (PSS restricted "/proc
//! Mount Type", v1.35+): unlike the baseline control, pods in their own user namespace are not
//! exempt. Where K8S118 runs, this rule reports only the pods K8S118 exempts.

use super::{Scope, non_default_proc_mounts, pss_rule};
use crate::rules::Context;

pss_rule!(ProcMountRestricted, "K8S128", check);

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    if s.overlap_reported(cx) && !s.user_namespace_exempt() {
        return;
    }
    let note = if s.pod.user_namespaced() {
        " (the restricted level allows it in no pod, also with `hostUsers: false`)"
    } else {
        ""
    };
    non_default_proc_mounts(s, cx, note);
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as, pod};

    #[test]
    fn user_namespaced_pods_too() {
        let userns = pod("hostUsers: false\ncontainers:\n- name: a\n  securityContext: {procMount: Unmasked}\n");
        assert_eq!(k8s_spans("K8S128", &userns), ["procMount: Unmasked"]);
        let mut options = Options::default();
        options.kubernetes.pss_version = Some("v1.34".into());
        assert!(lint_as("K8S128", "m.yaml", &userns, options).is_empty());
    }

    #[test]
    fn leaves_the_shared_part_to_k8s118() {
        let src = pod("containers:\n- name: a\n  securityContext: {procMount: Unmasked}\n");
        assert_eq!(super::super::found_codes(&["K8S118", "K8S128"], &src), ["K8S118"]);
        assert_eq!(super::super::found_codes(&["K8S128"], &src), ["K8S128"]);
    }
}
