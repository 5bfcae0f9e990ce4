//! What the control-plane rules look at: a component's settings, read from a container's command
//! line or from a `KubeletConfiguration` object, through one lookup that knows each source's
//! defaults and when a setting cannot be known from the manifest.

use super::command_line::{CommandLine, Component, is_templated};
use crate::model::kubernetes::Object;
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

/// A setting: its command-line flag and, for the kubelet, its `KubeletConfiguration` field
/// (empty for flag-only settings such as `--hostname-override`).
#[derive(Clone, Copy)]
pub struct Key {
    pub flag: &'static str,
    pub field: &'static [&'static str],
    /// A pflag string slice: repeated flags add to the list instead of replacing it.
    pub repeated: bool,
}

impl Key {
    pub const fn flag(flag: &'static str) -> Key {
        Key { flag, field: &[], repeated: false }
    }

    /// A list flag whose occurrences accumulate (`--authorization-mode`, `--tls-cipher-suites`).
    pub const fn list(flag: &'static str) -> Key {
        Key { flag, field: &[], repeated: true }
    }

    pub const fn kubelet(flag: &'static str, field: &'static [&'static str]) -> Key {
        Key { flag, field, repeated: false }
    }

    pub const fn kubelet_list(flag: &'static str, field: &'static [&'static str]) -> Key {
        Key { flag, field, repeated: true }
    }
}

pub enum Source<'a> {
    Flags(CommandLine<'a>),
    /// The root of a `KubeletConfiguration` document.
    Config(NodeRef<'a>),
}

/// One running component (or kubelet configuration) to check.
pub struct Target<'a> {
    pub component: Component,
    /// `container `kube-apiserver` of Pod/kube-apiserver-cp1` or `KubeletConfiguration/<name>`.
    pub who: String,
    pub source: Source<'a>,
    /// Where a finding about a missing setting points.
    pub anchor: Span,
}

/// A setting as the manifest gives it.
pub enum Lookup<'a> {
    Set(Setting<'a>),
    /// Not set here: the component's default applies.
    Unset,
    /// Cannot be known from the manifest (templated items, a config file elsewhere).
    Unknown,
}

pub struct Setting<'a> {
    value: Value<'a>,
    pub span: Span,
    /// As written, for messages: `--anonymous-auth=true`, `readOnlyPort: 10255`.
    pub shown: String,
}

enum Value<'a> {
    Text(&'a str),
    /// The occurrences of a repeated list flag, joined with commas.
    Joined(String),
    Node(NodeRef<'a>),
    Unknown,
}

/// Kube-scheduler flags it ignores when `--config` is given (the file's fields apply instead).
const SCHEDULER_CONFIG_OVERRIDES: &[&str] = &["profiling", "contention-profiling"];

impl<'a> Target<'a> {
    /// Every control-plane component `object` runs, and the object itself when it is a
    /// `KubeletConfiguration`.
    pub fn all(object: &Object<'a>) -> Vec<Target<'a>> {
        let mut out = Vec::new();
        if let Some(pod) = object.pod_spec() {
            for c in pod.containers() {
                if let Some(line) = CommandLine::of(&c) {
                    out.push(Target {
                        component: line.component,
                        who: format!("{} of {}", c.display_name(), object.display_name()),
                        anchor: line.anchor,
                        source: Source::Flags(line),
                    });
                }
            }
        }
        if object.kind == "KubeletConfiguration" && object.group() == "kubelet.config.k8s.io" {
            let who = super::config_name(object);
            out.push(Target {
                component: Component::Kubelet,
                who,
                source: Source::Config(object.root),
                anchor: object.anchor(),
            });
        }
        out
    }

    pub fn flags(&self) -> Option<&CommandLine<'a>> {
        match &self.source {
            Source::Flags(line) => Some(line),
            Source::Config(_) => None,
        }
    }

    pub fn is_config(&self) -> bool {
        matches!(self.source, Source::Config(_))
    }

    /// How the setting is called in this source: `--read-only-port` or `readOnlyPort`.
    pub fn name(&self, key: Key) -> String {
        match self.source {
            Source::Flags(_) => format!("--{}", key.flag),
            Source::Config(_) => key.field.join("."),
        }
    }

    /// `key` as this source sets it.
    pub fn lookup(&self, key: Key) -> Lookup<'a> {
        match &self.source {
            Source::Flags(line) => self.lookup_flag(line, key),
            Source::Config(root) => lookup_field(*root, key),
        }
    }

    fn lookup_flag(&self, line: &CommandLine<'a>, key: Key) -> Lookup<'a> {
        let has = |name: &str| line.last(name).is_some();
        match self.component {
            // With a config file etcd ignores every other flag and variable.
            Component::Etcd if has("config-file") => return Lookup::Unknown,
            Component::Scheduler if has("config") && SCHEDULER_CONFIG_OVERRIDES.contains(&key.flag) => {
                return Lookup::Unknown;
            }
            _ => {}
        }
        if key.repeated && line.all(key.flag).nth(1).is_some() {
            let all: Vec<_> = line.all(key.flag).collect();
            let values: Option<Vec<&str>> = all.iter().map(|f| f.known()).collect();
            let value = values.map_or(Value::Unknown, |v| Value::Joined(v.join(",")));
            let shown = all.iter().map(|f| f.shown.as_str()).collect::<Vec<_>>().join(" ");
            let span = all.iter().fold(all[0].span, |s, f| s.cover(f.span));
            return Lookup::Set(Setting { value, span, shown });
        }
        if let Some(flag) = line.last(key.flag) {
            let value = match flag.known() {
                Some(text) => Value::Text(text),
                None => Value::Unknown,
            };
            return Lookup::Set(Setting { value, span: flag.span, shown: flag.shown.clone() });
        }
        // A kubelet flag left out takes the value of its `--config` file, which we cannot see.
        let from_file = self.component == Component::Kubelet && !key.field.is_empty() && has("config");
        if line.opaque || from_file { Lookup::Unknown } else { Lookup::Unset }
    }
}

fn lookup_field<'a>(root: NodeRef<'a>, key: Key) -> Lookup<'a> {
    let Some((last, parents)) = key.field.split_last() else { return Lookup::Unknown };
    let Some((k, v)) = root.path(parents).and_then(|p| p.entry(last)) else { return Lookup::Unset };
    if v.is_null() {
        return Lookup::Unset;
    }
    let value = if v.str().is_some_and(is_templated) { Value::Unknown } else { Value::Node(v) };
    let span = k.span().cover(v.span());
    let raw = if v.is_scalar() { v.str().unwrap_or("") } else { "…" };
    Lookup::Set(Setting { value, span, shown: format!("{}: {raw}", key.field.join(".")) })
}

