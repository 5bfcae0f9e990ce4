//! K8S702: a controller's selector does not match its own pod template's labels (or `apps/v1`
//! has none). The API server rejects such an object; an older one silently orphaned its pods.

use crate::model::kubernetes::{Object, PodSpecView, is_templated};
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

pub struct MismatchingSelector;

/// `(groups, kind)` of controllers that select their own template's pods with a LabelSelector.
const CONTROLLERS: &[(&[&str], &str)] = &[
    (&["apps", "extensions"], "Deployment"),
    (&["apps", "extensions"], "ReplicaSet"),
    (&["apps", "extensions"], "DaemonSet"),
    (&["apps"], "StatefulSet"),
    (&["argoproj.io"], "Rollout"),
];

impl Rule for MismatchingSelector {
    fn code(&self) -> &'static str {
        "K8S702"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        let Some((spec_key, spec)) = object.root.entry("spec").filter(|(_, s)| s.is_mapping()) else { return };
        let Some(labels) = Labels::of(&pod) else { return };
        let selector = spec.entry("selector").filter(|(_, v)| !v.is_null());
        if object.group().is_empty() && object.kind == "ReplicationController" {
            // A plain map, defaulted from the template when left out.
            if let Some((_, map)) = selector.filter(|(_, v)| v.is_mapping()) {
                for (k, v) in map.entries() {
                    match_label(cx, object, &labels, k, v);
                }
            }
            return;
        }
        if !CONTROLLERS.iter().any(|(groups, kind)| *kind == object.kind && groups.contains(&object.group())) {
            return;
        }
        // Only apps/v1 (and Rollouts) require a selector; the betas defaulted it from the template.
        let required = matches!(object.api_version, "apps/v1" | "argoproj.io/v1alpha1");
        let Some((sel_key, sel)) = selector else {
            // Without template labels either, the object is a patch or gets both from a tool
            // (Kustomize `labels`); only a template that has labels is known to lack a selector.
            if required && !labels.entries.is_empty() {
                let msg =
                    format!("{} has no `spec.selector`: {} requires one", object.display_name(), object.api_version);
                let d = cx.diag(spec_key.span(), msg).with_help(HELP_MISSING);
                cx.emit(d);
            }
            return;
        };
        if !sel.is_mapping() {
            return;
        }
        let match_labels = sel.get("matchLabels").filter(|m| !m.is_null());
        let expressions = sel.get("matchExpressions").filter(|m| !m.is_null());
        if match_labels.is_some_and(|m| !m.is_mapping()) || expressions.is_some_and(|e| !e.is_sequence()) {
            return;
        }
        if match_labels.is_none_or(|m| m.is_empty()) && expressions.is_none_or(|e| e.is_empty()) {
            if required {
                let msg =
                    format!("{} has an empty selector, which {} rejects", object.display_name(), object.api_version);
                let d = cx.diag(sel_key.span(), msg).with_help(HELP_MISSING);
                cx.emit(d);
            }
            return;
        }
        for (k, v) in match_labels.into_iter().flat_map(|m| m.entries()) {
            match_label(cx, object, &labels, k, v);
        }
        for e in expressions.into_iter().flat_map(|e| e.items()) {
            match_expression(cx, object, &labels, e);
        }
    }
}

const HELP_MISSING: &str =
    "set `spec.selector.matchLabels` to labels of `spec.template.metadata.labels` (e.g. `app: web`)";

/// The pod template's labels, `None` when they cannot be read.
struct Labels<'a> {
    entries: Vec<(&'a str, NodeRef<'a>)>,
    /// Where to point the "template has" label: the `labels:` key, else the template's `spec:`.
    at: Span,
}

impl<'a> Labels<'a> {
    fn of(pod: &PodSpecView<'a>) -> Option<Labels<'a>> {
        let entry = pod.metadata.and_then(|m| m.entry("labels")).filter(|(_, v)| !v.is_null());
        if entry.is_some_and(|(_, v)| !v.is_mapping()) {
            return None;
        }
        let at = entry.map_or(pod.key.span(), |(k, _)| k.span());
        Some(Labels { entries: pod.labels().collect(), at })
    }

    /// The template's value for `key`: `Err(())` when it is templated or not a string.
    fn get(&self, key: &str) -> Result<Option<&'a str>, ()> {
        match self.entries.iter().find(|(k, _)| *k == key) {
            None => Ok(None),
            Some((_, v)) => v.str().filter(|s| !is_templated(s)).map(Some).ok_or(()),
        }
    }
}

