//! K8S424: a NetworkPolicy rule that admits every peer (`{}`, no `from`/`to`, a
//! `namespaceSelector: {}` peer, `0.0.0.0/0` without exceptions).

use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;

pub struct PolicyAllowsAll;

const HELP_FROM: &str = "list the peers in `from` (a `podSelector`, a `namespaceSelector` with labels, an `ipBlock` of \
                         the addresses needed) and the `ports` the pods serve";
const HELP_TO: &str = "list the peers in `to` (a `podSelector`, a `namespaceSelector` with labels, an `ipBlock` of the \
                       addresses needed) and the `ports` the pods call";

impl ProjectRule for PolicyAllowsAll {
    fn code(&self) -> &'static str {
        "K8S424"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let index = project.index;
        let findings = super::Findings::of(self.code());
        for p in &index.policies {
            for (direction, word, dir, help) in
                [(&p.ingress, "ingress", "from", HELP_FROM), (&p.egress, "egress", "to", HELP_TO)]
            {
                // Rules of a direction the policy does not isolate are ignored by Kubernetes.
                if !direction.isolates {
                    continue;
                }
                for rule in direction.rules.iter().filter(|r| r.allows_everyone()) {
                    let peers_text = if rule.allows_outside() {
                        "any address (in the cluster or outside it)"
                    } else {
                        "every pod of every namespace"
                    };
                    let ports = match rule.ports.as_slice() {
                        [] => "on every port".to_string(),
                        [one] => format!("on port {one}"),
                        all => format!("on ports {}", all.join(", ")),
                    };
                    let message = format!(
                        "NetworkPolicy {}/{} allows {word} {dir} {peers_text} {ports}, which undoes the isolation it \
                         gives",
                        p.namespace, p.name
                    );
                    if let Some(d) = findings.at(&p.path, rule.span, rule.source.as_ref(), message) {
                        out.push(d.with_help(help));
                    }
                }
            }
        }
    }
}
