//! The rule engine: the `Rule` trait, the one registry table, and the context rules report into.
//!
//! A rule's metadata (name, severity, aliases, ...) is declared once, in its catalog entry
//! `rules/<CODE>.md`; the implementation names only its code.

use std::sync::{Arc, OnceLock};

use crate::catalog::{RuleDoc, catalog};
use crate::config::Resolved;
use crate::diagnostic::Diagnostic;
use crate::model::compose::ComposeFile;
use crate::model::dockerfile::DockerfileModel;
use crate::model::kubernetes::Object;
use crate::span::Span;

pub mod compose;
pub mod dockerfile;
pub mod kubernetes;
pub mod project;
pub mod runtime_sockets;
pub mod secrets;
#[cfg(test)]
pub mod testing;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Dockerfile,
    Kubernetes,
    Compose,
    Kustomization,
    DotEnv,
}

/// A per-file rule. Each gets the narrowest typed view it needs; the defaults do nothing, so a rule
/// implements only the formats it applies to. Which formats those are is its catalog entry's
/// `domain`, said once.
pub trait Rule: Sync + Send {
    fn code(&self) -> &'static str;
    fn dockerfile(&self, _cx: &mut Context<'_>, _file: &DockerfileModel<'_>) {}
    fn kubernetes(&self, _cx: &mut Context<'_>, _object: &Object<'_>) {}
    fn compose(&self, _cx: &mut Context<'_>, _file: &ComposeFile<'_>) {}
    /// A file read as text only: a kustomization or a `.env` file (`cx.src`).
    fn text(&self, _cx: &mut Context<'_>) {}
}

fn all_rules() -> impl Iterator<Item = &'static dyn Rule> {
    dockerfile::rules().chain(kubernetes::rules()).chain(compose::rules()).chain(secrets::RULES.iter().copied())
}

/// A rule joined with its catalog entry.
pub struct Registered {
    pub rule: &'static dyn Rule,
    pub doc: &'static RuleDoc,
    pub formats: &'static [Format],
}

/// The formats a catalog `domain` covers; `None` for a domain no per-file rule can have.
pub fn domain_formats(domain: &str) -> Option<&'static [Format]> {
    Some(match domain {
        "dockerfile" => &[Format::Dockerfile],
        "kubernetes" => &[Format::Kubernetes],
        "compose" => &[Format::Compose],
        "secrets" => &[Format::Dockerfile, Format::Kubernetes, Format::Compose, Format::Kustomization, Format::DotEnv],
        _ => return None,
    })
}

/// The registry; a rule without a catalog entry is left out here and reported by the test suite.
pub fn registry() -> &'static [Registered] {
    static REGISTRY: OnceLock<Vec<Registered>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let cat = catalog();
        all_rules()
            .filter_map(|rule| {
                let doc = cat.get(rule.code())?;
                Some(Registered { rule, doc, formats: domain_formats(doc.domain)? })
            })
            .collect()
    })
}

/// Codes of implementations that have no catalog entry (must be empty).
pub fn undocumented() -> Vec<&'static str> {
    let codes = all_rules().map(|r| r.code()).chain(project::PROJECT_RULES.iter().map(|r| r.code()));
    codes.filter(|c| catalog().get(c).is_none()).collect()
}

/// The rules selected by `settings` that apply to `format`.
pub fn enabled(settings: &Resolved, format: Format) -> impl Iterator<Item = &'static Registered> + '_ {
    registry().iter().filter(move |r| r.formats.contains(&format) && settings.is_enabled(r.doc.code))
}

/// What a rule sees of the run: where it is, the settings in force, and a place to report.
pub struct Context<'a> {
    rule: &'static RuleDoc,
    path: &'a Arc<str>,
    pub src: &'a str,
    pub settings: &'a Resolved,
    out: &'a mut Vec<Diagnostic>,
    shared: &'a Shared,
}

/// Analyses of a file's text that several rules read, worked out when first asked and kept for
/// the file's other rules (the secrets rules all judge the same name-and-value pairs).
#[derive(Default)]
pub struct Shared {
    assignments: std::cell::OnceCell<Vec<secrets::assignments::Found>>,
}

impl<'a> Context<'a> {
    pub fn new(
        rule: &Registered,
        path: &'a Arc<str>,
        src: &'a str,
        settings: &'a Resolved,
        out: &'a mut Vec<Diagnostic>,
        shared: &'a Shared,
    ) -> Self {
        Context { rule: rule.doc, path, src, settings, out, shared }
    }

    /// The secret-named pairs of the whole file, in order.
    pub fn assignments(&self) -> &'a [secrets::assignments::Found] {
        self.shared.assignments.get_or_init(|| secrets::assignments::find(self.src))
    }

    /// A diagnostic of this rule at `span`, to be completed and passed to [`Context::emit`].
    pub fn diag(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.rule.code, self.rule.name, self.rule.severity, self.path.clone(), span, message)
    }

    /// The file's path as given (for rules that judge a file by where it lives).
    pub fn path(&self) -> &str {
        self.path
    }

    pub fn emit(&mut self, d: Diagnostic) {
        self.out.push(d);
    }
}
