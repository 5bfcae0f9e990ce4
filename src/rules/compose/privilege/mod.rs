//! Privilege: privileged mode, capabilities, read-only root, no-new-privileges, seccomp and
//! AppArmor profiles, SELinux labels, host namespaces, devices.
//!
//! The helpers here are what these rules share: which entries of `services:` are services, where a
//! service's setting is written (its own entry, one merged in with `<<`, or one inherited through
//! `extends` from a service of the same file), how Compose reads a boolean, and the fixes that add
//! a key to a service or an item to a list in the file's own layout.

use crate::diagnostic::{Diagnostic, Edit};
use crate::model::compose::{ComposeFile, Layer, Service, Value};
use crate::rules::Rule;
use crate::span::Span;
use crate::syntax::yaml::edit::{after_block, column, indent_step, is_flow, line_break, line_start};
use crate::syntax::yaml::{NodeRef, ScalarStyle};

pub mod apparmor_unconfined;
pub mod dangerous_capability_added;
pub mod host_cgroup;
pub mod host_devices;
pub mod host_ipc;
mod host_namespace;
pub mod host_network;
pub mod host_pid;
pub mod host_userns;
pub mod missing_cap_drop_all;
pub mod missing_no_new_privileges;
pub mod privileged_service;
pub mod seccomp_unconfined;
mod security_opt;
pub mod selinux_label_disabled;
pub mod writable_root_filesystem;

pub static RULES: &[&dyn Rule] = &[
    &privileged_service::PrivilegedService,
    &dangerous_capability_added::DangerousCapabilityAdded,
    &missing_cap_drop_all::MissingCapDropAll,
    &writable_root_filesystem::WritableRootFilesystem,
    &missing_no_new_privileges::MissingNoNewPrivileges,
    &seccomp_unconfined::SeccompUnconfined,
    &apparmor_unconfined::ApparmorUnconfined,
    &selinux_label_disabled::SelinuxLabelDisabled,
    &host_network::HostNetwork,
    &host_pid::HostPid,
    &host_ipc::HostIpc,
    &host_userns::HostUserns,
    &host_cgroup::HostCgroup,
    &host_devices::HostDevices,
];

/// The services of `file`: a key of `services:` named `x-...` is an extension field, not one.
fn services<'f, 'a>(file: &'f ComposeFile<'a>) -> impl Iterator<Item = &'f Service<'a>> {
    file.services.iter().filter(|s| !s.name.starts_with("x-"))
}

/// A setting as written: its key and value, and the `<<` key that merged it in, if it was.
#[derive(Clone, Copy)]
struct Setting<'a> {
    key: NodeRef<'a>,
    value: NodeRef<'a>,
    merged_from: Option<Span>,
}

/// `key` in one definition (merged entries included), the last one on duplicates.
fn entry_in<'a>(node: NodeRef<'a>, key: &str) -> Option<Setting<'a>> {
    let yaml = node.file();
    node.raw_entries().iter().rev().find_map(|e| {
        let k = yaml.node(e.key);
        (k.str() == Some(key)).then(|| Setting { key: k, value: yaml.node(e.value), merged_from: e.merged_from })
    })
}

/// The definitions of the service itself, one per file given together (not the bases it
/// `extends`), highest priority first.
fn own_layers<'s, 'a>(service: &'s Service<'a>) -> impl Iterator<Item = &'s Layer<'a>> {
    service.layers().iter().filter(|l| l.via.is_none())
}

/// `key` as the service itself sets it: in its highest-priority definition that has it; `None`
/// when that one is `!reset`.
fn own<'a>(service: &Service<'a>, key: &str) -> Option<Setting<'a>> {
    own_layers(service).find_map(|l| entry_in(l.node, key)).filter(|s| s.value.tag() != Some("!reset"))
}

/// The lists `key` is made of in `layers` (highest priority first), lowest priority first, as
/// Compose appends them: `!reset` drops the lower ones and itself, `!override` the lower ones.
fn stacked<'s, 'a: 's>(layers: impl Iterator<Item = &'s Layer<'a>>, key: &str) -> Vec<Setting<'a>> {
    let mut out = Vec::new();
    for layer in layers {
        let Some(setting) = entry_in(layer.node, key) else { continue };
        match setting.value.tag() {
            Some("!reset") => break,
            Some("!override") => {
                out.push(setting);
                break;
            }
            _ => out.push(setting),
        }
    }
    out.reverse();
    out
}

