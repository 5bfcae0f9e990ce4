//! The project index: small owned facts each file contributes, for project (cross-file) rules.
//! Built once per run after every file is parsed; rules read the index, never whole trees.

pub mod network;
pub mod selector;

use std::sync::Arc;

pub use network::Policy;
use selector::Selector;

use crate::diagnostic::HelmSource;
use crate::model::compose::{ComposeFile, Value};
use crate::model::dockerfile::{DockerfileModel, RunUser};
use crate::model::kubernetes::Object;
use crate::model::kubernetes::is_templated;
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

/// A pod-bearing object.
#[derive(Clone, Debug)]
pub struct Workload {
    pub path: Arc<str>,
    pub span: Span,
    /// Where findings about the workload point: its `metadata.name` value, else the document.
    pub at: Span,
    pub kind: String,
    pub name: String,
    /// `metadata.namespace`, else the run's default namespace (`[kubernetes] default-namespace`).
    pub namespace: String,
    /// `hostNetwork: true`: NetworkPolicies do not apply to the pod's traffic.
    pub host_network: bool,
    /// The Helm template the workload was rendered from, its key path at `at`.
    pub source: Option<HelmSource>,
    pub file_end: FileEnd,
    /// `serviceAccountName` (or the deprecated `serviceAccount`) and its value's span, with its
    /// Helm source; `None` for the namespace's `default` account.
    pub service_account: Option<(String, Span, Option<HelmSource>)>,
    /// Labels of the pod template (what selectors match).
    pub pod_labels: Vec<(String, String)>,
    pub containers: Vec<ContainerFacts>,
}

/// Where a document appended to a file goes: the end of the file, whether a line break must
/// come first (the file does not end with one), and the file's line break.
#[derive(Clone, Copy, Debug)]
pub struct FileEnd {
    pub offset: usize,
    pub needs_break: bool,
    pub line_break: &'static str,
}

impl FileEnd {
    pub fn of(src: &str) -> FileEnd {
        let line_break = if src.contains("\r\n") { "\r\n" } else { "\n" };
        FileEnd { offset: src.len(), needs_break: !src.is_empty() && !src.ends_with('\n'), line_break }
    }
}

/// A `Namespace` object of the run.
#[derive(Clone, Debug)]
pub struct NamespaceFacts {
    pub path: Arc<str>,
    /// Its `metadata.name` value.
    pub at: Span,
    pub name: String,
    pub source: Option<HelmSource>,
    pub file_end: FileEnd,
}

/// What a container runs and as whom, as far as the manifest says.
#[derive(Clone, Debug)]
pub struct ContainerFacts {
    pub name: String,
    pub image: String,
    pub image_span: Span,
    /// `runAsNonRoot: true` in effect (the container's value, else the pod's).
    pub run_as_non_root: bool,
    /// `runAsUser` in effect, any value (a templated one included): the image's user is then
    /// not what runs.
    pub run_as_user: bool,
    pub source: Option<HelmSource>,
}

/// Who a Dockerfile's final stage runs as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FinalUser {
    Root,
    User(String),
    Unknown,
    Missing,
}

#[derive(Clone, Debug)]
pub struct DockerfileFacts {
    pub path: Arc<str>,
    pub final_user: FinalUser,
    /// The `USER` instruction, else the final `FROM`.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ComposeService {
    pub path: Arc<str>,
    pub name: String,
    pub span: Span,
    pub image: Option<String>,
    /// `build:` context (short form or `build.context`).
    pub build_context: Option<String>,
    /// `build.dockerfile`, relative to the context.
    pub dockerfile: Option<String>,
}

/// A core `Service` that selects its pods by labels (not `ExternalName`, not one without a
/// selector, whose endpoints are managed by hand).
#[derive(Clone, Debug)]
pub struct Service {
    pub path: Arc<str>,
    /// The `spec.selector` mapping.
    pub at: Span,
    pub name: String,
    pub namespace: String,
    pub selector: Vec<(String, String)>,
    pub source: Option<HelmSource>,
}

/// A port a Service exposes: its `name` and `port` number.
#[derive(Clone, Debug)]
pub struct ServicePort {
    pub name: Option<String>,
    pub number: Option<i64>,
}

/// A backend an Ingress sends traffic to: a Service and one of its ports.
#[derive(Clone, Debug)]
pub struct Backend {
    /// The `backend.service` mapping.
    pub at: Span,
    pub service: String,
    /// `port.number` or `port.name`.
    pub port: Option<Result<i64, String>>,
    pub source: Option<HelmSource>,
}

