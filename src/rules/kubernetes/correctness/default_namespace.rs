//! K8S705: an object lands in the `default` namespace: it says `namespace: default`, or says
//! nothing and `[kubernetes] default-namespace` does not name another one (opt-in).

use crate::model::kubernetes::{Object, is_templated};
use crate::rules::{Context, Rule};

pub struct DefaultNamespace;

/// Built-in namespaced kinds: only these are known to land in a namespace when none is written
/// (a custom kind may be cluster-scoped).
const NAMESPACED: &[&str] = &[
    "Pod",
    "PodTemplate",
    "ReplicationController",
    "Service",
    "Endpoints",
    "ConfigMap",
    "Secret",
    "ServiceAccount",
    "PersistentVolumeClaim",
    "LimitRange",
    "ResourceQuota",
    "Deployment",
    "ReplicaSet",
    "StatefulSet",
    "DaemonSet",
    "ControllerRevision",
    "Job",
    "CronJob",
    "Ingress",
    "NetworkPolicy",
    "PodDisruptionBudget",
    "HorizontalPodAutoscaler",
    "Role",
    "RoleBinding",
    "Lease",
    "EndpointSlice",
    "CSIStorageCapacity",
];

/// The API groups of the built-in kinds; a kind of any other group is a custom resource.
const BUILT_IN_GROUPS: &[&str] = &[
    "",
    "apps",
    "batch",
    "extensions",
    "networking.k8s.io",
    "policy",
    "autoscaling",
    "rbac.authorization.k8s.io",
    "coordination.k8s.io",
    "discovery.k8s.io",
    "storage.k8s.io",
];

/// The objects Kubernetes itself keeps in `default`.
fn built_in(object: &Object<'_>) -> bool {
    matches!(
        (object.kind, object.name),
        ("ServiceAccount", Some("default")) | ("Service" | "Endpoints", Some("kubernetes"))
    )
}

impl Rule for DefaultNamespace {
    fn code(&self) -> &'static str {
        "K8S705"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let built_in_kind = BUILT_IN_GROUPS.contains(&object.group());
        let namespaced = built_in_kind && NAMESPACED.contains(&object.kind);
        if built_in(object) || (built_in_kind && !namespaced) {
            return;
        }
        let written = object.metadata.and_then(|m| m.entry("namespace")).filter(|(_, v)| !v.is_null());
        let d = match written {
            // A custom kind may be cluster-scoped: only what it says is judged.
            None if !namespaced => return,
            Some((key, value)) => {
                let Some(ns) = value.str().filter(|s| !is_templated(s)) else { return };
                if ns != "default" {
                    return;
                }
                let msg = format!("{} is in the `default` namespace", object.display_name());
                cx.diag(key.span().cover(value.span()), msg)
            }
            None => {
                let configured = cx.settings.options.kubernetes.default_namespace.as_deref();
                if configured.is_some_and(|n| n != "default") {
                    return;
                }
                let how = match configured {
                    Some(_) => "`[kubernetes] default-namespace` is `default`",
                    None => "unless `kubectl -n` or the deploy tool sets one",
                };
                let msg = format!("{} names no namespace: it lands in `default` ({how})", object.display_name());
                cx.diag(object.anchor(), msg)
            }
        };
        let help = "give the application its own namespace (`metadata.namespace`), with its own RBAC, quotas and \
                    Pod Security labels; if your pipeline sets it, say so with `[kubernetes] default-namespace`";
        cx.emit(d.with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as};

    #[test]
    fn explicit_or_missing_namespaces_of_namespaced_kinds() {
        let src = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: c, namespace: app}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: d}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: e}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: f, namespace: default}\n";
        assert_eq!(k8s_spans("K8S705", src), ["namespace: default", "b", "namespace: default"]);
    }

    #[test]
    fn a_configured_default_namespace_places_the_rest() {
        let src = "apiVersion: v1\nkind: Secret\nmetadata: {name: b}\n";
        let mut options = Options::default();
        options.kubernetes.default_namespace = Some("shop".into());
        assert!(lint_as("K8S705", "m.yaml", src, options).is_empty());
        let src = "apiVersion: v1\nkind: Secret\nmetadata: {name: b, namespace: \"{{ .Release.Namespace }}\"}\n";
        assert!(k8s_spans("K8S705", src).is_empty());
    }
}
