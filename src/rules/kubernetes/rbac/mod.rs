//! RBAC: Roles, ClusterRoles and their bindings.
//!
//! Each dangerous permission is its own rule, so it can be selected, ignored and compared with the
//! peers' checks on its own. A wildcard grants every permission it covers, as in the API server:
//! a `*`/`*`/`*` rule gets K8S801 and one finding from each permission rule it grants, each once
//! per rule entry (never one per verb or resource item).

use crate::diagnostic::Diagnostic;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};
use model::{Access, Grant, Item, Role};

mod admission_webhooks;
mod bind;
mod cluster_admin;
mod create_workloads;
mod csr_approval;
mod default_service_account;
mod escalate;
mod impersonate;
mod model;
mod node_proxy;
mod pod_exec;
mod public_subject;
mod secrets;
mod token_create;
mod wildcard;

pub static RULES: &[&dyn Rule] = &[
    &wildcard::Wildcard,
    &cluster_admin::ClusterAdmin,
    &public_subject::PublicSubject,
    &secrets::SECRETS,
    &pod_exec::PodExec,
    &create_workloads::CREATE_WORKLOADS,
    &escalate::ESCALATE,
    &bind::BIND,
    &impersonate::IMPERSONATE,
    &node_proxy::NODE_PROXY,
    &csr_approval::CsrApproval,
    &admission_webhooks::ADMISSION_WEBHOOKS,
    &token_create::TOKEN_CREATE,
    &default_service_account::DefaultServiceAccount,
];

/// Where a finding about a permission points: at the verb that defines it (`escalate`) or at the
/// resource (`secrets`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum At {
    Verb,
    Resource,
}

/// A permission a Role or ClusterRole should not grant lightly; one rule per permission.
pub struct Concern {
    pub code: &'static str,
    pub access: &'static Access,
    pub at: At,
    /// Whether a non-empty `resourceNames` narrows the grant to named objects enough to be silent.
    pub names_narrow: bool,
    /// What the grant allows, after the object's name: "can read Secrets".
    pub what: &'static str,
    pub help: &'static str,
}

impl Rule for Concern {
    fn code(&self) -> &'static str {
        self.code
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        self.check(cx, object, |_| true);
    }
}

impl Concern {
    /// Reports each rule entry of a Role or ClusterRole that grants this permission, once, among
    /// the grants `keep` accepts.
    pub fn check(&self, cx: &mut Context<'_>, object: &Object<'_>, keep: impl Fn(&Grant<'_>) -> bool) {
        let Some(role) = Role::of(object) else { return };
        for rule in role.rules() {
            if self.names_narrow && !rule.resource_names.is_empty() {
                continue;
            }
            let grants: Vec<Grant<'_>> = rule.grants(self.access, role.cluster).into_iter().filter(&keep).collect();
            if let Some(d) = grant_diag(cx, object, &role, &grants, self.at, self.what) {
                cx.emit(d.with_help(self.help));
            }
        }
    }
}

/// `{object} {what}: {verbs} on {resources}` at the verb or resource item of the first grant (all
/// grants of one rule entry), with labels saying what a wildcard API group covers and where the
/// role is aggregated into a built-in one.
pub fn grant_diag(
    cx: &Context<'_>,
    object: &Object<'_>,
    role: &Role<'_>,
    grants: &[Grant<'_>],
    at: At,
    what: &str,
) -> Option<Diagnostic> {
    let first = grants.first()?;
    let verb = first.verb_items.iter().find(|v| !v.is_wildcard()).or(first.verb_items.first())?;
    let primary = match at {
        At::Verb => verb.span,
        At::Resource => first.resource_item.span,
    };
    let verbs = join(first.verb_items.iter().map(|v| describe(v, "every verb")));
    let mut seen = Vec::new();
    let resources = join(grants.iter().filter_map(|g| {
        let item = g.resource_item;
        (!seen.contains(&item.span)).then(|| {
            seen.push(item.span);
            describe(&item, "every resource")
        })
    }));
    let mut d = cx.diag(primary, format!("{} {what}: {verbs} on {resources}", object.display_name()));
    if first.group_item.is_wildcard() && first.group_item.span != primary {
        let group = match first.resource.group {
            "" => "the core API group".to_string(),
            g => format!("the `{g}` API group"),
        };
        d = d.with_label(first.group_item.span, format!("`*` includes {group}"));
    }
    Some(with_aggregation(d, role))
}

/// Everyone bound to a built-in role this one is aggregated into gets its rules.
pub fn with_aggregation(mut d: Diagnostic, role: &Role<'_>) -> Diagnostic {
    for (target, span) in &role.aggregated_into {
        d = d.with_label(
            *span,
            format!("aggregated into the built-in `{target}` ClusterRole: everyone bound to it gets this"),
        );
    }
    d
}

/// "`get`", "`*` (every verb)", "`*/exec` (of every resource)".
fn describe(item: &Item<'_>, every: &str) -> String {
    if item.is_wildcard() {
        format!("`*` ({every})")
    } else if item.value.starts_with("*/") {
        format!("`{}` (of every resource)", item.value)
    } else {
        format!("`{}`", item.value)
    }
}

fn join(parts: impl Iterator<Item = String>) -> String {
    parts.collect::<Vec<_>>().join(", ")
}

/// A Role or ClusterRole named `r` in namespace `ns` whose `rules` are `rules` (written unindented).
#[cfg(test)]
pub fn role(kind: &str, rules: &str) -> String {
    let body: String = rules.lines().map(|l| format!("  {l}\n")).collect();
    format!(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata:\n  name: r\n  namespace: ns\nrules:\n{body}"
    )
}