impl Setting<'_> {
    /// A boolean, as Go's `strconv.ParseBool` reads a flag and YAML 1.1 a config field.
    pub fn bool(&self) -> Option<bool> {
        match self.value {
            Value::Text(t) => match t {
                "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
                "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
                _ => None,
            },
            Value::Node(n) => n.as_bool(),
            Value::Joined(_) | Value::Unknown => None,
        }
    }

    pub fn int(&self) -> Option<i64> {
        match self.value {
            Value::Text(t) => t.trim().parse().ok(),
            Value::Node(n) => n.as_i64(),
            Value::Joined(_) | Value::Unknown => None,
        }
    }

    /// A string value (a config field must be a string scalar).
    pub fn text(&self) -> Option<&str> {
        match self.value {
            Value::Text(t) => Some(t),
            Value::Joined(ref t) => Some(t),
            Value::Node(n) if n.is_scalar() => n.str(),
            _ => None,
        }
    }

    /// A list: a comma-separated flag value or a YAML sequence of strings (`None` when some item
    /// is not a known string).
    pub fn list(&self) -> Option<Vec<&str>> {
        match self.value {
            Value::Text(t) => Some(split(t)),
            Value::Joined(ref t) => Some(split(t)),
            Value::Node(n) if n.is_sequence() => {
                n.items().map(|i| i.str().filter(|s| i.is_scalar() && !is_templated(s))).collect::<Option<Vec<_>>>()
            }
            Value::Node(n) => n.str().map(split),
            Value::Unknown => None,
        }
    }

    /// Set to nothing (`--audit-log-path=`, `clientCAFile: ""`): the same as unset.
    pub fn is_empty(&self) -> bool {
        self.text().is_some_and(|t| t.trim().is_empty())
    }
}

/// The items of a comma-separated list.
fn split(s: &str) -> Vec<&str> {
    s.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// Whether a Go duration (`0`, `0s`, `4h0m0s`, `1.5h`) is zero; `None` when it does not parse.
pub fn duration_is_zero(s: &str) -> Option<bool> {
    let s = s.trim().trim_start_matches(['+', '-']);
    if s == "0" {
        return Some(true);
    }
    if s.is_empty() {
        return None;
    }
    let mut zero = true;
    let mut rest = s;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let (number, after) = rest.split_at(digits);
        if number.is_empty() || number.parse::<f64>().is_err() {
            return None;
        }
        zero &= number.chars().all(|c| c == '0' || c == '.');
        let unit = after.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(after.len());
        let (unit, next) = after.split_at(unit);
        if !["ns", "us", "µs", "μs", "ms", "s", "m", "h"].contains(&unit) {
            return None;
        }
        rest = next;
    }
    Some(zero)
}

#[cfg(test)]
mod tests {
    use super::duration_is_zero;

    #[test]
    fn go_durations() {
        assert_eq!(duration_is_zero("0"), Some(true));
        assert_eq!(duration_is_zero("0s"), Some(true));
        assert_eq!(duration_is_zero("0h0m0s"), Some(true));
        assert_eq!(duration_is_zero("4h0m0s"), Some(false));
        assert_eq!(duration_is_zero("1.5h"), Some(false));
        assert_eq!(duration_is_zero("5"), None);
        assert_eq!(duration_is_zero("5d"), None);
        assert_eq!(duration_is_zero(""), None);
    }
}
