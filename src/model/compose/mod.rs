//! Compose services with long and short syntax normalised. Interpolated values (`${VAR}`,
//! `${VAR:-default}`, `${VAR?err}`, `$VAR`, ...) are kept as [`Value::Unknown`], never taken as
//! literals; `$$` is a literal `$`.
//!
//! # Where a service's settings come from
//!
//! A [`Service`] reads its settings through [`Layer`]s, highest priority first, the way
//! `docker compose` merges them:
//! - the service's own definitions: in each file given together (an override file over its base,
//!   see [`ComposeFile::layered`]) and in each document of a file (later over earlier);
//! - for each of those files, the service it `extends` (and what that one extends), in the same
//!   file or, through the lookup given to [`ComposeFile::layered`], in another file.
//!
//! A scalar comes from the highest layer that sets it ([`Service::get`], [`Service::value`]),
//! a nested mapping key too ([`Service::path`]); sequences append from the lowest layer up, an
//! item replacing an earlier one with the same identity (a volume's target, a variable's name,
//! ...), as compose-go's merge does. `!reset` drops a key and what lower layers say about it;
//! `!override` keeps lower layers out. YAML `<<` merge keys and aliases are already resolved by
//! the YAML tree, so a service that merges `<<: *defaults` sees the merged keys. Top-level `x-*`
//! keys, and `x-*` keys under `services:`, are never services.
//!
//! # What a service offers
//!
//! Scalars (`image`, `user`, `privileged`, `read_only`, `network_mode`, `pid`, `ipc`,
//! `userns_mode`, `cgroup`, ...) through [`Service::value`], booleans read with
//! [`Value::as_bool`]; nested keys through [`Service::value_at`]. Typed: [`Service::ports`],
//! [`Service::volumes`], [`Service::environment`], [`Service::env_files`], [`Service::secrets`],
//! [`Service::configs`], [`Service::security_opts`], [`Service::cap_add`], [`Service::cap_drop`],
//! [`Service::devices`], [`Service::tmpfs`], [`Service::limits`], [`Service::reservations`],
//! [`Service::healthcheck`], [`Service::logging_driver`]. Parts of a short-syntax string
//! (`"127.0.0.1:8080:80"`) are values with their own exact span.
//!
//! # Where findings go
//!
//! A finding about a value the service writes itself goes at the value ([`Value::span`]). A value
//! the service gets through `<<: *anchor`, an alias (`cap_add: *caps`) or `extends` is written
//! once and read by several services: its finding goes AT THE SERVICE (the `<<` key, the `*alias`
//! token or the `extends` key) with a label at the value, so that each service gets its own
//! finding and its own place for a suppression comment. [`Service::site`] gives both. A finding
//! about a missing setting goes at [`Service::key`].

mod mounts;
mod ports;
mod settings;
#[cfg(test)]
mod tests;
mod text;

use std::collections::HashMap;

pub use mounts::{Device, MountOption, Tmpfs, Volume};
pub use ports::Port;
pub use settings::{Capability, EnvFile, FileRef, Healthcheck, Resources, SecurityOpt};
pub(crate) use text::split_outside;

use crate::model::vars;
use crate::span::Span;
use crate::syntax::yaml::{NodeId, NodeRef, ScalarStyle, YamlFile};

/// The names `docker compose` looks for in a directory, in its order (compose-go's
/// `DefaultFileNames`): the first one found is the project's file...
pub const DEFAULT_FILES: [&str; 4] = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];

/// ...and the first of these found (`DefaultOverrideFileNames`) is read after it, overriding it.
pub const OVERRIDE_FILES: [&str; 4] =
    ["compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"];

/// How deep a chain of `extends` is followed (Compose has no limit; cycles are caught anyway).
const MAX_EXTENDS: usize = 32;

pub struct ComposeFile<'a> {
    pub services: Vec<Service<'a>>,
    /// The document that holds `services:`, for the top-level keys (`secrets:`, `networks:`); of
    /// the file being linted when several are given together.
    pub root: Option<NodeRef<'a>>,
    /// Every document root with a `services:` mapping, lowest priority first.
    roots: Vec<NodeRef<'a>>,
}

impl<'a> ComposeFile<'a> {
    /// One file on its own (its documents layered in order; `extends` within the file).
    pub fn new(tree: &'a YamlFile) -> Self {
        Self::layered(&[tree], 0, &|_, _| None)
    }