/// An Ingress and its backends.
#[derive(Clone, Debug)]
pub struct IngressFacts {
    pub path: Arc<str>,
    pub name: String,
    pub namespace: String,
    pub backends: Vec<Backend>,
}

/// A RoleBinding or ClusterRoleBinding and the role it grants.
#[derive(Clone, Debug)]
pub struct Binding {
    pub path: Arc<str>,
    /// The `roleRef` mapping.
    pub at: Span,
    pub kind: String,
    pub name: String,
    /// `None` for a ClusterRoleBinding.
    pub namespace: Option<String>,
    pub role_kind: String,
    pub role_name: String,
    pub source: Option<HelmSource>,
}

/// A HorizontalPodAutoscaler and the workload it scales.
#[derive(Clone, Debug)]
pub struct Autoscaler {
    pub path: Arc<str>,
    /// The `spec.scaleTargetRef` mapping.
    pub at: Span,
    pub name: String,
    pub namespace: String,
    pub target_kind: String,
    pub target_name: String,
    pub source: Option<HelmSource>,
}

/// A PodDisruptionBudget and the pods it counts.
#[derive(Clone, Debug)]
pub struct DisruptionBudget {
    pub path: Arc<str>,
    /// The `spec.selector`.
    pub at: Span,
    pub name: String,
    pub namespace: String,
    pub selector: Selector,
    pub source: Option<HelmSource>,
}

#[derive(Clone, Debug)]
pub enum Fact {
    /// Boxed: a workload is several times the size of the other facts.
    Workload(Box<Workload>),
    DisruptionBudget(DisruptionBudget),
    /// A ServiceAccount: `(namespace, name)`.
    ServiceAccount(String, String),
    NetworkPolicy(Policy),
    Service(Service),
    /// Every core Service (with a selector or not): `(namespace, name, ports)`.
    ServicePorts(String, String, Vec<ServicePort>),
    Ingress(IngressFacts),
    /// A Role (`Some(namespace)`) or ClusterRole (`None`) and its name.
    Role(Option<String>, String),
    Binding(Binding),
    Autoscaler(Autoscaler),
    /// An object of an API group Kubernetes does not ship, in this namespace: an operator may
    /// run pods for it (a prometheus-operator `Alertmanager`) that no workload of the run shows.
    CustomObject {
        namespace: String,
    },
    Namespace(NamespaceFacts),
    /// A policy object of a network plugin or of the AdminNetworkPolicy API (Cilium, Calico,
    /// Antrea): in its namespace (`Some`) or the whole cluster (`None`), pods may be isolated by
    /// rules these facts do not model.
    PluginPolicy(Option<String>),
    Dockerfile(DockerfileFacts),
    ComposeService(ComposeService),
}

#[derive(Debug, Default)]
pub struct ProjectIndex {
    /// Boxed as the facts bring them: the index moves pointers, not workloads.
    pub workloads: Vec<Box<Workload>>,
    pub policies: Vec<Policy>,
    pub services: Vec<Service>,
    /// The ports of every Service, by `(namespace, name)`.
    pub service_ports: std::collections::HashMap<(String, String), Vec<ServicePort>>,
    pub ingresses: Vec<IngressFacts>,
    /// `(namespace, name)` of Roles, `(None, name)` of ClusterRoles.
    pub roles: std::collections::HashSet<(Option<String>, String)>,
    pub bindings: Vec<Binding>,
    pub autoscalers: Vec<Autoscaler>,
    pub budgets: Vec<DisruptionBudget>,
    /// `[images]` of the configuration: an image repository and the absolute path of the
    /// Dockerfile it is built from.
    pub image_links: Vec<(String, std::path::PathBuf)>,
    /// `(namespace, name)` of every ServiceAccount.
    pub service_accounts: std::collections::HashSet<(String, String)>,
    /// Namespaces that hold a custom object ([`Fact::CustomObject`]).
    pub custom_namespaces: std::collections::HashSet<String>,
    /// The `Namespace` objects, in the order of the run.
    pub namespaces: Vec<NamespaceFacts>,
    /// Namespaces with a network plugin's policy ([`Fact::PluginPolicy`]), `None` for one of the
    /// whole cluster.
    pub plugin_policies: std::collections::HashSet<Option<String>>,
    pub dockerfiles: Vec<DockerfileFacts>,
    pub compose_services: Vec<ComposeService>,
}