/// The lists of `key` the service itself writes (in every file given together).
fn own_lists<'a>(service: &Service<'a>, key: &str) -> Vec<Setting<'a>> {
    stacked(own_layers(service), key)
}

/// A setting merged in with `<<` is reported at the service that uses it, on its `<<` key, with a
/// label where the anchor writes it: every service that merges the block gets its own finding.
fn note_merge(mut d: Diagnostic, setting: &Setting<'_>, service: &Service<'_>) -> Diagnostic {
    match setting.merged_from {
        Some(merged) => {
            let written = std::mem::replace(&mut d.span, merged);
            d.with_label(written, format!("set here, in the block merged into service `{}`", service.name))
        }
        None => d,
    }
}

/// Where the effective value of a service's setting comes from.
enum Lookup<'a> {
    Set(Setting<'a>),
    Missing,
    /// Possibly inherited from a service this file does not show: nothing can be said.
    Unknown,
}

/// The effective `key` of a service: its own, else the nearest one it inherits through
/// `extends` (from this file or another one read with it).
fn effective<'a>(service: &Service<'a>, key: &str) -> Lookup<'a> {
    match service.layers().iter().find_map(|l| entry_in(l.node, key)) {
        Some(setting) if setting.value.tag() == Some("!reset") => Lookup::Missing,
        Some(setting) => Lookup::Set(setting),
        None if service.is_complete() => Lookup::Missing,
        None => Lookup::Unknown,
    }
}

/// The lists a service's `key` is made of, its bases' included, lowest priority first; `false`
/// when a base was not read.
fn lists<'a>(service: &Service<'a>, key: &str) -> (Vec<Setting<'a>>, bool) {
    (stacked(service.layers().iter(), key), service.is_complete())
}

/// A boolean as Compose reads it: after interpolation, `y`, `yes`, `true`, `on` and their
/// opposites in any case, quoted or not (compose-go's `toBoolean`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flag {
    True,
    False,
    /// Interpolated: decided at `docker compose up`.
    Unknown,
    /// Not a boolean; Compose rejects the file.
    Invalid,
}

fn flag(node: NodeRef<'_>) -> Flag {
    match Value::of(node) {
        Some(Value::Unknown(_)) => Flag::Unknown,
        Some(Value::Literal(s, _)) => match s.to_ascii_lowercase().as_str() {
            "y" | "yes" | "true" | "on" => Flag::True,
            "n" | "no" | "false" | "off" => Flag::False,
            _ => Flag::Invalid,
        },
        None => Flag::Invalid,
    }
}

/// Whether the service runs privileged, as far as the file shows.
fn is_privileged(service: &Service<'_>) -> bool {
    matches!(effective(service, "privileged"), Lookup::Set(s) if flag(s.value) == Flag::True)
}

/// A capability name as the runtime reads it: any case, with or without `CAP_`.
fn capability(name: &str) -> String {
    let upper = name.trim().to_ascii_uppercase();
    upper.strip_prefix("CAP_").map(str::to_string).unwrap_or(upper)
}

/// Whether `node` is written inside one of the service's own blocks, so an edit there changes
/// this service only (not an anchor merged in or aliased, nor a service it extends).
fn owned(service: &Service<'_>, node: NodeRef<'_>) -> bool {
    !node.is_alias()
        && own_layers(service).any(|l| {
            let own = l.node.span();
            !l.node.is_alias() && own.start <= node.span().start && node.span().end <= own.end
        })
}

/// The span of a scalar's text inside its quotes, for edits that keep the user's quoting.
fn scalar_text(node: NodeRef<'_>) -> Option<Span> {
    let span = node.span();
    match node.style()? {
        ScalarStyle::Plain => Some(span),
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted if span.len() >= 2 => {
            Some(Span::new(span.start + 1, span.end - 1))
        }
        _ => None,
    }
}

