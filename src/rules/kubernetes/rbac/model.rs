//! One small model of RBAC objects: the rules of a Role or ClusterRole and what each grants, matched
//! as the API server's RBAC authorizer matches a request (`*` in verbs, resources and apiGroups,
//! `*/subresource`), and a binding's `roleRef` and `subjects`.
//!
//! A list that is not a YAML sequence (a templated or scalar value) has no items, so it grants
//! nothing: unknown values are never guessed into a finding.

use crate::model::kubernetes::Object;
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

pub const RBAC_GROUP: &str = "rbac.authorization.k8s.io";

/// A string item of a rule's or a subject's field, with where it is written.
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    pub value: &'a str,
    pub span: Span,
}

impl Item<'_> {
    pub fn is_wildcard(&self) -> bool {
        self.value == "*"
    }
}

fn item(node: NodeRef<'_>) -> Option<Item<'_>> {
    Some(Item { value: node.str()?, span: node.span() })
}

fn list<'a>(node: NodeRef<'a>, key: &str) -> Vec<Item<'a>> {
    node.get(key).map(|v| v.items().filter_map(item).collect()).unwrap_or_default()
}

/// A Role or a ClusterRole.
pub struct Role<'a> {
    pub cluster: bool,
    rules: Vec<PolicyRule<'a>>,
    /// An `aggregationRule` makes the controller own `rules`: what is written there is replaced.
    aggregated: bool,
    /// The built-in ClusterRoles (`admin`, `edit`, `view`) this one is aggregated into, with the
    /// label key that does it: everyone bound to those gets these rules too.
    pub aggregated_into: Vec<(&'static str, Span)>,
}

impl<'a> Role<'a> {
    pub fn of(object: &Object<'a>) -> Option<Role<'a>> {
        if object.group() != RBAC_GROUP {
            return None;
        }
        let cluster = match object.kind {
            "Role" => false,
            "ClusterRole" => true,
            _ => return None,
        };
        let rules = object.root.get("rules").map(|r| r.items().map(PolicyRule::new).collect()).unwrap_or_default();
        let aggregated = cluster && object.root.get("aggregationRule").is_some_and(|a| !a.is_null());
        let labels = object.metadata.and_then(|m| m.get("labels"));
        let aggregated_into = ["admin", "edit", "view"]
            .into_iter()
            .filter_map(|target| {
                let (key, value) = labels?.entry(&format!("rbac.authorization.k8s.io/aggregate-to-{target}"))?;
                (cluster && value.str() == Some("true")).then(|| (target, key.span()))
            })
            .collect();
        Some(Role { cluster, rules, aggregated, aggregated_into })
    }

    /// The rules that take effect: none when an `aggregationRule` replaces them.
    pub fn rules(&self) -> &[PolicyRule<'a>] {
        if self.aggregated { &[] } else { &self.rules }
    }
}

/// One entry of `rules`.
pub struct PolicyRule<'a> {
    pub api_groups: Vec<Item<'a>>,
    pub resources: Vec<Item<'a>>,
    pub verbs: Vec<Item<'a>>,
    pub resource_names: Vec<Item<'a>>,
    pub non_resource_urls: Vec<Item<'a>>,
}

/// A resource a rule may grant access to. `name` may name a subresource (`pods/exec`).
pub struct Resource {
    pub group: &'static str,
    pub name: &'static str,
    /// A namespaced Role cannot grant access to a cluster-scoped resource.
    pub cluster_scoped: bool,
}

/// Something a rule may grant: one of `verbs` on one of `resources`.
pub struct Access {
    pub resources: &'static [Resource],
    pub verbs: &'static [&'static str],
}

/// What one rule grants of an [`Access`] for one resource, with the items that grant it (an exact
/// item is preferred over a wildcard).
pub struct Grant<'a> {
    pub resource: &'static Resource,
    pub group_item: Item<'a>,
    pub resource_item: Item<'a>,
    /// Every item granting one of the wanted verbs.
    pub verb_items: Vec<Item<'a>>,
}

impl<'a> PolicyRule<'a> {
    fn new(node: NodeRef<'a>) -> Self {
        PolicyRule {
            api_groups: list(node, "apiGroups"),
            resources: list(node, "resources"),
            verbs: list(node, "verbs"),
            resource_names: list(node, "resourceNames"),
            non_resource_urls: list(node, "nonResourceURLs"),
        }
    }