    /// Files `docker compose` reads together (`-f base -f override`), lowest priority first;
    /// `root` is taken from `files[own]`. `external` gives the tree of a file named by
    /// `extends: {file: ...}` (as written, in the file given first), when the caller has it; a base it cannot give leaves
    /// the service incomplete ([`Service::is_complete`]).
    pub fn layered(
        files: &[&'a YamlFile],
        own: usize,
        external: &dyn Fn(&YamlFile, &str) -> Option<&'a YamlFile>,
    ) -> Self {
        let defs: Vec<Defs<'a>> = files.iter().map(|f| Defs::of(f)).collect();
        let root = defs.get(own).and_then(|d| d.roots.first().copied());
        let roots = defs.iter().flat_map(|d| d.roots.iter().copied()).collect();
        let mut names: Vec<&'a str> = Vec::new();
        for d in &defs {
            for def in &d.services {
                if !names.contains(&def.name) {
                    names.push(def.name);
                }
            }
        }
        let services = names.into_iter().filter_map(|name| Service::build(name, &defs, external)).collect();
        ComposeFile { services, root, roots }
    }

    /// A top-level key (`secrets`, `networks`, `volumes`, ...) from the highest file that has it.
    pub fn top(&self, key: &str) -> Option<NodeRef<'a>> {
        self.roots.iter().rev().find_map(|r| r.get(key))
    }

    /// The `extends.file` values of a file's services (literal ones), for a caller that can give
    /// their trees to [`Self::layered`].
    pub fn extends_files(tree: &'a YamlFile) -> Vec<&'a str> {
        let mut files = Vec::new();
        for def in Defs::of(tree).services {
            let file = def.node.get("extends").and_then(|e| e.get("file"));
            if let Some(f) = file.and_then(literal_str)
                && !files.contains(&f)
            {
                files.push(f);
            }
        }
        files
    }
}

/// One service definition: its key under `services:` and its body.
#[derive(Clone, Copy)]
struct Def<'a> {
    name: &'a str,
    key: NodeRef<'a>,
    node: NodeRef<'a>,
}

/// A file's service definitions, in document order.
struct Defs<'a> {
    tree: &'a YamlFile,
    roots: Vec<NodeRef<'a>>,
    services: Vec<Def<'a>>,
}

impl<'a> Defs<'a> {
    fn of(tree: &'a YamlFile) -> Self {
        let mut roots = Vec::new();
        let mut services = Vec::new();
        for doc in &tree.documents {
            let Some(root) = tree.root(doc) else { continue };
            let Some(map) = root.get("services").filter(|s| s.is_mapping()) else { continue };
            roots.push(root);
            for (key, node) in map.entries() {
                if let Some(name) = key.str().filter(|n| !n.starts_with("x-")) {
                    services.push(Def { name, key, node });
                }
            }
        }
        Defs { tree, roots, services }
    }

    /// The definitions of `name`, highest priority (last document) first.
    fn of_service(&self, name: &str) -> Vec<Def<'a>> {
        self.services.iter().rev().filter(|d| d.name == name).copied().collect()
    }
}

/// A scalar as Compose will see it after interpolation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Literal(String, Span),
    /// Depends on the environment at `docker compose up` time.
    Unknown(Span),
}

impl Value {
    pub fn of(node: NodeRef<'_>) -> Option<Value> {
        let s = node.str()?;
        Some(if vars::has_interpolation(s, true) {
            Value::Unknown(node.span())
        } else {
            Value::Literal(s.replace("$$", "$"), node.span())
        })
    }

    pub fn literal(&self) -> Option<&str> {
        match self {
            Value::Literal(s, _) => Some(s),
            Value::Unknown(_) => None,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Value::Literal(_, s) | Value::Unknown(s) => *s,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown(_))
    }

    /// A boolean as Compose reads one (`true`, `false`, and YAML 1.1's `yes`/`on`/`no`/`off`...,
    /// quoted or not); `None` for other text and unknown values.
    pub fn as_bool(&self) -> Option<bool> {
        self.literal().and_then(text::compose_bool)
    }

