//! The one view over a pod spec, whichever object carries it, and its containers.

use crate::span::Span;
use crate::syntax::yaml::NodeRef;

#[derive(Clone, Copy)]
pub struct PodSpecView<'a> {
    pub spec: NodeRef<'a>,
    /// The `spec:` key of the pod spec: where a finding about a missing pod-level field points.
    pub key: NodeRef<'a>,
    /// The pod's own metadata (a template's `metadata`, beside its `spec`): pod labels and the
    /// annotations the kubelet reads (AppArmor, seccomp).
    pub metadata: Option<NodeRef<'a>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerGroup {
    Containers,
    InitContainers,
    EphemeralContainers,
}

impl ContainerGroup {
    pub fn key(self) -> &'static str {
        match self {
            ContainerGroup::Containers => "containers",
            ContainerGroup::InitContainers => "initContainers",
            ContainerGroup::EphemeralContainers => "ephemeralContainers",
        }
    }
}

impl<'a> PodSpecView<'a> {
    /// The pod spec at `path` below `root`, when it is a mapping.
    pub fn at(root: NodeRef<'a>, path: Vec<&str>) -> Option<PodSpecView<'a>> {
        let (last, parents) = path.split_last()?;
        let parent = root.path(parents)?;
        let (key, spec) = parent.entry(last)?;
        spec.is_mapping().then(|| PodSpecView {
            spec,
            key,
            metadata: parent.get("metadata").filter(|m| m.is_mapping()),
        })
    }

    /// The key node and value of a pod-spec field (`hostNetwork`, `volumes`, ...).
    pub fn field(&self, name: &str) -> Option<(NodeRef<'a>, NodeRef<'a>)> {
        self.spec.entry(name).filter(|(_, v)| !v.is_null())
    }

    /// `spec.volumes` items that are mappings.
    pub fn volumes(&self) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        self.spec.get("volumes").into_iter().flat_map(|v| v.items()).filter(|v| v.is_mapping())
    }

    /// An annotation on the pod's own metadata.
    pub fn annotation(&self, key: &str) -> Option<(NodeRef<'a>, NodeRef<'a>)> {
        self.metadata?.get("annotations")?.entry(key)
    }

    /// Labels of the pod (the template's labels for a workload).
    pub fn labels(&self) -> impl Iterator<Item = (&'a str, NodeRef<'a>)> + use<'a> {
        super::string_entries(self.metadata.and_then(|m| m.get("labels")))
    }

    /// `hostUsers: false`: the pod runs in its own user namespace.
    pub fn user_namespaced(&self) -> bool {
        self.spec.get("hostUsers").and_then(|n| n.as_bool()) == Some(false)
    }

    pub fn security_context(&self) -> Option<NodeRef<'a>> {
        self.spec.get("securityContext").filter(|n| n.is_mapping())
    }

    /// Windows pods follow other rules (no runAsNonRoot semantics, no Linux options).
    pub fn is_windows(&self) -> bool {
        self.spec.path(&["os", "name"]).and_then(|n| n.str()) == Some("windows")
    }

    /// The pod is meant for Windows nodes: `spec.os.name: windows`, a `nodeSelector` pinning
    /// `kubernetes.io/os: windows` (the way before `spec.os`), or a Windows HostProcess pod.
    /// Linux-only settings (capabilities, readOnlyRootFilesystem, runAsUser) do not apply to it.
    pub fn targets_windows(&self) -> bool {
        let selector = self.spec.get("nodeSelector");
        let pinned = |key: &str| selector.and_then(|s| s.get(key)).and_then(|n| n.str()) == Some("windows");
        let host_process = self.security_context().and_then(|sc| sc.path(&["windowsOptions", "hostProcess"]));
        self.is_windows()
            || pinned("kubernetes.io/os")
            || pinned("beta.kubernetes.io/os")
            || host_process.and_then(|h| h.as_bool()) == Some(true)
    }

    pub fn containers(&self) -> Vec<Container<'a>> {
        let pod_sc = self.security_context();
        let groups = [ContainerGroup::Containers, ContainerGroup::InitContainers, ContainerGroup::EphemeralContainers];
        groups
            .into_iter()
            .flat_map(|group| {
                self.spec.get(group.key()).into_iter().flat_map(|s| s.items()).filter(|c| c.is_mapping()).map(
                    move |node| Container {
                        node,
                        group,
                        name: node.get("name").and_then(|n| n.str()),
                        security_context: node.get("securityContext").filter(|n| n.is_mapping()),
                        pod_security_context: pod_sc,
                    },
                )
            })
            .collect()
    }
}

