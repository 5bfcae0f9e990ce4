//! What K8S703 and K8S704 share: the deprecated and removed built-in API versions (from the
//! Kubernetes "Deprecated API Migration Guide"), judged against `[kubernetes] version`.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::kubernetes::{KubeVersion, Object};
use crate::rules::Context;
use crate::span::Span;

/// When the replacement may be written by a fix: only where the new version reads the same
/// fields, so the edit is the `apiVersion` alone.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rewrite {
    Never,
    Always,
    /// Workloads: `apps/v1` requires `spec.selector` and dropped `rollbackTo` and
    /// `templateGeneration`; with a selector and neither field the object reads the same.
    WithSelector,
    /// PodDisruptionBudget: an empty selector matches no pods in `v1beta1` and every pod in
    /// `v1`, so only a non-empty selector keeps its meaning.
    WithNonEmptySelector,
}

struct Api {
    version: &'static str,
    kinds: &'static [&'static str],
    deprecated: u32,
    removed: Option<u32>,
    /// The API version to use instead, and the minor release it is served from.
    replacement: Option<(&'static str, u32)>,
    rewrite: Rewrite,
    /// What changes beyond the `apiVersion`, for the help.
    note: &'static str,
}

const WORKLOADS: &[&str] = &["Deployment", "DaemonSet", "ReplicaSet", "StatefulSet", "ControllerRevision"];
const WORKLOAD_NOTE: &str = "it requires `spec.selector` and drops `spec.rollbackTo` and \
    `spec.templateGeneration`; the defaults of `revisionHistoryLimit`, `progressDeadlineSeconds`, rolling-update \
    sizes and DaemonSet/StatefulSet `updateStrategy` change";
const NO_CHANGE: &str = "no fields change";