    /// For a resource limit (`cpus`, `memory`, `pids`, `mem_limit`, `pids_limit`): whether it sets
    /// one. Docker reads `0` and negative numbers (`pids_limit: -1`) as "no limit". A unit after
    /// the number is fine (`512m`, `1.5`, `1g`); `None` when unknown or not a number.
    pub fn sets_limit(&self) -> Option<bool> {
        let s = self.literal()?.trim();
        let end = s.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))).unwrap_or(s.len());
        let n: f64 = s.get(..end)?.parse().ok()?;
        Some(n > 0.0)
    }
}

/// One definition a service reads, see the module documentation.
#[derive(Clone, Copy, Debug)]
pub struct Layer<'a> {
    /// The service's key in this definition.
    pub key: NodeRef<'a>,
    pub node: NodeRef<'a>,
    /// For a base service reached through `extends`: the `extends` key of the service's own
    /// definition that brought it in. `None` for the service's own definitions.
    pub via: Option<NodeRef<'a>>,
}

/// An `extends:` of one of the service's own definitions.
#[derive(Clone, Debug)]
pub struct ExtendsRef<'a> {
    /// The `extends` key.
    pub key: NodeRef<'a>,
    /// The base service's name (`extends: base` or `extends: {service: base}`).
    pub service: Option<Value>,
    /// `None` for a base in the same file.
    pub file: Option<Value>,
    /// Whether the base service was found, and every base it extends in turn.
    pub resolved: bool,
}

/// Where to report a finding about something a service reads, see [`Service::site`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Site {
    /// The finding's span: the value itself, or the place in the service that brings it in.
    pub span: Span,
    /// When `span` is not the value: the value's own span and a label for it.
    pub origin: Option<(Span, &'static str)>,
}

const MERGED: &str = "set here, merged into the service by `<<`";
const ALIASED: &str = "set here, used by the service through an alias";
const EXTENDED: &str = "set here, in the service this one `extends`";

pub struct Service<'a> {
    pub name: &'a str,
    /// The service's key under `services:`, where findings about missing settings point (in the
    /// lowest-priority file that defines the service when several are given together).
    pub key: NodeRef<'a>,
    /// The definition `key` belongs to.
    pub node: NodeRef<'a>,
    layers: Vec<Layer<'a>>,
    extends: Vec<ExtendsRef<'a>>,
    complete: bool,
}

