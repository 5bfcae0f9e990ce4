//! Service settings with short and long forms: `security_opt`, `cap_add`/`cap_drop`,
//! `env_file`, `secrets`/`configs`, resources and `healthcheck`.

use super::{Value, text};
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

/// `security_opt` entry: `name`, `name:value` or `name=value` (`no-new-privileges`,
/// `no-new-privileges:true`, `seccomp=unconfined`, `apparmor:unconfined`, `label=disable`, ...).
pub struct SecurityOpt {
    pub name: String,
    pub value: Option<String>,
    /// The whole item.
    pub span: Span,
    /// The name, exact span.
    pub name_span: Span,
    /// The value, exact span; `Unknown` when interpolated.
    pub setting: Option<Value>,
    /// Whether the name itself depends on a variable (`- ${SECURITY_OPT}`).
    pub unknown: bool,
}

impl SecurityOpt {
    /// For `no-new-privileges`: whether it is on (Docker reads the value as Go's `ParseBool`; no
    /// value means on). `None` for other options, unknown or unreadable values.
    pub fn no_new_privileges(&self) -> Option<bool> {
        if self.unknown || self.name != "no-new-privileges" {
            return None;
        }
        match &self.setting {
            None => Some(true),
            Some(v) => v.literal().and_then(text::go_bool),
        }
    }

    /// Whether it turns a confinement off: `seccomp`, `apparmor` or `systempaths` set to
    /// `unconfined`, or `label` set to `disable`.
    pub fn disables_confinement(&self) -> bool {
        let value = self.setting.as_ref().and_then(Value::literal);
        match self.name.as_str() {
            "seccomp" | "apparmor" | "systempaths" => value == Some("unconfined"),
            "label" => value == Some("disable"),
            _ => false,
        }
    }
}

pub(super) fn security_opt(n: NodeRef<'_>) -> Option<SecurityOpt> {
    let s = n.str()?;
    let split = s.find([':', '=']);
    let name_end = split.unwrap_or(s.len());
    let name = s.get(..name_end)?;
    let setting = split.map(|i| text::part(n, s, (i + 1, s.len())));
    Some(SecurityOpt {
        name: name.to_string(),
        value: split.and_then(|i| s.get(i + 1..)).map(str::to_string),
        span: n.span(),
        name_span: text::part_span(n, 0, name_end),
        setting,
        unknown: crate::model::vars::has_interpolation(name, true),
    })
}

/// A `cap_add` / `cap_drop` item.
pub struct Capability {
    /// Upper case without the `CAP_` prefix (`SYS_ADMIN`, `ALL`), as Docker normalises it;
    /// `None` when interpolated.
    pub name: Option<String>,
    /// The item.
    pub span: Span,
}

pub(super) fn capability(n: NodeRef<'_>) -> Option<Capability> {
    let name = match Value::of(n)? {
        Value::Literal(s, _) => {
            let upper = s.trim().to_ascii_uppercase();
            Some(upper.strip_prefix("CAP_").map(str::to_string).unwrap_or(upper))
        }
        Value::Unknown(_) => None,
    };
    Some(Capability { name, span: n.span() })
}

/// An `env_file` entry: `.env`, or `{path, required, format}`.
pub struct EnvFile {
    pub path: Value,
    /// `false` when `required: false` (a missing file is then skipped).
    pub required: bool,
    pub span: Span,
}

pub(super) fn env_file(n: NodeRef<'_>) -> Option<EnvFile> {
    if n.is_mapping() {
        let required = n.get("required").and_then(Value::of).and_then(|v| v.as_bool()).unwrap_or(true);
        return Some(EnvFile { path: n.get("path").and_then(Value::of)?, required, span: n.span() });
    }
    Some(EnvFile { path: Value::of(n)?, required: true, span: n.span() })
}

/// A service's `secrets:` or `configs:` item: `name`, or `{source, target, uid, gid, mode}`.
pub struct FileRef {
    pub source: Option<Value>,
    pub target: Option<Value>,
    pub uid: Option<Value>,
    pub gid: Option<Value>,
    /// As written (`0440` is octal to Compose).
    pub mode: Option<Value>,
    pub span: Span,
}

impl FileRef {
    /// The mount path, compose-go's mount indexer: `target`, else `<dir>/<source>`.
    pub(super) fn identity(&self, dir: &str) -> Option<String> {
        match &self.target {
            Some(t) => t.literal().map(str::to_string),
            None => Some(format!("{dir}/{}", self.source.as_ref()?.literal()?)),
        }
    }
}

pub(super) fn file_ref(n: NodeRef<'_>) -> Option<FileRef> {
    if n.is_mapping() {
        let v = |k: &str| n.get(k).and_then(Value::of);
        return Some(FileRef {
            source: v("source"),
            target: v("target"),
            uid: v("uid"),
            gid: v("gid"),
            mode: v("mode"),
            span: n.span(),
        });
    }
    Some(FileRef { source: Some(Value::of(n)?), target: None, uid: None, gid: None, mode: None, span: n.span() })
}

/// Resource settings of one kind (limits or reservations). Use [`Value::sets_limit`]: `0` and
/// `-1` mean "no limit".
pub struct Resources {
    pub cpus: Option<Value>,
    pub memory: Option<Value>,
    pub pids: Option<Value>,
}

/// A service's `healthcheck:`, its keys merged across layers.
pub struct Healthcheck<'a> {
    /// The `healthcheck` key.
    pub key: NodeRef<'a>,
    pub test: Option<NodeRef<'a>>,
    pub disable: Option<Value>,
}

impl Healthcheck<'_> {
    /// What turns the image's health check off: `test: ["NONE"]` (its `NONE` item) or
    /// `disable: true`; `Unknown` when that depends on a variable; `None` when it stays on. A
    /// string `test: NONE` is a shell command, not this.
    pub fn disabled(&self) -> Option<Value> {
        if let Some(first) = self.test.filter(|t| t.is_sequence()).and_then(|t| t.items().next()) {
            match Value::of(first) {
                Some(v @ Value::Literal(..)) if v.literal() == Some("NONE") => return Some(v),
                Some(v @ Value::Unknown(_)) => return Some(v),
                _ => {}
            }
        }
        match &self.disable {
            Some(v) if v.is_unknown() || v.as_bool() == Some(true) => Some(v.clone()),
            _ => None,
        }
    }
}
