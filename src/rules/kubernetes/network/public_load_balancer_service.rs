//! K8S411: a `LoadBalancer` Service open to any source address.
//!
//! Cloud providers give such a Service a public address unless it is marked internal or limited
//! with `loadBalancerSourceRanges` (or the older source-ranges annotation).

use super::service_type;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct PublicLoadBalancerService;

/// Annotations that make a cloud load balancer internal: `(key, values that do)`; an empty
/// list means any value but `false`.
const INTERNAL: &[(&str, &[&str])] = &[
    ("service.beta.kubernetes.io/aws-load-balancer-internal", &[]),
    ("service.beta.kubernetes.io/aws-load-balancer-scheme", &["internal"]),
    ("service.beta.kubernetes.io/azure-load-balancer-internal", &["true"]),
    ("networking.gke.io/load-balancer-type", &["Internal"]),
    ("cloud.google.com/load-balancer-type", &["Internal", "internal"]),
    ("service.beta.kubernetes.io/oci-load-balancer-internal", &["true"]),
    ("service.beta.kubernetes.io/openstack-internal-load-balancer", &["true"]),
    ("service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", &["private"]),
    ("service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type", &["intranet"]),
];

const SOURCE_RANGES_ANNOTATION: &str = "service.beta.kubernetes.io/load-balancer-source-ranges";

fn internal(object: &Object<'_>) -> bool {
    INTERNAL.iter().any(|(key, values)| {
        object.annotation(key).is_some_and(|v| if values.is_empty() { v != "false" } else { values.contains(&v) })
    })
}

fn open_to_all(range: &str) -> bool {
    matches!(range.trim(), "0.0.0.0/0" | "::/0")
}

impl Rule for PublicLoadBalancerService {
    fn code(&self) -> &'static str {
        "K8S411"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(t) = service_type(object, "LoadBalancer") else { return };
        if internal(object) {
            return;
        }
        let help = "list the client networks in `spec.loadBalancerSourceRanges`, or mark the load balancer \
                    internal with your provider's annotation if only the VPC needs it";
        let ranges = object.root.path(&["spec", "loadBalancerSourceRanges"]).filter(|r| !r.is_null());
        let annotated = object.annotation(SOURCE_RANGES_ANNOTATION);
        let d = match (ranges, annotated) {
            (Some(list), _) if list.is_sequence() && !list.is_empty() => {
                let Some(item) = list.items().find(|i| i.str().is_some_and(open_to_all)) else { return };
                let msg = format!(
                    "{} lets any address reach its load balancer: `{}`",
                    object.display_name(),
                    item.str().unwrap_or("")
                );
                cx.diag(item.span(), msg)
            }
            (Some(list), _) if !list.is_sequence() => return,
            (_, Some(a)) if !a.split(',').any(open_to_all) => return,
            _ => {
                let msg = format!(
                    "{} is a `LoadBalancer` with no `loadBalancerSourceRanges`: most providers make it reachable \
                     from the internet",
                    object.display_name()
                );
                cx.diag(t.span(), msg)
            }
        };
        cx.emit(d.with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    fn service(extra: &str, spec: &str) -> String {
        format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n{extra}spec:\n  type: LoadBalancer\n{spec}")
    }

    #[test]
    fn open_unless_ranged_or_internal() {
        assert_eq!(k8s_spans("K8S411", &service("", "")), ["LoadBalancer"]);
        assert!(k8s_spans("K8S411", &service("", "  loadBalancerSourceRanges: [10.0.0.0/8]\n")).is_empty());
        assert_eq!(
            k8s_spans("K8S411", &service("", "  loadBalancerSourceRanges: [10.0.0.0/8, 0.0.0.0/0]\n")),
            ["0.0.0.0/0"]
        );
        let internal = "  annotations:\n    networking.gke.io/load-balancer-type: Internal\n";
        assert!(k8s_spans("K8S411", &service(internal, "")).is_empty());
        let not_internal = "  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-internal: \"false\"\n";
        assert_eq!(k8s_spans("K8S411", &service(not_internal, "")), ["LoadBalancer"]);
    }
}
