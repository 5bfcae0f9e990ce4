//! Compose services with long and short syntax normalised. Interpolated values (`${VAR}`, `$VAR`)
//! are kept as [`Value::Unknown`], never taken as literals; `$$` is a literal `$`.

use crate::model::vars;
use crate::span::Span;
use crate::syntax::yaml::{NodeRef, ScalarStyle, YamlFile};

pub struct ComposeFile<'a> {
    pub services: Vec<Service<'a>>,
    /// The document that holds `services:`, for the top-level keys (`secrets:`, `networks:`).
    pub root: Option<NodeRef<'a>>,
}

impl<'a> ComposeFile<'a> {
    pub fn new(tree: &'a YamlFile) -> Self {
        let mut services = Vec::new();
        let mut top = None;
        for doc in &tree.documents {
            let Some(root) = tree.root(doc) else { continue };
            let Some(map) = root.get("services").filter(|s| s.is_mapping()) else { continue };
            top.get_or_insert(root);
            for (key, node) in map.entries() {
                if let Some(name) = key.str() {
                    services.push(Service { name, key, node });
                }
            }
        }
        ComposeFile { services, root: top }
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
}

pub struct Service<'a> {
    pub name: &'a str,
    /// The service's key under `services:`, where findings about missing settings point.
    pub key: NodeRef<'a>,
    pub node: NodeRef<'a>,
}

pub struct EnvVar<'a> {
    pub name: &'a str,
    pub name_span: Span,
    /// `None` for `- NAME` (taken from the host environment) or `NAME:` with no value.
    pub value: Option<Value>,
}

pub struct Port {
    pub host_ip: Option<String>,
    pub published: Option<Value>,
    pub target: Option<String>,
    pub protocol: Option<String>,
    pub span: Span,
}

pub struct Volume {
    /// `bind`, `volume`, `tmpfs`, ... (`bind` when a short-syntax source is a path).
    pub kind: String,
    pub source: Option<Value>,
    pub target: Option<String>,
    pub read_only: bool,
    pub span: Span,
}

/// `security_opt` entry: `name:value` or `name=value` forms.
pub struct SecurityOpt {
    pub name: String,
    pub value: Option<String>,
    pub span: Span,
}

impl<'a> Service<'a> {
    pub fn get(&self, key: &str) -> Option<NodeRef<'a>> {
        self.node.get(key)
    }

    pub fn value(&self, key: &str) -> Option<Value> {
        self.get(key).and_then(Value::of)
    }

    pub fn environment(&self) -> Vec<EnvVar<'a>> {
        let Some(env) = self.get("environment") else { return Vec::new() };
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
                let span = item.span();
                // The scalar's text starts after an opening quote, if any.
                let quoted = matches!(item.style(), Some(ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted));
                let start = span.start + usize::from(quoted);
                Some(match s.split_once('=') {
                    Some((name, value)) => {
                        let value_start = start + name.len() + 1;
                        let vspan = Span::new(value_start.min(span.end), (value_start + value.len()).min(span.end));
                        let value = if vars::has_interpolation(value, true) {
                            Value::Unknown(vspan)
                        } else {
                            Value::Literal(value.replace("$$", "$"), vspan)
                        };
                        EnvVar { name, name_span: Span::new(start, start + name.len()), value: Some(value) }
                    }
                    None => EnvVar { name: s, name_span: span, value: None },
                })
            })
            .collect()
    }

    pub fn ports(&self) -> Vec<Port> {
        let Some(ports) = self.get("ports") else { return Vec::new() };
        ports.items().filter_map(port).collect()
    }

    pub fn volumes(&self) -> Vec<Volume> {
        let Some(vols) = self.get("volumes") else { return Vec::new() };
        vols.items().filter_map(volume).collect()
    }

    pub fn security_opts(&self) -> Vec<SecurityOpt> {
        let Some(opts) = self.get("security_opt") else { return Vec::new() };
        opts.items()
            .filter_map(|n| {
                let s = n.str()?;
                let (name, value) = match s.find([':', '=']) {
                    Some(i) => (&s[..i], Some(s[i + 1..].to_string())),
                    None => (s, None),
                };
                Some(SecurityOpt { name: name.to_string(), value, span: n.span() })
            })
            .collect()
    }
}

fn port(n: NodeRef<'_>) -> Option<Port> {
    if n.is_mapping() {
        let s = |k: &str| n.get(k).and_then(|v| v.str()).map(str::to_string);
        return Some(Port {
            host_ip: s("host_ip"),
            published: n.get("published").and_then(Value::of),
            target: s("target"),
            protocol: s("protocol"),
            span: n.span(),
        });
    }
    let text = n.str()?;
    let (text, protocol) = match text.rsplit_once('/') {
        Some((t, p)) => (t, Some(p.to_string())),
        None => (text, None),
    };
    // [host_ip:][published:]target, where host_ip may be a bracketed IPv6 address.
    let (host_ip, rest) = match text.strip_prefix('[').and_then(|t| t.split_once("]:")) {
        Some((ip, rest)) => (Some(ip.to_string()), rest),
        None => match text.matches(':').count() {
            2 => text.split_once(':').map(|(ip, r)| (Some(ip.to_string()), r)).unwrap_or((None, text)),
            _ => (None, text),
        },
    };
    let (published, target) = match rest.rsplit_once(':') {
        Some((p, t)) => (Some(p), t),
        None => (None, rest),
    };
    let published = published.map(|p| {
        if vars::has_interpolation(p, true) {
            Value::Unknown(n.span())
        } else {
            Value::Literal(p.to_string(), n.span())
        }
    });
    Some(Port { host_ip, published, target: Some(target.to_string()), protocol, span: n.span() })
}

fn volume(n: NodeRef<'_>) -> Option<Volume> {
    if n.is_mapping() {
        return Some(Volume {
            kind: n.get("type").and_then(|v| v.str()).unwrap_or("volume").to_string(),
            source: n.get("source").and_then(Value::of),
            target: n.get("target").and_then(|v| v.str()).map(str::to_string),
            read_only: n.get("read_only").and_then(|v| v.as_bool()).unwrap_or(false),
            span: n.span(),
        });
    }
    let text = n.str()?;
    let parts: Vec<&str> = text.splitn(3, ':').collect();
    let (source, target, mode) = match parts.as_slice() {
        [t] => (None, *t, ""),
        [s, t] => (Some(*s), *t, ""),
        [s, t, m] => (Some(*s), *t, *m),
        _ => return None,
    };
    let kind = match source {
        Some(s) if s.starts_with(['/', '.', '~', '$']) => "bind",
        _ => "volume",
    };
    let source = source.map(|s| {
        if vars::has_interpolation(s, true) {
            Value::Unknown(n.span())
        } else {
            Value::Literal(s.to_string(), n.span())
        }
    });
    Some(Volume {
        kind: kind.to_string(),
        source,
        target: Some(target.to_string()),
        read_only: mode.split(',').any(|m| m == "ro"),
        span: n.span(),
    })
}
