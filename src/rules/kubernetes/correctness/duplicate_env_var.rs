//! K8S701: one container defines the same environment variable twice.
//!
//! The later entry wins for the process, but `$(VAR)` references between the two see the
//! earlier value, and `kubectl apply` merges `env` by name, so a duplicate makes later patches
//! update or delete the wrong entry.

use std::collections::HashMap;

use crate::model::kubernetes::{Object, is_templated};
use crate::rules::{Context, Rule};
use crate::span::Span;

pub struct DuplicateEnvVar;

impl Rule for DuplicateEnvVar {
    fn code(&self) -> &'static str {
        "K8S701"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        for c in pod.containers() {
            let mut first: HashMap<&str, Span> = HashMap::new();
            for e in c.list("env") {
                let Some(node) = e.get("name") else { continue };
                let Some(name) = node.str().filter(|n| !n.is_empty() && !is_templated(n)) else { continue };
                let Some(&earlier) = first.get(name) else {
                    first.insert(name, node.span());
                    continue;
                };
                let msg = format!("{} of {} sets `{name}` twice", c.display_name(), object.display_name());
                let d = cx
                    .diag(node.span(), msg)
                    .with_label(earlier, "first set here")
                    .with_help("keep one entry per name: this later one is what the process sees");
                cx.emit(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn reports_each_repeat_at_its_name() {
        let src = pod(
            "containers:\n- name: a\n  env:\n  - {name: A, value: x}\n  - {name: B, value: y}\n  - {name: A2, value: z}\n  - name: A\n    value: w\n  - name: A\n    valueFrom: {fieldRef: {fieldPath: metadata.name}}\n",
        );
        assert_eq!(k8s_spans("K8S701", &src), ["A", "A"]);
    }

    #[test]
    fn names_are_per_container_and_case_sensitive() {
        let src = pod(
            "initContainers:\n- name: i\n  env: [{name: A, value: x}]\ncontainers:\n- name: a\n  env: [{name: A, value: x}, {name: a, value: y}]\n",
        );
        assert!(k8s_spans("K8S701", &src).is_empty());
    }
}