    /// What this rule grants of `access`, per resource, in a Role (`cluster` false) or a ClusterRole.
    pub fn grants(&self, access: &'static Access, cluster: bool) -> Vec<Grant<'a>> {
        let verb_items: Vec<Item<'a>> =
            self.verbs.iter().copied().filter(|v| v.is_wildcard() || access.verbs.contains(&v.value)).collect();
        if verb_items.is_empty() {
            return Vec::new();
        }
        access
            .resources
            .iter()
            .filter(|r| cluster || !r.cluster_scoped)
            .filter_map(|r| {
                let group_item = best(&self.api_groups, |g| g == "*" || g == r.group)?;
                let resource_item = best(&self.resources, |x| resource_matches(x, r.name))?;
                Some(Grant { resource: r, group_item, resource_item, verb_items: verb_items.clone() })
            })
            .collect()
    }

    /// Every wildcard of the rule: `*` in verbs or apiGroups, `*` or `*/subresource` in resources,
    /// `*` or `/*` in nonResourceURLs.
    pub fn wildcards(&self) -> impl Iterator<Item = (&'static str, Item<'a>)> + '_ {
        fn star<'s, 'a>(
            field: &'static str,
            items: &'s [Item<'a>],
            wild: fn(&str) -> bool,
        ) -> impl Iterator<Item = (&'static str, Item<'a>)> + 's {
            items.iter().filter(move |i| wild(i.value)).map(move |i| (field, *i))
        }
        star("verbs", &self.verbs, |v| v == "*")
            .chain(star("resources", &self.resources, |r| r == "*" || r.starts_with("*/")))
            .chain(star("apiGroups", &self.api_groups, |g| g == "*"))
            .chain(star("nonResourceURLs", &self.non_resource_urls, |u| u == "*" || u == "/*"))
    }
}

/// The first item equal to what is wanted, else the first that matches it (a wildcard).
fn best<'a>(items: &[Item<'a>], matches: impl Fn(&str) -> bool) -> Option<Item<'a>> {
    let mut wild = None;
    for i in items {
        if matches(i.value) {
            if !i.value.starts_with('*') {
                return Some(*i);
            }
            wild = wild.or(Some(*i));
        }
    }
    wild
}

fn resource_matches(item: &str, wanted: &str) -> bool {
    item == "*" || item == wanted || wanted.split_once('/').is_some_and(|(_, sub)| item.strip_prefix("*/") == Some(sub))
}

/// A RoleBinding or a ClusterRoleBinding.
pub struct Binding<'a> {
    pub cluster: bool,
    pub role_kind: Option<&'a str>,
    pub role_name: Option<Item<'a>>,
    pub subjects: Vec<Subject<'a>>,
}

/// One entry of `subjects`.
pub struct Subject<'a> {
    pub kind: Option<&'a str>,
    pub name: Option<Item<'a>>,
    /// The namespace of a ServiceAccount subject; a RoleBinding's own namespace when omitted.
    pub namespace: Option<&'a str>,
}

impl<'a> Binding<'a> {
    pub fn of(object: &Object<'a>) -> Option<Binding<'a>> {
        if object.group() != RBAC_GROUP {
            return None;
        }
        let cluster = match object.kind {
            "RoleBinding" => false,
            "ClusterRoleBinding" => true,
            _ => return None,
        };
        let role_ref = object.root.get("roleRef");
        let subjects = object
            .root
            .get("subjects")
            .map(|s| {
                s.items()
                    .map(|s| Subject {
                        kind: s.get("kind").and_then(|k| k.str()),
                        name: s.get("name").and_then(item),
                        namespace: s.get("namespace").and_then(|n| n.str()).or(if cluster {
                            None
                        } else {
                            object.namespace
                        }),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(Binding {
            cluster,
            role_kind: role_ref.and_then(|r| r.get("kind")).and_then(|k| k.str()),
            role_name: role_ref.and_then(|r| r.get("name")).and_then(item),
            subjects,
        })
    }

    /// `ClusterRole `view`` for messages.
    pub fn role_display(&self) -> String {
        let name = self.role_name.map_or("<unnamed>", |n| n.value);
        format!("{} `{name}`", self.role_kind.unwrap_or("role"))
    }
}

impl Subject<'_> {
    /// `ServiceAccount `ns/name``, `Group `name``, for messages.
    pub fn display(&self) -> String {
        let name = self.name.map_or("<unnamed>", |n| n.value);
        match (self.kind, self.namespace) {
            (Some("ServiceAccount"), Some(ns)) => format!("ServiceAccount `{ns}/{name}`"),
            (kind, _) => format!("{} `{name}`", kind.unwrap_or("subject")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::resource_matches;

    #[test]
    fn resources_match_as_the_authorizer_matches_them() {
        assert!(resource_matches("*", "pods/exec"));
        assert!(resource_matches("*/exec", "pods/exec"));
        assert!(resource_matches("pods/exec", "pods/exec"));
        // `*/exec` is no wildcard for the resource itself, nor `pods/*` for its subresources.
        assert!(!resource_matches("*/exec", "pods"));
        assert!(!resource_matches("pods/*", "pods/exec"));
        assert!(!resource_matches("pods", "pods/exec"));
        assert!(!resource_matches("Secrets", "secrets"));
    }
}
