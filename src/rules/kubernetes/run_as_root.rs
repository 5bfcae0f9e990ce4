//! K8S101: a container may run as root.

use crate::model::kubernetes::{Container, Level, Object};
use crate::rules::{Context, Rule};

pub struct RunAsRoot;

impl Rule for RunAsRoot {
    fn code(&self) -> &'static str {
        "K8S101"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        if pod.is_windows() {
            return;
        }
        for c in pod.containers() {
            check(cx, object, &c);
        }
    }
}

fn check(cx: &mut Context<'_>, object: &Object<'_>, c: &Container<'_>) {
    let who = format!("{} of {}", c.display_name(), object.display_name());
    let user = c.effective("runAsUser");
    if let Some(u) = user
        && u.value.as_i64() == Some(0)
    {
        let d = cx
            .diag(u.key.span().cover(u.value.span()), format!("{who} runs as root: `runAsUser: 0`"))
            .with_help("set `runAsUser` to an unprivileged UID (e.g. 10001) and `runAsNonRoot: true`");
        cx.emit(with_level_note(d, u.level, c));
        return;
    }
    if user.and_then(|u| u.value.as_i64()).is_some_and(|uid| uid > 0) {
        return;
    }
    if user.is_some_and(|u| u.value.as_i64().is_none()) {
        // A templated or malformed UID: unknown, not a finding.
        return;
    }
    let non_root = c.effective("runAsNonRoot");
    match non_root.map(|n| (n, n.value.as_bool())) {
        Some((_, Some(true))) => {}
        Some((n, Some(false))) => {
            let d = cx
                .diag(n.key.span().cover(n.value.span()), format!("{who} may run as root: `runAsNonRoot: false`"))
                .with_help("set `runAsNonRoot: true` and an unprivileged `runAsUser` (e.g. 10001)");
            cx.emit(with_level_note(d, n.level, c));
        }
        // Templated or unreadable value: no guess.
        Some((_, None)) => {}
        None => {
            let at = c.security_context.map_or_else(|| c.anchor(), |sc| sc.span());
            let at = c.node.entry("securityContext").map_or(at, |(k, _)| k.span());
            let d = cx
                .diag(at, format!("{who} may run as root: no `runAsNonRoot: true` or `runAsUser` above 0"))
                .with_help(
                    "set `securityContext.runAsNonRoot: true` and `runAsUser: 10001` on the container or the pod; \
                     the image's USER is otherwise what decides",
                );
            cx.emit(d);
        }
    }
}

/// A pod-level setting affects every container; say where it came from.
fn with_level_note(d: crate::Diagnostic, level: Level, c: &Container<'_>) -> crate::Diagnostic {
    match (level, c.name) {
        (Level::Pod, Some(_)) => d.with_label(c.anchor(), "inherits the pod-level securityContext"),
        _ => d,
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as, pod};

    #[test]
    fn points_at_the_root_uid_or_the_container() {
        let src = pod("containers:\n- name: a\n  image: x\n- name: b\n  securityContext:\n    runAsUser: 0\n");
        assert_eq!(k8s_spans("K8S101", &src), ["a", "runAsUser: 0"]);
        let src = pod("securityContext:\n  runAsNonRoot: true\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S101", &src).is_empty());
    }

    #[test]
    fn built_in_crds_are_pod_bearing() {
        let job = "apiVersion: keda.sh/v1alpha1\nkind: ScaledJob\nmetadata: {name: j}\nspec:\n  jobTargetRef:\n    template:\n      spec:\n        containers:\n        - name: worker\n";
        assert_eq!(k8s_spans("K8S101", job), ["worker"]);
        let rollout = "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n";
        assert_eq!(k8s_spans("K8S101", rollout), ["web"]);
        // The same kind name in an unknown group is not a pod template.
        let other = rollout.replace("argoproj.io", "example.com");
        assert!(k8s_spans("K8S101", &other).is_empty());
    }

    #[test]
    fn custom_kinds_from_config_are_pod_bearing() {
        let src = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  pod:\n    spec:\n      containers:\n      - name: a\n";
        assert!(lint_as("K8S101", "w.yaml", src, Options::default()).is_empty());
        let mut options = Options::default();
        options.kubernetes.pod_templates = vec!["example.com/Widget=spec.pod.spec".into()];
        let found = lint_as("K8S101", "w.yaml", src, options);
        assert_eq!(found.iter().map(|d| d.span.slice(src)).collect::<Vec<_>>(), ["a"]);
    }
}