impl ProjectIndex {
    pub fn new(facts: impl IntoIterator<Item = Fact>) -> Self {
        let mut index = ProjectIndex::default();
        for f in facts {
            match f {
                Fact::Workload(w) => index.workloads.push(w),
                Fact::NetworkPolicy(p) => index.policies.push(p),
                Fact::Service(s) => index.services.push(s),
                // Copies of one Service (kustomize overlays) count together: a port of any is one.
                Fact::ServicePorts(ns, name, ports) => {
                    index.service_ports.entry((ns, name)).or_default().extend(ports);
                }
                Fact::Ingress(i) => index.ingresses.push(i),
                Fact::Role(ns, name) => {
                    index.roles.insert((ns, name));
                }
                Fact::Binding(b) => index.bindings.push(b),
                Fact::Autoscaler(a) => index.autoscalers.push(a),
                Fact::DisruptionBudget(b) => index.budgets.push(b),
                Fact::ServiceAccount(ns, name) => {
                    index.service_accounts.insert((ns, name));
                }
                Fact::CustomObject { namespace } => {
                    index.custom_namespaces.insert(namespace);
                }
                Fact::Namespace(n) => index.namespaces.push(n),
                Fact::PluginPolicy(scope) => {
                    index.plugin_policies.insert(scope);
                }
                Fact::Dockerfile(d) => index.dockerfiles.push(d),
                Fact::ComposeService(c) => index.compose_services.push(c),
            }
        }
        index
    }
}

pub fn dockerfile_facts(path: &Arc<str>, model: &DockerfileModel<'_>) -> Option<Fact> {
    let stage = model.final_stage()?;
    let (final_user, span) = match model.run_user(stage) {
        RunUser::Root(i, _) => (FinalUser::Root, i.span),
        RunUser::User(i, user) => (FinalUser::User(user), i.span),
        RunUser::Unknown => (FinalUser::Unknown, stage.from.span),
        RunUser::Missing => (FinalUser::Missing, stage.from.span),
    };
    Some(Fact::Dockerfile(DockerfileFacts { path: path.clone(), final_user, span }))
}

/// The Helm source of `object`, with the key path of `at` (for findings placed there).
pub(crate) fn helm_source(object: &Object<'_>, at: Span) -> Option<HelmSource> {
    object.source.clone().map(|mut s| {
        s.key_path = crate::model::helm::KeyPath::at(object.root, at.start);
        s
    })
}

/// The API groups Kubernetes ships (`""` is the core group of `v1`).
const BUILT_IN_GROUPS: [&str; 21] = [
    "",
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
    "apiregistration.k8s.io",
    "apps",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "autoscaling",
    "batch",
    "certificates.k8s.io",
    "coordination.k8s.io",
    "discovery.k8s.io",
    "events.k8s.io",
    "extensions",
    "flowcontrol.apiserver.k8s.io",
    "networking.k8s.io",
    "node.k8s.io",
    "policy",
    "rbac.authorization.k8s.io",
    "scheduling.k8s.io",
    "storage.k8s.io",
];

/// Whether `kind` of API `group` is a network plugin's policy that isolates pods (`Some`), and
/// for the whole cluster (`Some(true)`) or its namespace. Staged (not enforced) ones are not.
fn plugin_policy(group: &str, kind: &str) -> Option<bool> {
    match (group, kind) {
        ("cilium.io", "CiliumNetworkPolicy")
        | ("projectcalico.org" | "crd.projectcalico.org", "NetworkPolicy")
        | ("crd.antrea.io", "NetworkPolicy") => Some(false),
        ("cilium.io", "CiliumClusterwideNetworkPolicy")
        | ("projectcalico.org" | "crd.projectcalico.org", "GlobalNetworkPolicy")
        | ("crd.antrea.io", "ClusterNetworkPolicy")
        | ("policy.networking.k8s.io", "AdminNetworkPolicy" | "BaselineAdminNetworkPolicy" | "ClusterNetworkPolicy") => {
            Some(true)
        }
        _ => None,
    }
}

/// The namespace objects without `metadata.namespace` are in, unless configured.
pub const DEFAULT_NAMESPACE: &str = "default";

