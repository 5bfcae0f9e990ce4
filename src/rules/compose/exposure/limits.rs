//! Resource limits a service sets, itself or through `extends`, for the rules that report one
//! missing.

use crate::diagnostic::Diagnostic;
use crate::model::compose::Service;
use crate::rules::Context;
use crate::syntax::yaml::NodeRef;

/// One resource: the `deploy.resources.limits` key and the service keys that also limit it.
pub struct Resource {
    pub deploy_key: &'static str,
    pub service_keys: &'static [&'static str],
}

pub enum Limit<'a> {
    /// Set (an interpolated value counts as set: it is decided at `docker compose up`).
    Set,
    /// Written, but with a value that means "no limit" (`0`, `-1`).
    Unlimited(NodeRef<'a>),
    Missing,
    /// The service extends one in a file that was not read (or one that is not there).
    Unknown,
}

impl Resource {
    /// What `svc` sets for this resource: its highest-priority definition (in the files read
    /// together, then the bases it `extends`) that writes any of the keys decides.
    pub fn limit<'a>(&self, svc: &Service<'a>) -> Limit<'a> {
        for layer in svc.layers() {
            let node = layer.node;
            let deploy = node.path(&["deploy", "resources", "limits", self.deploy_key]);
            let values: Vec<NodeRef<'a>> = deploy
                .into_iter()
                .chain(self.service_keys.iter().filter_map(|k| node.get(k)))
                .filter(|v| !v.is_null())
                .collect();
            if let Some(first) = values.first() {
                return match values.iter().find(|v| !unlimited(**v)) {
                    Some(_) => Limit::Set,
                    None => Limit::Unlimited(*first),
                };
            }
        }
        if svc.is_complete() { Limit::Missing } else { Limit::Unknown }
    }

    /// The finding for a service without this limit (or with an unlimited value), if any.
    pub fn check(&self, cx: &Context<'_>, svc: &Service<'_>, what: &str) -> Option<Diagnostic> {
        let example = format!("deploy.resources.limits.{}", self.deploy_key);
        match self.limit(svc) {
            Limit::Set | Limit::Unknown => None,
            Limit::Missing => Some(cx.diag(
                svc.key.span(),
                format!(
                    "service `{}` has no {what} limit (`{example}` or `{}`)",
                    svc.name,
                    self.service_keys.join("`/`")
                ),
            )),
            Limit::Unlimited(v) => Some(cx.diag(
                v.span(),
                format!(
                    "service `{}` sets its {what} limit to `{}`, which means no limit",
                    svc.name,
                    v.str().unwrap_or("")
                ),
            )),
        }
    }
}

/// `0`, `-1`, `0m`, `0.0`: Docker reads these as "no limit".
fn unlimited(v: NodeRef<'_>) -> bool {
    let Some(s) = v.str() else { return false };
    let number = s.trim().trim_end_matches(|c: char| c.is_ascii_alphabetic());
    number.parse::<f64>().is_ok_and(|n| n <= 0.0)
}