fn match_label(cx: &mut Context<'_>, object: &Object<'_>, labels: &Labels<'_>, k: NodeRef<'_>, v: NodeRef<'_>) {
    let (Some(key), Some(want)) = (k.str(), v.str()) else { return };
    if is_templated(key) || is_templated(want) {
        return;
    }
    let found = match labels.get(key) {
        Err(()) => return,
        Ok(Some(have)) if have == want => return,
        Ok(Some(have)) => format!("the pod template has `{key}: {have}`"),
        Ok(None) => format!("the pod template has no `{key}` label"),
    };
    emit(cx, object, labels, k.span().cover(v.span()), format!("`{key}: {want}`, but {found}"));
}

fn match_expression(cx: &mut Context<'_>, object: &Object<'_>, labels: &Labels<'_>, e: NodeRef<'_>) {
    let (Some(key), Some(op)) = (e.get("key").and_then(|k| k.str()), e.get("operator").and_then(|o| o.str())) else {
        return;
    };
    let values: Option<Vec<&str>> = e.get("values").map_or(Some(Vec::new()), |v| v.items().map(|i| i.str()).collect());
    let Some(values) = values else { return };
    if is_templated(key) || values.iter().any(|v| is_templated(v)) {
        return;
    }
    let Ok(have) = labels.get(key) else { return };
    let ok = match op {
        "In" => have.is_some_and(|h| values.contains(&h)),
        "NotIn" => have.is_none_or(|h| !values.contains(&h)),
        "Exists" => have.is_some(),
        "DoesNotExist" => have.is_none(),
        _ => return,
    };
    if ok {
        return;
    }
    let found =
        have.map_or(format!("the pod template has no `{key}` label"), |h| format!("the pod template has `{key}: {h}`"));
    emit(cx, object, labels, e.span(), format!("`{key} {op} [{}]`, but {found}", values.join(", ")));
}

fn emit(cx: &mut Context<'_>, object: &Object<'_>, labels: &Labels<'_>, at: Span, what: String) {
    let msg = format!("the selector of {} requires {what}: it matches none of its own pods", object.display_name());
    let d = cx
        .diag(at, msg)
        .with_label(labels.at, "the pod template's labels")
        .with_help("make `spec.selector` and `spec.template.metadata.labels` agree; the API server rejects a mismatch");
    cx.emit(d);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    fn deployment(selector: &str, labels: &str) -> String {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n{selector}  template:\n    metadata:\n      labels: {labels}\n    spec:\n      containers: [{{name: a}}]\n"
        )
    }

    #[test]
    fn labels_and_expressions_are_matched() {
        let src = deployment("  selector:\n    matchLabels: {app: web, tier: db}\n", "{app: web, tier: front}");
        assert_eq!(k8s_spans("K8S702", &src), ["tier: db"]);
        let src = deployment(
            "  selector:\n    matchExpressions:\n    - {key: app, operator: In, values: [web, api]}\n    - {key: canary, operator: DoesNotExist}\n    - {key: env, operator: Exists}\n",
            "{app: web, canary: \"true\"}",
        );
        assert_eq!(
            k8s_spans("K8S702", &src),
            ["{key: canary, operator: DoesNotExist}", "{key: env, operator: Exists}"]
        );
    }

    #[test]
    fn a_subset_of_the_labels_matches_and_templates_are_unknown() {
        let src = deployment("  selector:\n    matchLabels: {app: web}\n", "{app: web, version: v2}");
        assert!(k8s_spans("K8S702", &src).is_empty());
        let src = deployment("  selector:\n    matchLabels: {app: web}\n", "{app: \"{{ .Release.Name }}\"}");
        assert!(k8s_spans("K8S702", &src).is_empty());
    }

    #[test]
    fn apps_v1_needs_a_selector_the_betas_did_not() {
        let src = deployment("", "{app: web}");
        assert_eq!(k8s_spans("K8S702", &src), ["spec"]);
        let beta = src.replace("apps/v1", "extensions/v1beta1");
        assert!(k8s_spans("K8S702", &beta).is_empty());
        // A patch, or a base whose labels Kustomize adds: neither selector nor labels.
        let patch = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: a}]\n";
        assert!(k8s_spans("K8S702", patch).is_empty());
    }

    #[test]
    fn replication_controllers_use_a_plain_map() {
        let src = "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  selector: {app: web}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers: [{name: a}]\n";
        assert_eq!(k8s_spans("K8S702", src), ["app: web"]);
    }
}
