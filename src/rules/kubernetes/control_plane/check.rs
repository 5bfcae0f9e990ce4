//! The table-driven CIS rule: a [`CisRule`] is one row (code, component, check, versions, help),
//! each with its own catalog entry; every check kind is implemented once here.

use std::net::IpAddr;

use super::command_line::Component;
use super::target::{Key, Lookup, Target};
use super::versions::{Versions, plugin_on_by_default};
use crate::model::kubernetes::{KubeVersion, Object};
use crate::rules::{Context, Rule};
use crate::span::Span;

/// What one rule found: where, and what is wrong (the message puts the component first).
pub struct Finding {
    pub at: Span,
    pub problem: String,
}

/// A custom check: the target and the Kubernetes version in force.
pub type CheckFn = fn(&Target<'_>, KubeVersion) -> Option<Finding>;

pub enum Check {
    /// A boolean setting must be `want`; an unset flag means `flag_default`, an unset
    /// `KubeletConfiguration` field `config_default`.
    Bool {
        key: Key,
        want: bool,
        flag_default: bool,
        config_default: bool,
    },
    /// Every key must be set (not to an empty value).
    Required(&'static [Key]),
    /// The key must not be set at all.
    Forbidden(Key),
    /// A list setting must (`want: true`) or must not contain `item`; unset means the default.
    Contains {
        key: Key,
        item: &'static str,
        want: bool,
        flag_default: &'static str,
        config_default: &'static str,
    },
    /// Admission plugin must be enabled (explicitly or by default).
    PluginOn(&'static str),
    /// Admission plugin must not be enabled.
    PluginOff(&'static str),
    /// Listed TLS cipher suites must all be strong (unset: Go's defaults, not reported).
    StrongCiphers(Key),
    /// A bind address must be a loopback address (unset: all interfaces).
    Loopback(Key),
    Custom(CheckFn),
}

pub struct CisRule {
    pub code: &'static str,
    pub components: &'static [Component],
    pub versions: Versions,
    pub check: Check,
    /// Why it matters, after the finding: "unauthenticated requests are served".
    pub risk: &'static str,
    pub help: &'static str,
}

impl Rule for CisRule {
    fn code(&self) -> &'static str {
        self.code
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let version = cx.settings.kube_version;
        if !self.versions.contains(version) {
            return;
        }
        for t in Target::all(object) {
            if !self.components.contains(&t.component) {
                continue;
            }
            if let Some(f) = evaluate(&self.check, &t, version) {
                let d = cx.diag(f.at, format!("{} {}: {}", t.who, f.problem, self.risk)).with_help(self.help);
                cx.emit(d);
            }
        }
    }
}

fn evaluate(check: &Check, t: &Target<'_>, v: KubeVersion) -> Option<Finding> {
    match *check {
        Check::Bool { key, want, flag_default, config_default } => {
            let default = if t.is_config() { config_default } else { flag_default };
            bool_setting(t, key, want, default)
        }
        Check::Required(keys) => required(t, keys),
        Check::Forbidden(key) => match t.lookup(key) {
            Lookup::Set(s) => Some(Finding { at: s.span, problem: format!("sets `{}`", s.shown) }),
            _ => None,
        },
        Check::Contains { key, item, want, flag_default, config_default } => {
            let default = if t.is_config() { config_default } else { flag_default };
            contains(t, key, item, want, default)
        }
        Check::PluginOn(name) => plugin_on(t, name, v),
        Check::PluginOff(name) => match plugin(t, name, v) {
            Plugin::Enabled(at) => Some(Finding { at, problem: format!("enables the `{name}` admission plugin") }),
            _ => None,
        },
        Check::StrongCiphers(key) => strong_ciphers(t, key),
        Check::Loopback(key) => loopback(t, key),
        Check::Custom(f) => f(t, v),
    }
}

/// `(the default is `x`)`, for findings about an unset setting.
pub fn unset(t: &Target<'_>, key: Key, default: impl std::fmt::Display) -> Finding {
    let name = t.name(key);
    let problem = if t.is_config() {
        format!("leaves `{name}` unset, which defaults to `{default}`")
    } else {
        format!("does not set `{name}`, which defaults to `{default}`")
    };
    Finding { at: t.anchor, problem }
}

/// The finding for a boolean setting that is not `want`.
pub fn bool_setting(t: &Target<'_>, key: Key, want: bool, default: bool) -> Option<Finding> {
    match t.lookup(key) {
        Lookup::Set(s) => (s.bool()? != want).then(|| Finding { at: s.span, problem: format!("sets `{}`", s.shown) }),
        Lookup::Unset => (default != want).then(|| unset(t, key, default)),
        Lookup::Unknown => None,
    }
}

/// A setting given a non-empty value.
pub fn is_set(t: &Target<'_>, key: Key) -> Option<bool> {
    match t.lookup(key) {
        Lookup::Set(s) => Some(!s.is_empty()),
        Lookup::Unset => Some(false),
        Lookup::Unknown => None,
    }
}

pub fn required(t: &Target<'_>, keys: &[Key]) -> Option<Finding> {
    let mut missing = Vec::new();
    for &key in keys {
        if !is_set(t, key)? {
            missing.push(format!("`{}`", t.name(key)));
        }
    }
    if missing.is_empty() {
        return None;
    }
    let verb = if t.is_config() { "leaves" } else { "does not set" };
    let list = missing.join(" or ");
    Some(Finding { at: t.anchor, problem: format!("{verb} {list}{}", if t.is_config() { " unset" } else { "" }) })
}

pub fn contains(t: &Target<'_>, key: Key, item: &str, want: bool, default: &str) -> Option<Finding> {
    let verb = if want { "does not include" } else { "includes" };
    match t.lookup(key) {
        Lookup::Set(s) => {
            let list = s.list()?;
            let has = list.contains(&item);
            // `--authorization-mode=AlwaysAllow` needs no "which includes `AlwaysAllow`".
            let problem = if list == [item] {
                format!("sets `{}`", s.shown)
            } else {
                format!("sets `{}`, which {verb} `{item}`", s.shown)
            };
            (has != want).then_some(Finding { at: s.span, problem })
        }
        Lookup::Unset => {
            let has = default.split(',').any(|x| x == item);
            (has != want).then(|| unset(t, key, default))
        }
        Lookup::Unknown => None,
    }
}

/// Where admission plugin `name` stands on a kube-apiserver command line.
pub enum Plugin {
    /// Listed in `--enable-admission-plugins` (or the legacy `--admission-control`), at this flag.
    Enabled(Span),
    OnByDefault,
    /// Listed in `--disable-admission-plugins`, or left out of `--admission-control` (which
    /// replaces the defaults), at this flag.
    Disabled(Span),
    /// Neither listed nor on by default; the span is the `--enable-admission-plugins` flag if any.
    Off(Option<Span>),
    Unknown,
}

pub fn plugin(t: &Target<'_>, name: &str, v: KubeVersion) -> Plugin {
    let Some(line) = t.flags() else { return Plugin::Unknown };
    let listed = |flag: &str| -> Option<Option<Span>> {
        let mut found = None;
        for f in line.all(flag) {
            if f.known()?.split(',').any(|p| p.trim() == name) {
                found = Some(f.span);
            }
        }
        Some(found)
    };
    let (Some(enabled), Some(legacy), Some(disabled)) =
        (listed("enable-admission-plugins"), listed("admission-control"), listed("disable-admission-plugins"))
    else {
        return Plugin::Unknown;
    };
    if let Some(at) = enabled.or(legacy) {
        return Plugin::Enabled(at);
    }
    if let Some(at) = disabled {
        return Plugin::Disabled(at);
    }
    if let Some(f) = line.last("admission-control") {
        return Plugin::Disabled(f.span);
    }
    if plugin_on_by_default(name, v) {
        return Plugin::OnByDefault;
    }
    if line.opaque {
        return Plugin::Unknown;
    }
    Plugin::Off(line.last("enable-admission-plugins").map(|f| f.span))
}

fn plugin_on(t: &Target<'_>, name: &str, v: KubeVersion) -> Option<Finding> {
    match plugin(t, name, v) {
        Plugin::Enabled(_) | Plugin::OnByDefault | Plugin::Unknown => None,
        Plugin::Disabled(at) => Some(Finding { at, problem: format!("disables the `{name}` admission plugin") }),
        Plugin::Off(at) => Some(Finding {
            at: at.unwrap_or(t.anchor),
            problem: format!("does not enable the `{name}` admission plugin"),
        }),
    }
}

/// TLS 1.2 suites with forward secrecy and AEAD (the CIS 4.2.12 list, also checkov's), Go's
/// `_SHA256` names for the ChaCha20 ones, and the TLS 1.3 suites.
const STRONG_CIPHERS: &[&str] = &[
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
];

fn strong_ciphers(t: &Target<'_>, key: Key) -> Option<Finding> {
    let Lookup::Set(s) = t.lookup(key) else { return None };
    let weak: Vec<String> =
        s.list()?.into_iter().filter(|c| !STRONG_CIPHERS.contains(c)).map(|c| format!("`{c}`")).collect();
    (!weak.is_empty())
        .then(|| Finding { at: s.span, problem: format!("allows weak cipher suites {}", weak.join(", ")) })
}

fn loopback(t: &Target<'_>, key: Key) -> Option<Finding> {
    match t.lookup(key) {
        Lookup::Set(s) => {
            let ip: IpAddr = s.text()?.trim().parse().ok()?;
            (!ip.is_loopback()).then(|| Finding { at: s.span, problem: format!("sets `{}`", s.shown) })
        }
        Lookup::Unset => Some(unset(t, key, "0.0.0.0")),
        Lookup::Unknown => None,
    }
}