/// An edit adding `lines` (each `key: ...` or deeper, without the service's indentation, `\n`
/// separated) as the last entries of a block-style service written in place.
fn add_to_service(src: &str, service: &Service<'_>, lines: &[&str]) -> Option<Edit> {
    if service.node.is_alias() || !service.node.is_mapping() || is_flow(src, service.node) {
        return None;
    }
    let yaml = service.node.file();
    let first = service.node.raw_entries().iter().find(|e| e.merged_from.is_none())?;
    let indent = " ".repeat(column(src, yaml.node(first.key).span().start));
    let at = after_block(src, service.node);
    let lb = line_break(src, service.key.span().start);
    let lead = if at == src.len() && !src.is_empty() && !src.ends_with('\n') { lb } else { "" };
    let text: String = lines.iter().map(|l| format!("{indent}{l}{lb}")).collect();
    Some(Edit { span: Span::point(at), replacement: format!("{lead}{text}") })
}

/// The indentation before the dash of a block list's `item`.
fn dash_indent<'s>(src: &'s str, item: NodeRef<'_>) -> Option<&'s str> {
    let before = src.get(line_start(src, item.span().start)..item.span().start)?;
    let dash = before.rfind('-')?;
    before.get(..dash).filter(|s| s.bytes().all(|b| b == b' '))
}

/// How far this file indents list items past their key (`cap_add:\n  - X`), for new lists: as
/// its services' first block list does, else as its mappings are indented.
fn item_indent(src: &str, file: &ComposeFile<'_>) -> String {
    let shown = services(file).flat_map(|s| s.node.entries()).find_map(|(key, value)| {
        if !value.is_sequence() || value.is_alias() || is_flow(src, value) {
            return None;
        }
        dash_indent(src, value.items().next()?)?.len().checked_sub(column(src, key.span().start))
    });
    " ".repeat(shown.or_else(|| file.root.and_then(|r| indent_step(src, r))).unwrap_or(2))
}

