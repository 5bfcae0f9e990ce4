//! K8S801: a Role or ClusterRole rule uses a wildcard.

use super::model::{Item, Role};
use super::with_aggregation;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct Wildcard;

impl Rule for Wildcard {
    fn code(&self) -> &'static str {
        "K8S801"
    }
    /// One finding per rule entry with wildcards, at the first one (verbs, then resources, then
    /// apiGroups, then nonResourceURLs); the others are labels.
    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(role) = Role::of(object) else { return };
        for rule in role.rules() {
            let stars: Vec<(&str, Item<'_>)> = rule.wildcards().collect();
            let Some(&(field, first)) = stars.first() else { continue };
            let everything = ["verbs", "resources", "apiGroups"]
                .iter()
                .all(|f| stars.iter().any(|(g, i)| g == f && i.is_wildcard()));
            let who = object.display_name();
            // The verbs of a `nonResourceURLs` entry are HTTP verbs.
            let web = rule.resources.is_empty() && !rule.non_resource_urls.is_empty();
            let message = if everything && role.cluster {
                format!("{who} grants every verb on every resource of every API group: the equivalent of cluster-admin")
            } else if everything {
                format!("{who} grants every verb on every resource of every API group: full control of its namespace")
            } else {
                format!("{who} uses a wildcard in {field}: {}", meaning(field, &first, web))
            };
            let mut d = cx.diag(first.span, message).with_help(
                "list the verbs, resources and API groups it needs: a wildcard also grants what later versions \
                 and CRDs add",
            );
            for (f, i) in stars.iter().skip(1) {
                d = d.with_label(i.span, meaning(f, i, web));
            }
            cx.emit(with_aggregation(d, &role));
        }
    }
}

fn meaning(field: &str, item: &Item<'_>, web: bool) -> String {
    let v = item.value;
    match field {
        "verbs" if web => format!("`{v}` matches every HTTP verb"),
        "verbs" => format!("`{v}` matches every verb, `delete` and `escalate` included"),
        "resources" if v != "*" => format!("`{v}` matches that subresource of every resource"),
        "resources" => format!("`{v}` matches every resource, `secrets` included"),
        "apiGroups" => format!("`{v}` matches every API group, the core group included"),
        _ => format!("`{v}` matches every non-resource URL"),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::kubernetes::rbac::role;
    use crate::rules::testing::{k8s_diagnostics, k8s_spans};

    #[test]
    fn one_finding_per_rule_at_the_first_wildcard() {
        let src = role(
            "ClusterRole",
            "- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]\n- apiGroups: [apps]\n  resources: [deployments, \"*/scale\"]\n  verbs: [get]\n- nonResourceURLs: [\"*\"]\n  verbs: [get]\n",
        );
        let found = k8s_diagnostics("K8S801", &src);
        let spans: Vec<_> = found.iter().map(|d| d.span.slice(&src)).collect();
        assert_eq!(spans, ["\"*\"", "\"*/scale\"", "\"*\""]);
        assert!(found[0].message.ends_with("the equivalent of cluster-admin"), "{}", found[0].message);
        assert_eq!(found[0].labels.len(), 2);
        // The rule-level finding is on the verb.
        assert!(src[..found[0].span.start].ends_with("verbs: ["));
    }

    #[test]
    fn names_and_prefixes_are_no_wildcards() {
        // `pods/*` is a literal resource name for the API server; `/healthz/*` is a path prefix.
        let src = role(
            "ClusterRole",
            "- apiGroups: [\"\"]\n  resources: [\"pods/*\", \"pods\"]\n  verbs: [get]\n- nonResourceURLs: [\"/healthz/*\"]\n  verbs: [get]\n",
        );
        assert!(k8s_spans("K8S801", &src).is_empty());
    }
}
