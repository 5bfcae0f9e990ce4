//! K8S410: a Service of type `NodePort`.

use super::service_type;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct NodeportService;

impl Rule for NodeportService {
    fn code(&self) -> &'static str {
        "K8S410"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(t) = service_type(object, "NodePort") else { return };
        let msg = format!(
            "{} is of type `NodePort`: its ports are opened on every node's addresses, next to any ingress or \
             load balancer",
            object.display_name()
        );
        let help = "use `ClusterIP` behind an Ingress or Gateway, or a `LoadBalancer` with `loadBalancerSourceRanges`; \
                    if clients must reach nodes directly, firewall the node port range";
        let d = cx.diag(t.span(), msg).with_help(help);
        cx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    #[test]
    fn only_core_services_of_that_type() {
        let src = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  type: NodePort\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\nspec: {type: ClusterIP}\n---\napiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: c}\nspec: {type: NodePort}\n";
        assert_eq!(k8s_spans("K8S410", src), ["NodePort"]);
    }
}