impl<'a> Service<'a> {
    fn build(
        name: &'a str,
        files: &[Defs<'a>],
        external: &dyn Fn(&YamlFile, &str) -> Option<&'a YamlFile>,
    ) -> Option<Self> {
        let first = files.iter().find_map(|d| d.services.iter().find(|s| s.name == name).copied())?;
        let mut svc =
            Service { name, key: first.key, node: first.node, layers: Vec::new(), extends: Vec::new(), complete: true };
        for file in files.iter().rev() {
            let own = file.of_service(name);
            svc.layers.extend(own.iter().map(|d| Layer { key: d.key, node: d.node, via: None }));
            let Some((key, spec)) = own.iter().find_map(|d| d.node.entry("extends")) else { continue };
            let mut seen = vec![(std::ptr::from_ref(file.tree), name)];
            let resolved = svc.extend(key, spec, file, external, &mut seen);
            let (service, other) = extends_spec(spec);
            svc.complete &= resolved;
            svc.extends.push(ExtendsRef {
                key,
                service: service.and_then(Value::of),
                file: other.and_then(Value::of),
                resolved,
            });
        }
        Some(svc)
    }

    /// Adds the layers of the base service `spec` names, looked up from `file`; whether it (and
    /// every base it extends) was found.
    fn extend(
        &mut self,
        via: NodeRef<'a>,
        spec: NodeRef<'a>,
        file: &Defs<'a>,
        external: &dyn Fn(&YamlFile, &str) -> Option<&'a YamlFile>,
        seen: &mut Vec<(*const YamlFile, &'a str)>,
    ) -> bool {
        let (service, other) = extends_spec(spec);
        let Some(base) = service.and_then(literal_str) else { return false };
        let loaded;
        let target = match other {
            None => file,
            Some(path) => match literal_str(path).and_then(|p| external(file.tree, p)) {
                Some(tree) => {
                    loaded = Defs::of(tree);
                    &loaded
                }
                None => return false,
            },
        };
        let id = (std::ptr::from_ref(target.tree), base);
        if seen.contains(&id) || seen.len() > MAX_EXTENDS {
            return false;
        }
        seen.push(id);
        let defs = target.of_service(base);
        if defs.is_empty() {
            return false;
        }
        self.layers.extend(defs.iter().map(|d| Layer { key: d.key, node: d.node, via: Some(via) }));
        match defs.iter().find_map(|d| d.node.get("extends")) {
            Some(next) => self.extend(via, next, target, external, seen),
            None => true,
        }
    }

    /// Every definition the service reads, highest priority first.
    pub fn layers(&self) -> &[Layer<'a>] {
        &self.layers
    }

    /// The `extends:` of the service's own definitions (one per file that has one).
    pub fn extends(&self) -> &[ExtendsRef<'a>] {
        &self.extends
    }

    /// Whether every base service it `extends` was found. When not, some settings come from a
    /// file caulk did not read: a rule about a *missing* setting must stay silent.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The value of `key` from the highest layer that sets it (a `!reset` value unsets it). For
    /// mappings whose keys merge across layers (`deploy`, `healthcheck`, `logging`) use
    /// [`Self::path`]; for sequences, the typed accessors or [`Self::items`].
    pub fn get(&self, key: &str) -> Option<NodeRef<'a>> {
        self.entry(key).map(|(_, v)| v)
    }

    /// `(key node, value node)` for [`Self::get`].
    pub fn entry(&self, key: &str) -> Option<(NodeRef<'a>, NodeRef<'a>)> {
        let (k, v) = self.layers.iter().find_map(|l| l.node.entry(key))?;
        (v.tag() != Some("!reset")).then_some((k, v))
    }

    /// A nested key (`&["deploy", "resources", "limits", "memory"]`), mappings merged across
    /// layers: the highest layer that sets the whole path wins.
    pub fn path(&self, keys: &[&str]) -> Option<NodeRef<'a>> {
        for layer in &self.layers {
            let mut node = layer.node;
            let mut sealed = false;
            let mut found = true;
            for (i, key) in keys.iter().enumerate() {
                let Some(next) = node.get(key) else {
                    found = false;
                    break;
                };
                match next.tag() {
                    Some("!reset") => return None,
                    Some("!override") if i + 1 < keys.len() => sealed = true,
                    _ => {}
                }
                node = next;
            }
            if found {
                return Some(node);
            }
            if sealed {
                return None;
            }
        }
        None
    }

    pub fn value(&self, key: &str) -> Option<Value> {
        self.get(key).and_then(Value::of)
    }

    /// [`Self::path`] as a [`Value`].
    pub fn value_at(&self, keys: &[&str]) -> Option<Value> {
        self.path(keys).and_then(Value::of)
    }