/// How the objects of a file get their namespace.
#[derive(Clone, Copy, Debug)]
pub struct Namespaces<'n> {
    /// For objects without `metadata.namespace`.
    pub default: &'n str,
    /// A kustomization's `namespace:`: kustomize sets it on every namespaced object it builds
    /// from the file, over what the file says.
    pub forced: Option<&'n str>,
}

impl<'n> Namespaces<'n> {
    pub fn of<'o>(&self, object: &Object<'o>) -> &'o str
    where
        'n: 'o,
    {
        self.forced.or(object.namespace).unwrap_or(self.default)
    }
}

/// What a Kubernetes object of the file `src` adds to the index.
pub fn kubernetes_facts(path: &Arc<str>, src: &str, object: &Object<'_>, namespaces: &Namespaces<'_>) -> Vec<Fact> {
    let mut out: Vec<Fact> = object_facts(path, src, object, namespaces).into_iter().collect();
    let namespace = || namespaces.of(object).to_string();
    let spec = object.root.get("spec");
    if object.kind == "Service" && object.api_version == "v1" {
        let ports = spec.and_then(|s| s.get("ports")).map_or_else(Vec::new, |p| {
            p.items()
                .map(|i| ServicePort {
                    name: i.get("name").and_then(|n| n.str()).map(str::to_string),
                    number: i.get("port").and_then(|n| n.str()).and_then(|n| n.parse().ok()),
                })
                .collect()
        });
        if let Some(name) = object.name.filter(|n| !is_templated(n)) {
            out.push(Fact::ServicePorts(namespace(), name.to_string(), ports));
        }
    }
    let rbac = object.api_version.starts_with("rbac.authorization.k8s.io/");
    let name = object.name.filter(|n| !is_templated(n));
    match (object.kind, name) {
        ("Role", Some(n)) if rbac => out.push(Fact::Role(Some(namespace()), n.to_string())),
        ("ClusterRole", Some(n)) if rbac => out.push(Fact::Role(None, n.to_string())),
        ("RoleBinding" | "ClusterRoleBinding", _) if rbac => {
            let role = object.root.get("roleRef");
            let field = |k: &str| role?.get(k)?.str().filter(|v| !is_templated(v)).map(str::to_string);
            if let (Some(role), Some(role_kind), Some(role_name)) = (role, field("kind"), field("name")) {
                out.push(Fact::Binding(Binding {
                    path: path.clone(),
                    at: role.span(),
                    kind: object.kind.to_string(),
                    name: object.name.unwrap_or_default().to_string(),
                    namespace: (object.kind == "RoleBinding").then(namespace),
                    role_kind,
                    role_name,
                    source: helm_source(object, role.span()),
                }));
            }
        }
        _ => {}
    }
    if object.kind == "Ingress" && object.api_version == "networking.k8s.io/v1" {
        let mut backends = Vec::new();
        let mut add = |backend: Option<NodeRef<'_>>| {
            let Some(service) = backend.and_then(|b| b.get("service")) else { return };
            let Some(name) = service.get("name").and_then(|n| n.str()).filter(|n| !is_templated(n)) else { return };
            let port = service.get("port").and_then(|p| {
                match (p.get("number").and_then(|n| n.str()), p.get("name").and_then(|n| n.str())) {
                    (Some(n), _) => n.parse().ok().map(Ok),
                    (None, Some(name)) if !is_templated(name) => Some(Err(name.to_string())),
                    _ => None,
                }
            });
            backends.push(Backend {
                at: service.span(),
                service: name.to_string(),
                port,
                source: helm_source(object, service.span()),
            });
        };
        add(spec.and_then(|s| s.get("defaultBackend")));
        for rule in spec.and_then(|s| s.get("rules")).into_iter().flat_map(|r| r.items()) {
            for p in rule.get("http").and_then(|h| h.get("paths")).into_iter().flat_map(|p| p.items()) {
                add(p.get("backend"));
            }
        }
        out.push(Fact::Ingress(IngressFacts {
            path: path.clone(),
            name: object.name.unwrap_or_default().to_string(),
            namespace: namespace(),
            backends,
        }));
    }
    out
}

