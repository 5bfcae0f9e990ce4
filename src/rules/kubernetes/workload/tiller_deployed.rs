//! K8S310: Tiller (Helm v2) is deployed.

use super::tiller::{TillerSign, tiller};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct TillerDeployed;

impl Rule for TillerDeployed {
    fn code(&self) -> &'static str {
        "K8S310"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        for c in pod.containers() {
            let Some(sign) = tiller(&pod, &c) else { continue };
            let why = match sign {
                TillerSign::Image(_) => "runs the Tiller image",
                TillerSign::Labels(_) => "runs in a pod labelled `app: helm`, `name: tiller`",
            };
            let d = cx
                .diag(
                    sign.node().span(),
                    format!("{} of {} {why}: Tiller (Helm v2) is deployed", c.display_name(), object.display_name()),
                )
                .with_help(
                    "migrate the releases to Helm 3 (`helm-2to3`) and delete Tiller: Helm v2 is unsupported since \
                     2020, and Tiller's gRPC API, unauthenticated by default, lets any pod that reaches it act \
                     with Tiller's (usually cluster-admin) service account",
                );
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    const TILLER: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: tiller-deploy\n  namespace: kube-system\n\
                          spec:\n  template:\n    metadata:\n      labels: {app: helm, name: tiller}\n    spec:\n\
                          \x20     containers:\n      - name: tiller\n        image: gcr.io/kubernetes-helm/tiller:v2.16.12\n";

    #[test]
    fn tiller_by_image_or_by_labels() {
        assert_eq!(k8s_spans("K8S310", TILLER), ["gcr.io/kubernetes-helm/tiller:v2.16.12"]);
        let mirrored = TILLER.replace("gcr.io/kubernetes-helm/tiller:v2.16.12", "registry.local/helm-server:2");
        assert_eq!(k8s_spans("K8S310", &mirrored), ["tiller"]);
        // `app: helm` alone is not Tiller (a Helm operator, a chart museum), nor is an image
        // whose name only contains the word.
        let other = mirrored.replace("name: tiller}", "name: chartmuseum}");
        assert!(k8s_spans("K8S310", &other).is_empty());
        let other = TILLER.replace("tiller:v2.16.12", "tiller-proxy:v1").replace("name: tiller}", "name: x}");
        assert!(k8s_spans("K8S310", &other).is_empty());
    }
}
