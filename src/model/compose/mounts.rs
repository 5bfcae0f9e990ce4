//! What a service mounts: `volumes:` (short `src:dst:opts` and long syntax), `tmpfs:` and
//! `devices:`.

use super::{Value, text};
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

pub struct Volume {
    /// `bind`, `volume`, `tmpfs`, `npipe`, `cluster`, `image` (long syntax `type`). Short syntax:
    /// `bind` when the source is a path (`/`, `.`, `~`, `\\`, a drive letter), `volume` for a
    /// name or no source (an anonymous volume), `unknown` when the source starts with a
    /// variable (`${DATA}:/data`); long syntax with an interpolated `type`: `unknown`.
    pub kind: String,
    /// The host path or volume name, exact span.
    pub source: Option<Value>,
    /// The path in the container as written.
    pub target: Option<String>,
    /// Known to be mounted read-only (`:ro`, `read_only: true`).
    pub read_only: bool,
    /// The whole item.
    pub span: Span,
    /// [`Self::target`] as a value, exact span.
    pub target_value: Option<Value>,
    /// Whether it is read-only depends on a variable (`:${MODE}`, `read_only: ${RO}`).
    pub read_only_unknown: bool,
    /// Short syntax: each option after the second `:` (`ro`, `z`, `rshared`, `nocopy`...). Long
    /// syntax: the keys of `bind:`, `volume:`, `tmpfs:`, `image:` (`propagation`, `selinux`,
    /// `create_host_path`, `nocopy`, `subpath`, `size`, `mode`) and `consistency`.
    pub options: Vec<MountOption>,
}

impl Volume {
    /// `Some(true)` read-only, `Some(false)` writable, `None` when it depends on a variable.
    pub fn is_read_only(&self) -> Option<bool> {
        (!self.read_only_unknown).then_some(self.read_only)
    }

    /// The option called `name` (the last one, as Docker reads them).
    pub fn option(&self, name: &str) -> Option<&MountOption> {
        self.options.iter().rev().find(|o| o.name == name)
    }
}

/// A mount option: `ro`, `size=64m` (short), or `propagation: rshared` (long).
pub struct MountOption {
    pub name: String,
    pub value: Option<Value>,
    /// The option as written (`size=64m`, or from `propagation` to its value).
    pub span: Span,
}

pub(super) fn volume(n: NodeRef<'_>) -> Option<Volume> {
    if n.is_mapping() {
        return Some(long_volume(n));
    }
    let text = n.str()?;
    // compose-go's `ParseVolume`: a one-letter part before a `:` is a Windows drive (`C:\data`).
    let mut parts: Vec<(usize, usize)> = Vec::new();
    for p in text::split_outside(text, b':') {
        match parts.last_mut() {
            Some(last) if last.1 == last.0 + 1 && text.as_bytes().get(last.0).is_some_and(u8::is_ascii_alphabetic) => {
                last.1 = p.1;
            }
            _ => parts.push(p),
        }
    }
    let (source, target, mode) = match parts.as_slice() {
        // Up to two characters are always a target (compose-go).
        _ if text.len() <= 2 => (None, (0, text.len()), None),
        [t] => (None, *t, None),
        [s, t] => (Some(*s), *t, None),
        [s, t, m] => (Some(*s), *t, Some(*m)),
        _ => return None,
    };
    let kind = match source.and_then(|(s, e)| text.get(s..e)) {
        Some(s) if s.starts_with('$') && !s.starts_with("$$") => "unknown",
        Some(s) if is_path(s) => "bind",
        _ => "volume",
    };
    let mut volume = Volume {
        kind: kind.to_string(),
        source: source.map(|r| text::part(n, text, r)),
        target: text.get(target.0..target.1).map(str::to_string),
        read_only: false,
        span: n.span(),
        target_value: Some(text::part(n, text, target)),
        read_only_unknown: false,
        options: Vec::new(),
    };
    if let Some((start, end)) = mode {
        volume.options = options(n, text, start, end);
        for o in &volume.options {
            match o.name.as_str() {
                "ro" => volume.read_only = true,
                "rw" => volume.read_only = false,
                _ => {}
            }
        }
        volume.read_only_unknown = text.get(start..end).is_some_and(|m| crate::model::vars::has_interpolation(m, true));
    }
    Some(volume)
}