fn object_facts(path: &Arc<str>, src: &str, object: &Object<'_>, namespaces: &Namespaces<'_>) -> Option<Fact> {
    if let Some(policy) = network::policy(path, object, namespaces) {
        return Some(Fact::NetworkPolicy(policy));
    }
    let namespace = || namespaces.of(object).to_string();
    let spec = object.root.get("spec");
    if object.kind == "Service" && object.api_version == "v1" {
        let selector = spec.and_then(|s| s.get("selector")).filter(|s| s.is_mapping() && !s.is_empty())?;
        let external = spec.and_then(|s| s.get("type")).and_then(|t| t.str()) == Some("ExternalName");
        let pairs = selector::labels(Some(selector));
        let templated = pairs.iter().any(|(k, v)| is_templated(k) || is_templated(v));
        return (!external && !templated && pairs.len() == selector.entries().count()).then(|| {
            Fact::Service(Service {
                path: path.clone(),
                at: selector.span(),
                name: object.name.unwrap_or_default().to_string(),
                namespace: namespace(),
                selector: pairs,
                source: helm_source(object, selector.span()),
            })
        });
    }
    if object.kind == "Namespace" && object.api_version == "v1" {
        let name = object.metadata.and_then(|m| m.get("name"))?;
        return Some(Fact::Namespace(NamespaceFacts {
            path: path.clone(),
            at: name.span(),
            name: name.str().filter(|n| !is_templated(n))?.to_string(),
            source: helm_source(object, name.span()),
            file_end: FileEnd::of(src),
        }));
    }
    if object.kind == "ServiceAccount" && object.api_version == "v1" {
        return Some(Fact::ServiceAccount(namespace(), object.name?.to_string()));
    }
    if object.kind == "PodDisruptionBudget" && object.api_version.starts_with("policy/") {
        let node = spec.and_then(|s| s.get("selector"))?;
        return Some(Fact::DisruptionBudget(DisruptionBudget {
            path: path.clone(),
            at: node.span(),
            name: object.name.unwrap_or_default().to_string(),
            namespace: namespace(),
            selector: Selector::parse(node).ok()?,
            source: helm_source(object, node.span()),
        }));
    }
    if object.kind == "HorizontalPodAutoscaler" && object.api_version.starts_with("autoscaling/") {
        let target = spec.and_then(|s| s.get("scaleTargetRef"))?;
        let field = |k: &str| target.get(k).and_then(|v| v.str()).filter(|v| !is_templated(v)).map(str::to_string);
        return Some(Fact::Autoscaler(Autoscaler {
            path: path.clone(),
            at: target.span(),
            name: object.name.unwrap_or_default().to_string(),
            namespace: namespace(),
            target_kind: field("kind")?,
            target_name: field("name")?,
            source: helm_source(object, target.span()),
        }));
    }
    let group = object.api_version.rsplit_once('/').map_or("", |(g, _)| g);
    if let Some(cluster_wide) = plugin_policy(group, object.kind) {
        return Some(Fact::PluginPolicy((!cluster_wide).then(namespace)));
    }
    let Some(pod) = object.pod_spec() else {
        return (!BUILT_IN_GROUPS.contains(&group))
            .then(|| Fact::CustomObject { namespace: namespaces.of(object).to_string() });
    };
    // An apps/v1 workload without `spec.selector` is rejected by the API server: it is a
    // fragment (a kustomize patch whose kustomization was not read), not an object.
    let selector = spec.and_then(|s| s.get("selector"));
    if object.api_version.starts_with("apps/") && selector.is_none() {
        return None;
    }
    let pod_labels = pod.labels().filter_map(|(k, v)| Some((k.to_string(), v.str()?.to_string()))).collect();
    let containers = pod
        .containers()
        .iter()
        .filter_map(|c| {
            let image = c.node.get("image")?;
            Some(ContainerFacts {
                name: c.node.get("name").and_then(|n| n.str()).unwrap_or_default().to_string(),
                image: image.str()?.to_string(),
                image_span: image.span(),
                run_as_non_root: c.effective("runAsNonRoot").and_then(|e| e.value.as_bool()) == Some(true),
                run_as_user: c.effective("runAsUser").is_some(),
                source: helm_source(object, image.span()),
            })
        })
        .collect();
    let name_node = object.metadata.and_then(|m| m.get("name"));
    let at = name_node.map_or(object.span, |n| n.span());
    let account = pod.spec.get("serviceAccountName").or_else(|| pod.spec.get("serviceAccount"));
    let service_account = account
        .and_then(|n| Some((n.str()?.to_string(), n.span())))
        .filter(|(name, _)| !name.is_empty() && name != "default" && !is_templated(name))
        .map(|(name, span)| (name, span, helm_source(object, span)));
    Some(Fact::Workload(Box::new(Workload {
        file_end: FileEnd::of(src),
        service_account,
        path: path.clone(),
        span: object.span,
        at,
        source: helm_source(object, at),
        kind: object.kind.to_string(),
        name: object.name.unwrap_or_default().to_string(),
        namespace: namespaces.of(object).to_string(),
        host_network: pod.spec.get("hostNetwork").and_then(|h| h.as_bool()) == Some(true),
        pod_labels,
        containers,
    })))
}

