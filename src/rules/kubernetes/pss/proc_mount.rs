//! K8S118: a container with unmasked /proc (PSS baseline "/proc Mount Type"); from v1.35 pods
//! in their own user namespace (`hostUsers: false`) are exempt.

use super::{Scope, non_default_proc_mounts, pss_rule};
use crate::rules::Context;

pss_rule!(ProcMountBaseline, "K8S118", check);

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    if s.user_namespace_exempt() {
        return;
    }
    non_default_proc_mounts(s, cx, "");
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as, pod};

    #[test]
    fn unmasked_unless_user_namespaced_from_v1_35() {
        let src = pod(
            "containers:\n- name: a\n  securityContext: {procMount: Unmasked}\n- name: b\n  securityContext: {procMount: Default}\n",
        );
        assert_eq!(k8s_spans("K8S118", &src), ["procMount: Unmasked"]);
        let userns = pod("hostUsers: false\ncontainers:\n- name: a\n  securityContext: {procMount: Unmasked}\n");
        assert!(k8s_spans("K8S118", &userns).is_empty());
        let mut options = Options::default();
        options.kubernetes.pss_version = Some("v1.34".into());
        assert_eq!(lint_as("K8S118", "m.yaml", &userns, options).len(), 1);
    }
}