#[rustfmt::skip]
const APIS: &[Api] = &[
    Api { version: "extensions/v1beta1", kinds: &["Deployment", "DaemonSet", "ReplicaSet"], deprecated: 8, removed: Some(16), replacement: Some(("apps/v1", 9)), rewrite: Rewrite::WithSelector, note: WORKLOAD_NOTE },
    Api { version: "extensions/v1beta1", kinds: &["NetworkPolicy"], deprecated: 9, removed: Some(16), replacement: Some(("networking.k8s.io/v1", 8)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "extensions/v1beta1", kinds: &["PodSecurityPolicy"], deprecated: 10, removed: Some(16), replacement: None, rewrite: Rewrite::Never, note: "PodSecurityPolicy itself is gone since v1.25: label namespaces for Pod Security Admission instead" },
    Api { version: "extensions/v1beta1", kinds: &["Ingress"], deprecated: 14, removed: Some(22), replacement: Some(("networking.k8s.io/v1", 19)), rewrite: Rewrite::Never, note: INGRESS_NOTE },
    Api { version: "apps/v1beta1", kinds: WORKLOADS, deprecated: 8, removed: Some(16), replacement: Some(("apps/v1", 9)), rewrite: Rewrite::WithSelector, note: WORKLOAD_NOTE },
    Api { version: "apps/v1beta2", kinds: WORKLOADS, deprecated: 9, removed: Some(16), replacement: Some(("apps/v1", 9)), rewrite: Rewrite::WithSelector, note: WORKLOAD_NOTE },
    Api { version: "admissionregistration.k8s.io/v1beta1", kinds: &["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"], deprecated: 16, removed: Some(22), replacement: Some(("admissionregistration.k8s.io/v1", 16)), rewrite: Rewrite::Never, note: "`webhooks[*].sideEffects` and `admissionReviewVersions` become required; `failurePolicy`, `matchPolicy` and `timeoutSeconds` defaults change" },
    Api { version: "apiextensions.k8s.io/v1beta1", kinds: &["CustomResourceDefinition"], deprecated: 16, removed: Some(22), replacement: Some(("apiextensions.k8s.io/v1", 16)), rewrite: Rewrite::Never, note: "`spec.version`, `validation`, `subresources` and `additionalPrinterColumns` move under `spec.versions[*]`, a structural `openAPIV3Schema` and `spec.scope` become required" },
    Api { version: "rbac.authorization.k8s.io/v1beta1", kinds: RBAC, deprecated: 17, removed: Some(22), replacement: Some(("rbac.authorization.k8s.io/v1", 8)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "rbac.authorization.k8s.io/v1alpha1", kinds: RBAC, deprecated: 17, removed: Some(22), replacement: Some(("rbac.authorization.k8s.io/v1", 8)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "scheduling.k8s.io/v1beta1", kinds: &["PriorityClass"], deprecated: 14, removed: Some(22), replacement: Some(("scheduling.k8s.io/v1", 14)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "storage.k8s.io/v1beta1", kinds: &["CSINode"], deprecated: 17, removed: Some(22), replacement: Some(("storage.k8s.io/v1", 17)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "storage.k8s.io/v1beta1", kinds: &["CSIDriver"], deprecated: 19, removed: Some(22), replacement: Some(("storage.k8s.io/v1", 19)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "storage.k8s.io/v1beta1", kinds: &["StorageClass", "VolumeAttachment"], deprecated: 19, removed: Some(22), replacement: Some(("storage.k8s.io/v1", 13)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "storage.k8s.io/v1beta1", kinds: &["CSIStorageCapacity"], deprecated: 24, removed: Some(27), replacement: Some(("storage.k8s.io/v1", 24)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "networking.k8s.io/v1beta1", kinds: &["Ingress"], deprecated: 19, removed: Some(22), replacement: Some(("networking.k8s.io/v1", 19)), rewrite: Rewrite::Never, note: INGRESS_NOTE },
    Api { version: "networking.k8s.io/v1beta1", kinds: &["IngressClass"], deprecated: 19, removed: Some(22), replacement: Some(("networking.k8s.io/v1", 19)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "apiregistration.k8s.io/v1beta1", kinds: &["APIService"], deprecated: 19, removed: Some(22), replacement: Some(("apiregistration.k8s.io/v1", 10)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "authentication.k8s.io/v1beta1", kinds: &["TokenReview"], deprecated: 19, removed: Some(22), replacement: Some(("authentication.k8s.io/v1", 6)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "authorization.k8s.io/v1beta1", kinds: &["SubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview"], deprecated: 19, removed: Some(22), replacement: Some(("authorization.k8s.io/v1", 6)), rewrite: Rewrite::Never, note: "`spec.group` is renamed `spec.groups`" },
    Api { version: "certificates.k8s.io/v1beta1", kinds: &["CertificateSigningRequest"], deprecated: 19, removed: Some(22), replacement: Some(("certificates.k8s.io/v1", 19)), rewrite: Rewrite::Never, note: "`spec.signerName` and `spec.usages` become required" },
    Api { version: "coordination.k8s.io/v1beta1", kinds: &["Lease"], deprecated: 19, removed: Some(22), replacement: Some(("coordination.k8s.io/v1", 14)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "batch/v1beta1", kinds: &["CronJob"], deprecated: 21, removed: Some(25), replacement: Some(("batch/v1", 21)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "discovery.k8s.io/v1beta1", kinds: &["EndpointSlice"], deprecated: 21, removed: Some(25), replacement: Some(("discovery.k8s.io/v1", 21)), rewrite: Rewrite::Never, note: "per-endpoint `topology` is replaced by `nodeName` and `zone`" },
    Api { version: "policy/v1beta1", kinds: &["PodDisruptionBudget"], deprecated: 21, removed: Some(25), replacement: Some(("policy/v1", 21)), rewrite: Rewrite::WithNonEmptySelector, note: "an empty `spec.selector` selects every pod of the namespace in `policy/v1` (none in `v1beta1`)" },
    Api { version: "policy/v1beta1", kinds: &["PodSecurityPolicy"], deprecated: 21, removed: Some(25), replacement: None, rewrite: Rewrite::Never, note: "PodSecurityPolicy has no successor API: label namespaces for Pod Security Admission (`pod-security.kubernetes.io/enforce`) instead" },
    Api { version: "autoscaling/v2beta1", kinds: &["HorizontalPodAutoscaler"], deprecated: 22, removed: Some(25), replacement: Some(("autoscaling/v2", 23)), rewrite: Rewrite::Never, note: "metric targets move under `target` (`targetAverageUtilization` becomes `target.averageUtilization` with `target.type: Utilization`)" },
    Api { version: "events.k8s.io/v1beta1", kinds: &["Event"], deprecated: 22, removed: Some(25), replacement: Some(("events.k8s.io/v1", 19)), rewrite: Rewrite::Never, note: "several fields are renamed (`involvedObject` to `regarding`, ...) and `action`, `reason`, `reportingComponent` become required" },
    Api { version: "node.k8s.io/v1beta1", kinds: &["RuntimeClass"], deprecated: 22, removed: Some(25), replacement: Some(("node.k8s.io/v1", 20)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "autoscaling/v2beta2", kinds: &["HorizontalPodAutoscaler"], deprecated: 23, removed: Some(26), replacement: Some(("autoscaling/v2", 23)), rewrite: Rewrite::Always, note: NO_CHANGE },
    Api { version: "flowcontrol.apiserver.k8s.io/v1beta1", kinds: FLOW_CONTROL, deprecated: 23, removed: Some(26), replacement: Some(("flowcontrol.apiserver.k8s.io/v1", 29)), rewrite: Rewrite::Never, note: FLOW_NOTE },
    Api { version: "flowcontrol.apiserver.k8s.io/v1beta2", kinds: FLOW_CONTROL, deprecated: 26, removed: Some(29), replacement: Some(("flowcontrol.apiserver.k8s.io/v1", 29)), rewrite: Rewrite::Never, note: FLOW_NOTE },
    Api { version: "flowcontrol.apiserver.k8s.io/v1beta3", kinds: FLOW_CONTROL, deprecated: 29, removed: Some(32), replacement: Some(("flowcontrol.apiserver.k8s.io/v1", 29)), rewrite: Rewrite::Always, note: "an explicit `nominalConcurrencyShares: 0` is no longer raised to 30" },
    Api { version: "v1", kinds: &["Endpoints"], deprecated: 33, removed: None, replacement: Some(("discovery.k8s.io/v1", 21)), rewrite: Rewrite::Never, note: "write EndpointSlices (kind `EndpointSlice`, label `kubernetes.io/service-name`) instead" },
];

const RBAC: &[&str] = &["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"];
const FLOW_CONTROL: &[&str] = &["FlowSchema", "PriorityLevelConfiguration"];
const INGRESS_NOTE: &str = "`spec.backend` becomes `spec.defaultBackend`, `serviceName`/`servicePort` become \
    `service.name` and `service.port.number`/`.name`, and every path needs a `pathType`";
const FLOW_NOTE: &str = "`assuredConcurrencyShares` is renamed `nominalConcurrencyShares`";

/// Which of the two rules is asking.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Removed,
    Deprecated,
}

pub fn check(cx: &mut Context<'_>, object: &Object<'_>, stage: Stage) {
    let Some(api) = APIS.iter().find(|a| a.version == object.api_version && a.kinds.contains(&object.kind)) else {
        return;
    };
    let target = cx.settings.kube_version;
    let removed = api.removed.is_some_and(|r| target >= KubeVersion::v1(r));
    let deprecated = target >= KubeVersion::v1(api.deprecated);
    let what = match (stage, removed, deprecated) {
        (Stage::Removed, true, _) => {
            format!("was removed in {}", KubeVersion::v1(api.removed.unwrap_or_default()))
        }
        (Stage::Deprecated, false, true) => {
            let until = api.removed.map_or(String::new(), |r| format!(", removed in {}", KubeVersion::v1(r)));
            format!("is deprecated since {}{until}", KubeVersion::v1(api.deprecated))
        }
        _ => return,
    };
    let Some(node) = object.root.get("apiVersion") else { return };
    let msg =
        format!("{} uses `{}`, whose {} API {what} (target {target})", object.display_name(), api.version, object.kind);
    let help = match api.replacement {
        Some((new, since)) if target >= KubeVersion::v1(since) => format!("use `{new}`; {}", api.note),
        Some((new, since)) => format!("`{new}` is served from {}; {}", KubeVersion::v1(since), api.note),
        None => api.note.to_string(),
    };
    let mut d = cx.diag(node.span(), msg).with_help(help);
    if let Some(fix) = fix(cx.src, object, api, node.span(), target) {
        d = d.with_fix(fix);
    }
    cx.emit(d);
}

/// Rewrites the `apiVersion` value alone (keeping its quotes) where the replacement reads the
/// object the same.
fn fix(src: &str, object: &Object<'_>, api: &Api, at: Span, target: KubeVersion) -> Option<Fix> {
    let (new, since) = api.replacement?;
    if target < KubeVersion::v1(since) {
        return None;
    }
    let spec = object.root.get("spec");
    let ok = match api.rewrite {
        Rewrite::Never => false,
        Rewrite::Always => true,
        Rewrite::WithSelector => {
            object.kind == "ControllerRevision"
                || spec.is_some_and(|s| {
                    s.get("selector").is_some_and(|v| v.is_mapping() && !v.is_empty())
                        && s.get("rollbackTo").is_none()
                        && s.get("templateGeneration").is_none()
                })
        }
        Rewrite::WithNonEmptySelector => spec
            .and_then(|s| s.get("selector"))
            .is_some_and(|v| v.is_mapping() && v.entries().any(|(_, x)| !x.is_empty())),
    };
    if !ok {
        return None;
    }
    let offset = at.slice(src).find(api.version)?;
    let span = Span::new(at.start + offset, at.start + offset + api.version.len());
    Some(Fix {
        message: format!("use `{new}`"),
        applicability: Applicability::Unsafe,
        edits: vec![Edit { span, replacement: new.to_string() }],
    })
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as};

    fn at_version(code: &str, version: &str, src: &str) -> Vec<String> {
        let mut options = Options::default();
        options.kubernetes.version = Some(version.into());
        lint_as(code, "m.yaml", src, options).iter().map(|d| d.span.slice(src).to_string()).collect()
    }

    const CRONJOB: &str = "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec: {}\n";

    #[test]
    fn the_target_version_decides_which_rule_reports() {
        assert!(at_version("K8S704", "1.20", CRONJOB).is_empty());
        assert_eq!(at_version("K8S704", "1.21", CRONJOB), ["batch/v1beta1"]);
        assert!(at_version("K8S703", "1.24", CRONJOB).is_empty());
        assert_eq!(at_version("K8S703", "1.25", CRONJOB), ["batch/v1beta1"]);
        assert!(at_version("K8S704", "1.25", CRONJOB).is_empty());
        assert_eq!(k8s_spans("K8S703", CRONJOB), ["batch/v1beta1"]);
    }

    #[test]
    fn kinds_and_custom_groups() {
        // `extensions/v1beta1` Ingress lived until v1.22, its Deployment until v1.16.
        let ingress = "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n";
        assert!(at_version("K8S703", "1.21", ingress).is_empty());
        assert!(
            k8s_spans("K8S703", "apiVersion: example.com/v1beta1\nkind: CronJob\nmetadata: {name: c}\n").is_empty()
        );
        assert!(
            k8s_spans("K8S703", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\n").is_empty()
        );
    }

    #[test]
    fn fixes_only_where_the_fields_read_the_same() {
        let fixable = |src: &str| crate::rules::testing::k8s_diagnostics("K8S703", src).iter().any(|d| d.fix.is_some());
        let deployment = "apiVersion: apps/v1beta2\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template: {}\n";
        assert!(!fixable(deployment), "no selector: apps/v1 would reject it");
        assert!(fixable(&deployment.replace("spec:\n", "spec:\n  selector: {matchLabels: {app: d}}\n")));
        let pdb = "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n  selector: {}\n";
        assert!(!fixable(pdb), "an empty selector changes meaning");
        assert!(!fixable("apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: i}\n"));
    }
}