pub struct Container<'a> {
    pub node: NodeRef<'a>,
    pub group: ContainerGroup,
    pub name: Option<&'a str>,
    pub security_context: Option<NodeRef<'a>>,
    pub pod_security_context: Option<NodeRef<'a>>,
}

/// Where an effective security-context value was set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Container,
    Pod,
}

#[derive(Clone, Copy)]
pub struct Effective<'a> {
    pub value: NodeRef<'a>,
    /// The key node, to point a finding at `runAsUser:` rather than only its value.
    pub key: NodeRef<'a>,
    pub level: Level,
}

impl<'a> Container<'a> {
    /// The key node and value of a container field (`image`, `ports`, ...), when not null.
    pub fn field(&self, name: &str) -> Option<(NodeRef<'a>, NodeRef<'a>)> {
        self.node.entry(name).filter(|(_, v)| !v.is_null())
    }

    /// The key node and value of a field of the container's own `securityContext`.
    pub fn security_field(&self, name: &str) -> Option<(NodeRef<'a>, NodeRef<'a>)> {
        self.security_context?.entry(name).filter(|(_, v)| !v.is_null())
    }

    /// The items of a list field (`ports`, `env`, `volumeMounts`) that are mappings.
    pub fn list(&self, name: &str) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        self.node.get(name).into_iter().flat_map(|v| v.items()).filter(|v| v.is_mapping())
    }

    /// The items of `securityContext.capabilities.add` or `.drop` (`which`), as written.
    pub fn capabilities(&self, which: &str) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        let list = self.security_context.and_then(|sc| sc.path(&["capabilities", which]));
        list.into_iter().flat_map(|l| l.items())
    }

    /// The items of `command`, then of `args`: where a program's flags are written.
    pub fn argv(&self) -> Vec<NodeRef<'a>> {
        ["command", "args"].iter().filter_map(|k| self.node.get(k)).flat_map(|l| l.items()).collect()
    }

    pub fn image(&self) -> Option<NodeRef<'a>> {
        self.node.get("image").filter(|n| n.str().is_some())
    }

    /// A field shared by `PodSecurityContext` and `SecurityContext` (runAsUser, runAsNonRoot,
    /// seccompProfile, ...): the container's value wins over the pod's.
    pub fn effective(&self, field: &str) -> Option<Effective<'a>> {
        let pick = |sc: Option<NodeRef<'a>>, level| {
            let (key, value) = sc?.entry(field)?;
            (!value.is_null()).then_some(Effective { value, key, level })
        };
        pick(self.security_context, Level::Container).or_else(|| pick(self.pod_security_context, Level::Pod))
    }

    /// Where to point a finding about the container as a whole: its `name` value, else the item.
    pub fn anchor(&self) -> Span {
        self.node.get("name").map_or_else(|| first_line(self.node.span()), |n| n.span())
    }

    pub fn display_name(&self) -> String {
        let kind = match self.group {
            ContainerGroup::Containers => "container",
            ContainerGroup::InitContainers => "init container",
            ContainerGroup::EphemeralContainers => "ephemeral container",
        };
        format!("{kind} `{}`", self.name.unwrap_or("<unnamed>"))
    }
}

/// A span shortened to nothing, at its start: for "missing" findings on large nodes.
fn first_line(span: Span) -> Span {
    Span::point(span.start)
}
