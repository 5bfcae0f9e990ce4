//! K8S119: seccomp explicitly disabled (PSS baseline "Seccomp"): from v1.19 a
//! `seccompProfile.type` other than RuntimeDefault or Localhost, before v1.19 the alpha
//! annotations.

use super::versions::{SECCOMP_FIELDS, allowed_seccomp_annotation};
use super::{Scope, known_str, pair, pss_rule, report_forbidden_profiles};
use crate::rules::Context;

pss_rule!(SeccompBaseline, "K8S119", check);

const POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    if s.since(SECCOMP_FIELDS) {
        let help = "set `seccompProfile.type: RuntimeDefault` (or `Localhost`), or leave it unset";
        report_forbidden_profiles(s, cx, "seccompProfile", help);
        return;
    }
    let containers = s.pod.containers();
    let keys = std::iter::once(POD_ANNOTATION.to_string())
        .chain(containers.iter().filter_map(|c| c.name).map(|n| format!("{CONTAINER_ANNOTATION_PREFIX}{n}")));
    for key in keys {
        let Some((k, v)) = s.pod.annotation(&key) else { continue };
        let Some(value) = known_str(v).filter(|v| !allowed_seccomp_annotation(v)) else { continue };
        let msg = format!("{} sets the seccomp annotation `{key}: {value}`", s.pod_who());
        let help = "set it to `runtime/default` (or `localhost/<profile>`), or remove it";
        s.emit(cx, pair(k, v), msg, help);
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as, pod};

    #[test]
    fn profile_types_from_v1_19() {
        let src = pod(
            "securityContext:\n  seccompProfile: {type: Unconfined}\ncontainers:\n- name: a\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n- name: b\n",
        );
        assert_eq!(k8s_spans("K8S119", &src), ["type: Unconfined"]);
        // Unset is allowed at the baseline level.
        assert!(k8s_spans("K8S119", &pod("containers:\n- name: a\n")).is_empty());
    }

    #[test]
    fn annotations_before_v1_19() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\n    container.seccomp.security.alpha.kubernetes.io/a: docker/default\n    container.seccomp.security.alpha.kubernetes.io/gone: unconfined\nspec:\n  containers:\n  - name: a\n";
        let mut options = Options::default();
        options.kubernetes.pss_version = Some("v1.18".into());
        let found = lint_as("K8S119", "p.yaml", src, options);
        let spans: Vec<_> = found.iter().map(|d| d.span.slice(src)).collect();
        // The annotation of a container that does not exist is not read.
        assert_eq!(spans, ["seccomp.security.alpha.kubernetes.io/pod: unconfined"]);
        // From v1.19 the annotations are no longer checked.
        assert!(k8s_spans("K8S119", src).is_empty());
    }
}