/// compose-go's `isFilePath`: the source of a bind mount, not a volume name.
fn is_path(s: &str) -> bool {
    let drive = matches!(s.as_bytes(), [d, b':', ..] if d.is_ascii_alphabetic());
    s.starts_with(['.', '/', '~']) || s.starts_with("\\\\") || drive
}

/// The comma-separated options in `text[start..end]`, `name` or `name=value`.
fn options(n: NodeRef<'_>, text: &str, start: usize, end: usize) -> Vec<MountOption> {
    let Some(list) = text.get(start..end) else { return Vec::new() };
    text::split_outside(list, b',')
        .into_iter()
        .filter(|(s, e)| s < e)
        .map(|(s, e)| {
            let (s, e) = (start + s, start + e);
            let item = text.get(s..e).unwrap_or("");
            match item.split_once('=') {
                Some((name, _)) => MountOption {
                    name: name.to_string(),
                    value: Some(text::part(n, text, (s + name.len() + 1, e))),
                    span: text::part_span(n, s, e),
                },
                None => MountOption { name: item.to_string(), value: None, span: text::part_span(n, s, e) },
            }
        })
        .collect()
}

fn long_volume(n: NodeRef<'_>) -> Volume {
    let kind = match n.get("type").and_then(Value::of) {
        Some(Value::Literal(t, _)) => t,
        Some(Value::Unknown(_)) => "unknown".to_string(),
        None => "volume".to_string(),
    };
    let read_only = n.get("read_only").and_then(Value::of);
    let mut options = Vec::new();
    for block in ["bind", "volume", "tmpfs", "image"] {
        for (k, v) in n.get(block).into_iter().flat_map(|b| b.entries()) {
            if let Some(name) = k.str() {
                options.push(MountOption {
                    name: name.to_string(),
                    value: Value::of(v),
                    span: k.span().cover(v.span()),
                });
            }
        }
    }
    if let Some((k, v)) = n.entry("consistency") {
        options.push(MountOption { name: "consistency".into(), value: Value::of(v), span: k.span().cover(v.span()) });
    }
    Volume {
        kind,
        source: n.get("source").and_then(Value::of),
        target: n.get("target").and_then(|v| v.str()).map(str::to_string),
        read_only: read_only.as_ref().and_then(Value::as_bool).unwrap_or(false),
        span: n.span(),
        target_value: n.get("target").and_then(Value::of),
        read_only_unknown: read_only.as_ref().is_some_and(Value::is_unknown),
        options,
    }
}

/// A `tmpfs:` mount of the service: `/run` or `/run:rw,noexec,size=64m`.
pub struct Tmpfs {
    pub target: Value,
    pub options: Vec<MountOption>,
    pub span: Span,
}

pub(super) fn tmpfs(n: NodeRef<'_>) -> Option<Tmpfs> {
    let text = n.str()?;
    let end = text::find_outside(text, b':').unwrap_or(text.len());
    Some(Tmpfs {
        target: text::part(n, text, (0, end)),
        options: if end < text.len() { options(n, text, end + 1, text.len()) } else { Vec::new() },
        span: n.span(),
    })
}

/// A `devices:` item: `/dev/ttyUSB0`, `/dev/sda:/dev/xvda:rwm`, a CDI name
/// (`nvidia.com/gpu=all`), or long syntax `{source, target, permissions}`.
pub struct Device {
    pub source: Option<Value>,
    /// `None` when the device keeps its host path (or for a CDI name).
    pub target: Option<Value>,
    pub permissions: Option<Value>,
    pub span: Span,
}

impl Device {
    /// compose-go's device indexer: the path in the container.
    pub(super) fn identity(&self) -> Option<String> {
        self.target.as_ref().or(self.source.as_ref()).and_then(Value::literal).map(str::to_string)
    }
}

pub(super) fn device(n: NodeRef<'_>) -> Option<Device> {
    if n.is_mapping() {
        let v = |k: &str| n.get(k).and_then(Value::of);
        return Some(Device {
            source: v("source"),
            target: v("target"),
            permissions: v("permissions"),
            span: n.span(),
        });
    }
    let text = n.str()?;
    let parts = text::split_outside(text, b':');
    let part = |i: usize| parts.get(i).filter(|(s, e)| s < e).map(|r| text::part(n, text, *r));
    Some(Device { source: part(0), target: part(1), permissions: part(2), span: n.span() })
}
