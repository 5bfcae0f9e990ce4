//! K8S313: the Kubernetes Dashboard is deployed.

use super::images::container_image;
use crate::model::kubernetes::{Container, Object};
use crate::rules::{Context, Rule};
use crate::span::Span;

pub struct KubernetesDashboardDeployed;

/// The pod labels the Dashboard's manifests and chart set.
const LABELS: [&str; 3] = ["k8s-app", "app", "app.kubernetes.io/name"];
/// Arguments that drop the Dashboard's login.
const NO_LOGIN: [&str; 2] = ["--enable-skip-login", "--enable-insecure-login"];

impl Rule for KubernetesDashboardDeployed {
    fn code(&self) -> &'static str {
        "K8S313"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        let containers = pod.containers();
        let mut found: Vec<(Span, String, &Container<'_>)> = Vec::new();
        for c in &containers {
            if let Some(img) = container_image(c).filter(|i| {
                i.image.repository.starts_with("kubernetesui/") || i.image.name().starts_with("kubernetes-dashboard")
            }) {
                found.push((img.node.span(), format!("runs the Dashboard image `{}`", img.text), c));
            }
        }
        if found.is_empty() {
            let label = pod.labels().find(|(k, v)| LABELS.contains(k) && v.str() == Some("kubernetes-dashboard"));
            if let (Some((key, value)), Some(c)) = (label, containers.first()) {
                found.push((value.span(), format!("runs in a pod labelled `{key}: kubernetes-dashboard`"), c));
            }
        }
        for (span, why, c) in found {
            let mut d = cx.diag(
                span,
                format!(
                    "{} of {} {why}: the Kubernetes Dashboard is deployed",
                    c.display_name(),
                    object.display_name()
                ),
            );
            for arg in c.argv().into_iter().filter(|a| a.str().is_some_and(disables_login)) {
                d = d.with_label(arg.span(), "lets anyone who reaches the Dashboard in without a token");
            }
            let d = d.with_help(
                "prefer `kubectl` and read-only tools; if the Dashboard must stay, bind its service account to a \
                 minimal Role (never cluster-admin), require token login, and reach it only through \
                 `kubectl proxy` or an authenticating proxy, never a public Service or Ingress",
            );
            cx.emit(d);
        }
    }
}

/// `--enable-skip-login` or `--enable-skip-login=true` (likewise `--enable-insecure-login`).
fn disables_login(arg: &str) -> bool {
    let (flag, value) = arg.split_once('=').unwrap_or((arg, "true"));
    NO_LOGIN.contains(&flag) && value == "true"
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_diagnostics, k8s_spans, pod};

    #[test]
    fn dashboard_images_and_labels() {
        let src = pod("containers:\n\
                       - {name: dashboard, image: 'kubernetesui/dashboard:v2.7.0', args: [--enable-skip-login]}\n\
                       - {name: old, image: 'k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1'}\n\
                       - {name: web, image: 'nginx:1.27'}\n");
        assert_eq!(
            k8s_spans("K8S313", &src),
            ["'kubernetesui/dashboard:v2.7.0'", "'k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1'"]
        );
        assert_eq!(k8s_diagnostics("K8S313", &src)[0].labels.len(), 1);
        let labelled = pod("containers:\n- {name: ui, image: 'registry.local/ui:2'}\n")
            .replace("labels: {app: web}\n    spec", "labels: {k8s-app: kubernetes-dashboard}\n    spec");
        assert_eq!(k8s_spans("K8S313", &labelled), ["kubernetes-dashboard"]);
        // An image that only mentions the dashboard elsewhere in its path is not it.
        let other = pod("containers:\n- {name: a, image: 'ghcr.io/acme/kubernetes-dashboard-exporter-docs/app:1'}\n");
        assert!(k8s_spans("K8S313", &other).is_empty());
    }
}