    /// The values of `key` in every layer that sets it, lowest priority first, as Compose
    /// merges them: `!reset` drops lower layers and itself, `!override` drops lower layers.
    fn stack(&self, key: &str) -> Vec<NodeRef<'a>> {
        let mut stack = Vec::new();
        for layer in &self.layers {
            let Some(v) = layer.node.get(key) else { continue };
            match v.tag() {
                Some("!reset") => break,
                Some("!override") => {
                    stack.push(v);
                    break;
                }
                _ => stack.push(v),
            }
        }
        stack.reverse();
        stack
    }

    /// The items of a sequence-valued key appended across layers, lowest priority first, with
    /// no de-duplication; a scalar (`tmpfs: /run`, `env_file: .env`) is one item.
    pub fn items(&self, key: &str) -> Vec<NodeRef<'a>> {
        let mut items = Vec::new();
        for v in self.stack(key) {
            if v.is_sequence() {
                items.extend(v.items());
            } else if v.is_scalar() && !v.is_null() {
                items.push(v);
            }
        }
        items
    }

    /// Where to report a finding about the value at `span` (a node this service reads, in any
    /// layer): `span` itself when the service writes it; otherwise the `<<` key, `*alias` token
    /// or `extends` key in the service that brings it in, with `origin` at `span`.
    pub fn site(&self, span: Span) -> Site {
        let at = |span: Span, origin: Option<(Span, &'static str)>| match origin {
            Some((via, label)) => Site { span: via, origin: Some((span, label)) },
            None => Site { span, origin: None },
        };
        for layer in self.layers.iter().filter(|l| l.via.is_none()) {
            let entry = layer.node.alias_span().map(|s| (s, ALIASED));
            let mut seen = Vec::new();
            if let Some(found) = locate(layer.node, span, entry, &mut seen) {
                return at(span, found);
            }
        }
        for layer in &self.layers {
            let (Some(via), mut seen) = (layer.via, Vec::new()) else { continue };
            if locate(layer.node, span, None, &mut seen).is_some() {
                return at(span, Some((via.span(), EXTENDED)));
            }
        }
        Site { span, origin: None }
    }

    pub fn environment(&self) -> Vec<EnvVar<'a>> {
        let mut vars: Vec<EnvVar<'a>> = Vec::new();
        let mut index: HashMap<&'a str, usize> = HashMap::new();
        for env in self.stack("environment") {
            for var in env_vars(env) {
                match index.get(var.name) {
                    Some(&i) => {
                        if let Some(slot) = vars.get_mut(i) {
                            *slot = var;
                        }
                    }
                    None => {
                        index.insert(var.name, vars.len());
                        vars.push(var);
                    }
                }
            }
        }
        vars
    }

    pub fn ports(&self) -> Vec<Port> {
        unique(self.items("ports").into_iter().filter_map(ports::port), Port::identity)
    }

    pub fn volumes(&self) -> Vec<Volume> {
        unique(self.items("volumes").into_iter().filter_map(mounts::volume), |v| v.target.clone())
    }

    pub fn security_opts(&self) -> Vec<SecurityOpt> {
        self.items("security_opt").into_iter().filter_map(settings::security_opt).collect()
    }

    /// `cap_add` items, names normalised (`CAP_` prefix dropped, upper case).
    pub fn cap_add(&self) -> Vec<Capability> {
        self.capabilities("cap_add")
    }

    /// `cap_drop` items, as [`Self::cap_add`].
    pub fn cap_drop(&self) -> Vec<Capability> {
        self.capabilities("cap_drop")
    }

    fn capabilities(&self, key: &str) -> Vec<Capability> {
        unique(self.items(key).into_iter().filter_map(settings::capability), |c| c.name.clone())
    }

    pub fn devices(&self) -> Vec<Device> {
        unique(self.items("devices").into_iter().filter_map(mounts::device), Device::identity)
    }

    /// The service's `tmpfs:` mounts (a string or a list).
    pub fn tmpfs(&self) -> Vec<Tmpfs> {
        unique(self.items("tmpfs").into_iter().filter_map(mounts::tmpfs), |t| t.target.literal().map(str::to_string))
    }

    pub fn env_files(&self) -> Vec<EnvFile> {
        unique(self.items("env_file").into_iter().filter_map(settings::env_file), |e| {
            e.path.literal().map(str::to_string)
        })
    }

    /// The service's `secrets:` (mounted at `/run/secrets/<source>` unless `target` says).
    pub fn secrets(&self) -> Vec<FileRef> {
        unique(self.items("secrets").into_iter().filter_map(settings::file_ref), |f| f.identity("/run/secrets"))
    }

    /// The service's `configs:` (mounted at `/<source>` unless `target` says).
    pub fn configs(&self) -> Vec<FileRef> {
        unique(self.items("configs").into_iter().filter_map(settings::file_ref), |f| f.identity(""))
    }

    /// `deploy.resources.limits`, each field falling back to the legacy key (`cpus`,
    /// `mem_limit`, `pids_limit`).
    pub fn limits(&self) -> Resources {
        let at = |k: &str| self.value_at(&["deploy", "resources", "limits", k]);
        Resources {
            cpus: at("cpus").or_else(|| self.value("cpus")),
            memory: at("memory").or_else(|| self.value("mem_limit")),
            pids: at("pids").or_else(|| self.value("pids_limit")),
        }
    }

    /// `deploy.resources.reservations` (`memory` falling back to `mem_reservation`; there is no
    /// `pids` reservation).
    pub fn reservations(&self) -> Resources {
        let at = |k: &str| self.value_at(&["deploy", "resources", "reservations", k]);
        Resources { cpus: at("cpus"), memory: at("memory").or_else(|| self.value("mem_reservation")), pids: None }
    }

    pub fn healthcheck(&self) -> Option<Healthcheck<'a>> {
        let (key, _) = self.entry("healthcheck")?;
        Some(Healthcheck {
            key,
            test: self.path(&["healthcheck", "test"]),
            disable: self.value_at(&["healthcheck", "disable"]),
        })
    }

    /// `logging.driver` (`none` discards the container's output).
    pub fn logging_driver(&self) -> Option<Value> {
        self.value_at(&["logging", "driver"])
    }
}

