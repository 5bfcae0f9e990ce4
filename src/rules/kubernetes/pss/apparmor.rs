//! K8S116: an AppArmor profile other than the runtime default or a node-local one (PSS baseline
//! "AppArmor"): the annotations on the pod's metadata and the `appArmorProfile` fields.

use super::versions::allowed_apparmor_annotation;
use super::{Scope, known_str, pair, pss_rule, report_forbidden_profiles};
use crate::rules::Context;

pss_rule!(AppArmor, "K8S116", check);

const ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

const HELP: &str = "use the `RuntimeDefault` or a `Localhost` profile (annotation values `runtime/default` or \
                    `localhost/<profile>`), or leave it unset";

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    let annotations = s.pod.metadata.and_then(|m| m.get("annotations"));
    for (key, value) in annotations.into_iter().flat_map(|a| a.entries()) {
        let Some(k) = known_str(key).filter(|k| k.starts_with(ANNOTATION_PREFIX)) else { continue };
        let Some(v) = known_str(value).filter(|v| !allowed_apparmor_annotation(v)) else { continue };
        let msg = format!("{} sets the AppArmor annotation `{k}: {v}`", s.pod_who());
        s.emit(cx, pair(key, value), msg, HELP);
    }
    report_forbidden_profiles(s, cx, "appArmorProfile", HELP);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    #[test]
    fn annotations_on_the_pod_and_profile_fields() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/a: unconfined\n    container.apparmor.security.beta.kubernetes.io/b: localhost/mine\n    container.apparmor.security.beta.kubernetes.io/c: runtime/default\nspec:\n  securityContext:\n    appArmorProfile: {type: Unconfined}\n  containers:\n  - name: a\n    securityContext:\n      appArmorProfile: {}\n  - name: b\n    securityContext:\n      appArmorProfile:\n        type: Localhost\n        localhostProfile: mine\n";
        assert_eq!(
            k8s_spans("K8S116", src),
            ["container.apparmor.security.beta.kubernetes.io/a: unconfined", "type: Unconfined", "appArmorProfile"]
        );
        // On a Deployment, annotations count on the pod template, not on the Deployment itself.
        let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/a: unconfined\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n";
        assert!(k8s_spans("K8S116", src).is_empty());
    }
}
