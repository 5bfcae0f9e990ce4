//! K8S413: an Ingress carries an NGINX configuration snippet annotation (CVE-2021-25742).
//!
//! A snippet is pasted into the controller's `nginx.conf`; whoever may create an Ingress can then
//! run directives inside the controller, which holds a token that reads every Secret of the
//! cluster. ingress-nginx refuses snippets unless `allow-snippet-annotations` is on.

use super::snippets;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct IngressNginxSnippetAnnotation;

impl Rule for IngressNginxSnippetAnnotation {
    fn code(&self) -> &'static str {
        "K8S413"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        for s in snippets(object) {
            let msg = format!(
                "{} injects raw NGINX configuration with the `{}` annotation (CVE-2021-25742)",
                object.display_name(),
                s.name
            );
            let help = "use the controller's dedicated annotations or a ConfigMap owned by the cluster admins, and \
                        keep `allow-snippet-annotations: false` on the controller";
            let d = cx.diag(s.key.span(), msg).with_help(help);
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    #[test]
    fn snippet_annotations_of_both_nginx_controllers() {
        let src = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/configuration-snippet: |\n      more_set_headers \"X-Frame-Options: DENY\";\n    nginx.org/server-snippets: \"gzip on;\"\n    nginx.ingress.kubernetes.io/rewrite-target: /\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    nginx.ingress.kubernetes.io/server-snippet: x\n";
        assert_eq!(
            k8s_spans("K8S413", src),
            ["nginx.ingress.kubernetes.io/configuration-snippet", "nginx.org/server-snippets"]
        );
    }
}