pub fn compose_facts(path: &Arc<str>, file: &ComposeFile<'_>) -> Vec<Fact> {
    file.services
        .iter()
        .map(|s| {
            // A build of a `target` stage runs that stage's user, not the final one's: not linked.
            let build = s.get("build").filter(|b| !b.is_mapping() || b.get("target").is_none());
            let build_context = build
                .and_then(|b| if b.is_mapping() { b.get("context") } else { Some(b) })
                .and_then(Value::of)
                .and_then(|v| v.literal().map(str::to_string));
            let dockerfile = build
                .filter(|b| b.is_mapping())
                .and_then(|b| b.get("dockerfile"))
                .and_then(Value::of)
                .and_then(|v| v.literal().map(str::to_string));
            Fact::ComposeService(ComposeService {
                path: path.clone(),
                name: s.name.to_string(),
                span: s.key.span(),
                image: s.value("image").and_then(|v| v.literal().map(str::to_string)),
                build_context,
                dockerfile,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::helm;
    use crate::syntax::{dockerfile, yaml};

    const DEFAULTS: Namespaces<'static> = Namespaces { default: DEFAULT_NAMESPACE, forced: None };

    #[test]
    fn dockerfile_final_user_follows_stages_and_args() {
        let path: Arc<str> = Arc::from("Dockerfile");
        let cases = [
            ("FROM a AS base\nUSER 10001\nFROM base\n", FinalUser::User("10001".into())),
            ("FROM a\nARG U=app\nUSER $U\n", FinalUser::User("app".into())),
            ("FROM a\nUSER root:root\n", FinalUser::Root),
            ("FROM a\nUSER $NOPE\n", FinalUser::Unknown),
            // Expanded where `USER` stands: in its own stage, before a later ARG changes it.
            ("FROM a AS base\nARG UID=10001\nUSER $UID\nFROM base\n", FinalUser::User("10001".into())),
            ("FROM a\nARG U=10001\nUSER $U\nARG U=app\n", FinalUser::User("10001".into())),
            ("FROM a AS b\nUSER 1\nFROM c\n", FinalUser::Missing),
        ];
        for (src, want) in cases {
            let ast = dockerfile::parse(src);
            let model = DockerfileModel::new(src, &ast);
            match dockerfile_facts(&path, &model) {
                Some(Fact::Dockerfile(d)) => assert_eq!(d.final_user, want, "{src}"),
                other => panic!("{src}: {other:?}"),
            }
        }
    }

    #[test]
    fn workloads_carry_pod_labels_and_images() {
        let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - {name: a, image: 'nginx:1.27'}\n      initContainers:\n        - {name: b, image: busybox}\n";
        let tree = yaml::parse(src, &yaml::Limits::default());
        let objects = crate::model::kubernetes::objects(&tree, &helm::sources(&tree), &Default::default());
        let Some(Fact::Workload(w)) = kubernetes_facts(&Arc::from("d.yaml"), src, &objects[0], &DEFAULTS).pop() else {
            panic!("no workload")
        };
        assert_eq!((w.name.as_str(), w.namespace.as_str(), w.at.slice(src)), ("web", "shop", "web"));
        assert_eq!(w.pod_labels, vec![("app".to_string(), "web".to_string())]);
        let images: Vec<_> = w.containers.iter().map(|c| (c.image.as_str(), c.image_span.slice(src))).collect();
        assert_eq!(images, vec![("nginx:1.27", "'nginx:1.27'"), ("busybox", "busybox")]);
    }

    #[test]
    fn an_apps_workload_without_a_selector_is_a_fragment() {
        let src = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: x}]\n";
        let tree = yaml::parse(src, &yaml::Limits::default());
        let objects = crate::model::kubernetes::objects(&tree, &helm::sources(&tree), &Default::default());
        assert!(kubernetes_facts(&Arc::from("patch.yaml"), src, &objects[0], &DEFAULTS).is_empty());
    }
}