/// The `(service, file)` nodes of an `extends:` value (`base` or `{service: base, file: f}`).
fn extends_spec(spec: NodeRef<'_>) -> (Option<NodeRef<'_>>, Option<NodeRef<'_>>) {
    if spec.is_mapping() { (spec.get("service"), spec.get("file")) } else { (Some(spec), None) }
}

/// A scalar's text when it has no interpolation (`$$` is not expected in names and paths).
fn literal_str(node: NodeRef<'_>) -> Option<&str> {
    node.str().filter(|s| !vars::has_interpolation(s, true) && !s.contains("$$"))
}

/// Keeps the first place of each identity, with the last item of that identity in it
/// (compose-go's `EnforceUnicity`); items without one are all kept.
fn unique<T>(items: impl Iterator<Item = T>, identity: impl Fn(&T) -> Option<String>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for item in items {
        match identity(&item) {
            Some(id) => match index.get(&id) {
                Some(&i) => {
                    if let Some(slot) = out.get_mut(i) {
                        *slot = item;
                    }
                }
                None => {
                    index.insert(id, out.len());
                    out.push(item);
                }
            },
            None => out.push(item),
        }
    }
    out
}

/// Whether `target` lies in `node`'s subtree, and if so the first place on the way there that
/// brings in text from elsewhere (`<<` key, `*alias` token), after `entry`.
fn locate(
    node: NodeRef<'_>,
    target: Span,
    entry: Option<(Span, &'static str)>,
    seen: &mut Vec<NodeId>,
) -> Option<Option<(Span, &'static str)>> {
    let within = |s: Span| s.start <= target.start && target.end <= s.end;
    let file = node.file();
    for e in node.raw_entries() {
        let key = file.node(e.key);
        if e.merged_from.is_none() && key.str() == Some("<<") && key.style() == Some(ScalarStyle::Plain) {
            // The `<<` entry itself: its sources are reached through the merged entries.
            continue;
        }
        let here = entry.or(e.merged_from.map(|m| (m, MERGED)));
        if within(key.span()) {
            return Some(here);
        }
        if let Some(found) = child(file.node(e.value), target, here, seen) {
            return Some(found);
        }
    }
    for item in node.items() {
        if let Some(found) = child(item, target, entry, seen) {
            return Some(found);
        }
    }
    within(node.span()).then_some(entry)
}

fn child(
    node: NodeRef<'_>,
    target: Span,
    entry: Option<(Span, &'static str)>,
    seen: &mut Vec<NodeId>,
) -> Option<Option<(Span, &'static str)>> {
    if node.is_alias() {
        // An anchor used twice is searched once.
        if seen.contains(&node.id()) {
            return None;
        }
        seen.push(node.id());
    }
    locate(node, target, entry.or(node.alias_span().map(|s| (s, ALIASED))), seen)
}

pub struct EnvVar<'a> {
    pub name: &'a str,
    pub name_span: Span,
    /// `None` for `- NAME` (taken from the host environment) or `NAME:` with no value.
    pub value: Option<Value>,
}

/// The variables of one `environment:` value (a mapping or a list of `NAME=value`).
fn env_vars<'a>(env: NodeRef<'a>) -> Vec<EnvVar<'a>> {
    if env.is_mapping() {
        return env
            .entries()
            .filter_map(|(k, v)| {
                Some(EnvVar {
                    name: k.str()?,
                    name_span: k.span(),
                    value: if v.is_null() { None } else { Value::of(v) },
                })
            })
            .collect();
    }
    env.items()
        .filter_map(|item| {
            let s = item.str()?;
            Some(match s.split_once('=') {
                Some((name, _)) => EnvVar {
                    name,
                    name_span: text::part_span(item, 0, name.len()),
                    value: Some(text::part(item, s, (name.len() + 1, s.len()))),
                },
                None => EnvVar { name: s, name_span: item.span(), value: None },
            })
        })
        .collect()
}
