//! K8S412: an Ingress that serves some or all of its hosts over plain HTTP.
//!
//! TLS configured outside `spec.tls`, by a cloud load balancer's certificate annotation, counts.

use super::is_ingress;
use crate::model::kubernetes::{Object, is_templated};
use crate::rules::{Context, Rule};

pub struct IngressWithoutTls;

/// Annotations that attach a certificate at the cloud load balancer instead of `spec.tls`.
const CERTIFICATE_ANNOTATIONS: &[&str] = &[
    "alb.ingress.kubernetes.io/certificate-arn",
    "ingress.gcp.kubernetes.io/pre-shared-cert",
    "networking.gke.io/managed-certificates",
    "appgw.ingress.kubernetes.io/appgw-ssl-certificate",
    "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
];

/// Whether the TLS host `pattern` (`*.example.com` or exact) covers `host`.
fn covers(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(suffix) => host.split_once('.').is_some_and(|(first, rest)| !first.is_empty() && rest == suffix),
        None => pattern == host,
    }
}

impl Rule for IngressWithoutTls {
    fn code(&self) -> &'static str {
        "K8S412"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        if !is_ingress(object) || CERTIFICATE_ANNOTATIONS.iter().any(|a| object.annotation(a).is_some()) {
            return;
        }
        let Some((spec_key, spec)) = object.root.entry("spec").filter(|(_, s)| s.is_mapping()) else { return };
        let help = "add a `spec.tls` entry with the hosts and a certificate Secret (cert-manager can issue one), \
                    and keep HTTP only as a redirect";
        let tls = spec.get("tls").filter(|t| !t.is_null());
        let Some(tls) = tls.filter(|t| !t.is_sequence() || !t.is_empty()) else {
            let msg = format!("{} has no `spec.tls`: it serves its hosts over plain HTTP", object.display_name());
            let d = cx.diag(spec_key.span(), msg).with_help(help);
            cx.emit(d);
            return;
        };
        // Every entry must list readable hosts; one without hosts covers the controller's default.
        let mut patterns = Vec::new();
        for entry in tls.items() {
            let Some(hosts) = entry.get("hosts").filter(|h| h.is_sequence() && !h.is_empty()) else { return };
            for h in hosts.items() {
                match h.str() {
                    Some(s) if !is_templated(s) => patterns.push(s),
                    _ => return,
                }
            }
        }
        if !tls.is_sequence() {
            return;
        }
        let rules = spec.get("rules").into_iter().flat_map(|r| r.items());
        for host in rules.filter_map(|r| r.get("host")) {
            let Some(h) = host.str().filter(|h| !h.is_empty() && !is_templated(h)) else { continue };
            if patterns.iter().any(|p| covers(p, h)) {
                continue;
            }
            let msg = format!(
                "host `{h}` of {} is not in any `spec.tls` entry: it is served over plain HTTP",
                object.display_name()
            );
            let d = cx.diag(host.span(), msg).with_help(help);
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::covers;
    use crate::rules::testing::k8s_spans;

    fn ingress(spec: &str) -> String {
        format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: web}}\nspec:\n{spec}")
    }

    #[test]
    fn no_tls_or_uncovered_hosts() {
        assert_eq!(k8s_spans("K8S412", &ingress("  rules:\n  - host: a.example.com\n")), ["spec"]);
        assert_eq!(k8s_spans("K8S412", &ingress("  tls: []\n  rules: []\n")), ["spec"]);
        let src = ingress(
            "  tls:\n  - hosts: [\"*.example.com\"]\n    secretName: s\n  rules:\n  - host: a.example.com\n  - host: a.b.example.com\n  - host: example.org\n",
        );
        assert_eq!(k8s_spans("K8S412", &src), ["a.b.example.com", "example.org"]);
    }

    #[test]
    fn hostless_tls_and_certificate_annotations_count() {
        assert!(
            k8s_spans("K8S412", &ingress("  tls:\n  - secretName: s\n  rules:\n  - host: a.example.com\n")).is_empty()
        );
        let src = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:x\nspec:\n  rules: []\n";
        assert!(k8s_spans("K8S412", src).is_empty());
    }

    #[test]
    fn wildcards_cover_one_label() {
        assert!(covers("*.example.com", "a.example.com"));
        assert!(!covers("*.example.com", "example.com"));
        assert!(!covers("*.example.com", "a.b.example.com"));
    }
}