/// An edit appending `item` to the list `seq` (flow or block), quoted like the list's last item.
fn append_item(src: &str, seq: NodeRef<'_>, item: &str) -> Option<Edit> {
    let last = seq.items().last();
    let quoted = match last.and_then(|n| n.style()) {
        Some(ScalarStyle::DoubleQuoted) => format!("\"{item}\""),
        Some(ScalarStyle::SingleQuoted) => format!("'{item}'"),
        _ => item.to_string(),
    };
    if is_flow(src, seq) {
        let close = seq.span().end.checked_sub(1).filter(|&i| src.as_bytes().get(i) == Some(&b']'))?;
        let sep = if last.is_some() { ", " } else { "" };
        return Some(Edit { span: Span::point(close), replacement: format!("{sep}{quoted}") });
    }
    // A block list: a new `- item` line below the last, where its dash is.
    let last = last?;
    let indent = dash_indent(src, last)?;
    let lb = line_break(src, last.span().start);
    let at = after_block(src, seq);
    let lead = if at == src.len() && !src.ends_with('\n') { lb } else { "" };
    Some(Edit { span: Span::point(at), replacement: format!("{lead}{indent}- {quoted}{lb}") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::{Limits, parse};

    fn with_file(src: &str, check: impl Fn(&ComposeFile<'_>)) {
        let tree = parse(src, &Limits::default());
        check(&ComposeFile::new(&tree));
    }

    #[test]
    fn settings_follow_merges_and_extends_in_the_same_file() {
        let src = "x-base: &base\n  read_only: true\nservices:\n  a:\n    <<: *base\n  b:\n    extends: a\n  \
                   c:\n    extends:\n      service: b\n  d:\n    extends: {file: other.yaml, service: x}\n  \
                   e:\n    extends: ${BASE}\n  f:\n    image: x\n  g:\n    extends: g\n";
        with_file(src, |file| {
            let names: Vec<_> = services(file).map(|s| s.name).collect();
            assert_eq!(names, ["a", "b", "c", "d", "e", "f", "g"]);
            let at = |name: &str| {
                let s = file.services.iter().find(|s| s.name == name).expect("service");
                match effective(s, "read_only") {
                    Lookup::Set(set) => format!("set {:?}", set.merged_from.map(|m| m.slice(src))),
                    Lookup::Missing => "missing".into(),
                    Lookup::Unknown => "unknown".into(),
                }
            };
            assert_eq!(at("a"), "set Some(\"<<\")");
            assert_eq!(at("b"), "set Some(\"<<\")");
            assert_eq!(at("c"), "set Some(\"<<\")");
            assert_eq!(at("d"), "unknown");
            assert_eq!(at("e"), "unknown");
            assert_eq!(at("f"), "missing");
            assert_eq!(at("g"), "unknown", "a cycle");
        });
    }

    #[test]
    fn extension_keys_under_services_are_not_services() {
        with_file("services:\n  x-defaults: {privileged: true}\n  web: {image: x}\n", |file| {
            assert_eq!(services(file).map(|s| s.name).collect::<Vec<_>>(), ["web"]);
        });
    }

    #[test]
    fn compose_booleans() {
        let src = "services:\n  s:\n    a: yes\n    b: \"TRUE\"\n    c: Off\n    d: ${X}\n    e: maybe\n    f: [1]\n";
        with_file(src, |file| {
            let s = &file.services[0];
            let f = |k: &str| s.get(k).map(flag);
            assert_eq!(f("a"), Some(Flag::True));
            assert_eq!(f("b"), Some(Flag::True));
            assert_eq!(f("c"), Some(Flag::False));
            assert_eq!(f("d"), Some(Flag::Unknown));
            assert_eq!(f("e"), Some(Flag::Invalid));
            assert_eq!(f("f"), Some(Flag::Invalid));
        });
    }

    #[test]
    fn capability_names() {
        assert_eq!(capability("cap_sys_admin"), "SYS_ADMIN");
        assert_eq!(capability(" Net_Admin "), "NET_ADMIN");
        assert_eq!(capability("ALL"), "ALL");
    }

    fn edited(src: &str, edit: Option<Edit>) -> String {
        let e = edit.expect("an edit");
        format!("{}{}{}", &src[..e.span.start], e.replacement, &src[e.span.end..])
    }

    #[test]
    fn adding_to_a_service_keeps_its_indentation_and_line_breaks() {
        let src = "services:\n    web:\n        image: x # pinned\n    db:\n        image: y";
        with_file(src, |file| {
            let out = edited(src, add_to_service(src, &file.services[0], &["read_only: true"]));
            assert_eq!(
                out,
                "services:\n    web:\n        image: x # pinned\n        read_only: true\n    db:\n        image: y"
            );
            let out = edited(src, add_to_service(src, &file.services[1], &["a: 1", "b: 2"]));
            assert!(out.ends_with("        image: y\n        a: 1\n        b: 2\n"), "{out}");
        });
        let crlf = "services:\r\n  web:\r\n    image: x\r\n";
        with_file(crlf, |file| {
            let out = edited(crlf, add_to_service(crlf, &file.services[0], &["read_only: true"]));
            assert_eq!(out, "services:\r\n  web:\r\n    image: x\r\n    read_only: true\r\n");
        });
        let flow = "services:\n  web: {image: x}\n  alias: &a\n    image: x\n";
        with_file(flow, |file| assert!(add_to_service(flow, &file.services[0], &["read_only: true"]).is_none()));
    }

    #[test]
    fn new_lists_are_indented_as_the_file_indents_its_lists() {
        with_file("services:\n   a:\n     ports:\n       - 80\n", |f| {
            assert_eq!(item_indent("services:\n   a:\n     ports:\n       - 80\n", f), "  ")
        });
        let flush = "services:\n  a:\n    ports:\n    - 80\n";
        with_file(flush, |f| assert_eq!(item_indent(flush, f), ""));
        let none = "services:\n    a:\n        image: x\n";
        with_file(none, |f| assert_eq!(item_indent(none, f), "    "));
    }

    #[test]
    fn appending_to_lists_keeps_their_style() {
        let src = "services:\n  web:\n    a: [x]\n    b: []\n    c:\n      - \"x\" # note\n    d:\n    - x\n";
        with_file(src, |file| {
            let s = &file.services[0];
            let list = |k: &str| s.get(k).expect("list");
            assert!(edited(src, append_item(src, list("a"), "ALL")).contains("a: [x, ALL]\n"));
            assert!(edited(src, append_item(src, list("b"), "ALL")).contains("b: [ALL]\n"));
            assert!(
                edited(src, append_item(src, list("c"), "ALL")).contains("      - \"x\" # note\n      - \"ALL\"\n")
            );
            assert!(edited(src, append_item(src, list("d"), "ALL")).ends_with("    d:\n    - x\n    - ALL\n"));
        });
    }
}
