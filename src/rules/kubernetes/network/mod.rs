//! Exposure: Services, Ingresses and ingress-controller annotations.

use crate::model::kubernetes::{Object, is_templated};
use crate::rules::Rule;
use crate::syntax::yaml::NodeRef;

pub mod ingress_nginx_snippet_annotation;
pub mod ingress_nginx_snippet_injection;
pub mod ingress_without_tls;
pub mod nodeport_service;
pub mod public_load_balancer_service;

pub static RULES: &[&dyn Rule] = &[
    &nodeport_service::NodeportService,
    &public_load_balancer_service::PublicLoadBalancerService,
    &ingress_without_tls::IngressWithoutTls,
    &ingress_nginx_snippet_annotation::IngressNginxSnippetAnnotation,
    &ingress_nginx_snippet_injection::IngressNginxSnippetInjection,
];

/// The `spec.type` value of a core Service, when it is `wanted`.
fn service_type<'a>(object: &Object<'a>, wanted: &str) -> Option<NodeRef<'a>> {
    if object.kind != "Service" || object.api_version != "v1" {
        return None;
    }
    object.root.path(&["spec", "type"]).filter(|t| t.str() == Some(wanted))
}

fn is_ingress(object: &Object<'_>) -> bool {
    object.kind == "Ingress" && matches!(object.group(), "networking.k8s.io" | "extensions")
}

/// An NGINX configuration snippet in an Ingress annotation.
struct Snippet<'a> {
    /// The annotation name after its prefix (`configuration-snippet`).
    name: &'a str,
    key: NodeRef<'a>,
    value: NodeRef<'a>,
    text: &'a str,
}

/// The snippet annotations of an Ingress: ingress-nginx's `nginx.ingress.kubernetes.io/*-snippet`
/// and the NGINX Inc. controller's `nginx.org/*-snippets`, both pasted into `nginx.conf` as is.
/// Templated values are left out.
fn snippets<'a>(object: &Object<'a>) -> Vec<Snippet<'a>> {
    if !is_ingress(object) {
        return Vec::new();
    }
    let annotations = object.metadata.and_then(|m| m.get("annotations"));
    let entries = annotations.into_iter().flat_map(|a| a.entries());
    entries
        .filter_map(|(key, value)| {
            let k = key.str()?;
            let name = k
                .strip_prefix("nginx.ingress.kubernetes.io/")
                .filter(|n| n.ends_with("-snippet"))
                .or_else(|| k.strip_prefix("nginx.org/").filter(|n| n.ends_with("-snippets")))?;
            let text = value.str().filter(|t| !is_templated(t))?;
            Some(Snippet { name, key, value, text })
        })
        .collect()
}
