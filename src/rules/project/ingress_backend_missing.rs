//! K8S429: an Ingress sends traffic to a Service, or a port of it, that its namespace does not
//! have, when the run defines the namespace's Services.

use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;

pub struct IngressBackendMissing;

impl ProjectRule for IngressBackendMissing {
    fn code(&self) -> &'static str {
        "K8S429"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let index = project.index;
        let findings = super::Findings::of(self.code());
        // Only namespaces whose Services the run defines are judged.
        let defining = super::defining(index.service_ports.keys().map(|(ns, _)| ns.as_str()));
        for ingress in index.ingresses.iter().filter(|i| defining.contains(i.namespace.as_str())) {
            for b in &ingress.backends {
                let key = (ingress.namespace.clone(), b.service.clone());
                let what = match index.service_ports.get(&key) {
                    None => format!("Service `{}`, which namespace `{}` does not have", b.service, ingress.namespace),
                    Some(ports) => {
                        // A port whose number or name is templated may be the one named.
                        let found = match &b.port {
                            Some(Ok(n)) => ports.iter().any(|p| p.number.is_none_or(|m| m == *n)),
                            Some(Err(name)) => ports.iter().any(|p| {
                                p.name
                                    .as_deref()
                                    .is_some_and(|m| m == name || crate::model::kubernetes::is_templated(m))
                            }),
                            None => true,
                        };
                        if found {
                            continue;
                        }
                        let port = match &b.port {
                            Some(Ok(n)) => n.to_string(),
                            Some(Err(name)) => format!("`{name}`"),
                            None => String::new(),
                        };
                        format!("port {port} of Service `{}`, which the Service does not expose", b.service)
                    }
                };
                let message = format!("Ingress {}/{} sends traffic to {what}", ingress.namespace, ingress.name);
                if let Some(d) = findings.at(&ingress.path, b.at, b.source.as_ref(), message) {
                    out.push(d.with_help(
                        "name a Service of the Ingress's namespace and one of its `ports` (by `number` = its `port`, \
                         or by `name`); the backend otherwise answers 503",
                    ));
                }
            }
        }
    }
}
