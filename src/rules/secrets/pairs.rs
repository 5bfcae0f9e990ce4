//! The secret-named pairs of each format, for the rules that judge their values: the file's text
//! through [`Context::assignments`], minus what another rule owns, plus what only the model can see
//! (a Secret's base64 `data`, stored encoded).

use std::borrow::Cow;

use super::assignments::Found;
use super::base64::decode;
use super::compose_fix;
use super::names::{NameKind, buildkit_secret, classify};
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::compose::ComposeFile;
use crate::model::dockerfile::DockerfileModel;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::dockerfile::InstructionKind;

/// A name and the value to judge; `span` is where the value is written (encoded, for a Secret's
/// `data`).
pub struct Pair<'a> {
    pub name: &'a str,
    pub name_span: Span,
    pub value: Cow<'a, str>,
    pub span: Span,
    /// From `--flag value`, where the value may be another argument.
    pub spaced: bool,
    /// How to move the value out, where the format has a place for secrets.
    pub fix: Option<Fix>,
    /// A container's `env` entry: K8S201 reports it if it is a credential (with its fix), so
    /// SEC203 leaves it alone.
    pub env: bool,
}

impl<'a> Pair<'a> {
    fn found(src: &'a str, f: &Found) -> Pair<'a> {
        Pair {
            name: f.name.slice(src),
            name_span: f.name,
            value: Cow::Borrowed(f.value.slice(src)),
            span: f.value,
            spaced: f.spaced,
            fix: None,
            env: false,
        }
    }
}

/// A Compose file's text; a service's variables come with the fix that makes them secrets.
pub fn compose<'a>(cx: &Context<'a>, file: &ComposeFile<'_>) -> Vec<Pair<'a>> {
    let mut pairs = text(cx);
    for pair in &mut pairs {
        pair.fix = compose_fix::move_to_secret(cx.src, file, pair.name, pair.name_span);
    }
    pairs
}

/// Any text: a kustomization, a `.env` file.
pub fn text<'a>(cx: &Context<'a>) -> Vec<Pair<'a>> {
    cx.assignments().iter().map(|f| Pair::found(cx.src, f)).collect()
}

/// A Dockerfile's text, except the `ARG`/`ENV` names BuildKit's test matches: DF201 reports those
/// whatever their value, with its fix.
pub fn dockerfile<'a>(cx: &Context<'a>, file: &DockerfileModel<'_>) -> Vec<Pair<'a>> {
    let owned: Vec<Span> = file
        .stages
        .iter()
        .flat_map(|s| s.instructions)
        .filter(|i| matches!(i.kind, InstructionKind::Arg | InstructionKind::Env))
        .flat_map(|i| i.key_values(file.ast.escape))
        .filter(|kv| buildkit_secret(&kv.key.text))
        .map(|kv| kv.key.span)
        .collect();
    cx.assignments().iter().filter(|f| !owned.contains(&f.name)).map(|f| Pair::found(cx.src, f)).collect()
}

/// An object's own document, with a core Secret's `data` values decoded.
pub fn object<'a>(cx: &Context<'a>, object: &Object<'a>) -> Vec<Pair<'a>> {
    let found = cx.assignments();
    // The file's pairs are in order: the object's are one run of them.
    let first = found.partition_point(|f| f.name.start < object.span.start);
    let own = found.get(first..).unwrap_or_default().iter().take_while(|f| f.value.end <= object.span.end);
    let mut pairs: Vec<Pair<'a>> = own.map(|f| Pair::found(cx.src, f)).collect();
    // An ExternalSecret names the keys of a secret store, never values (`secretKey: password`).
    if matches!(object.kind, "ExternalSecret" | "ClusterExternalSecret") && object.group() == "external-secrets.io" {
        return Vec::new();
    }
    // A SealedSecret's values are ciphertext only the cluster's controller can open.
    if object.kind == "SealedSecret"
        && let Some(sealed) = object.root.get("spec").and_then(|s| s.get("encryptedData"))
    {
        let sealed = sealed.span();
        pairs.retain(|p| !(sealed.start <= p.span.start && p.span.end <= sealed.end));
    }
    if object.kind == "Secret" && object.group().is_empty() {
        let data: Vec<_> = object.root.get("data").into_iter().flat_map(|m| m.entries()).collect();
        pairs.retain(|p| !data.iter().any(|(_, v)| v.span().start <= p.span.start && p.span.end <= v.span().end));
        for (key, node) in data {
            let Some(name) = key.str().filter(|n| classify(n) == NameKind::Secret) else { continue };
            let Some(value) = node.str().and_then(decode).and_then(|b| String::from_utf8(b).ok()) else { continue };
            pairs.push(Pair {
                name,
                name_span: key.span(),
                value: Cow::Owned(value.trim_end().to_string()),
                span: node.span(),
                spaced: false,
                fix: None,
                env: false,
            });
        }
    }
    pairs.extend(env_pairs(object));
    pairs
}

/// The containers' `env` entries with a literal value under a secret-looking name.
fn env_pairs<'a>(object: &Object<'a>) -> Vec<Pair<'a>> {
    let Some(pod) = object.pod_spec() else { return Vec::new() };
    let entries = pod.containers().into_iter().flat_map(|c| c.list("env"));
    entries
        .filter_map(|env| {
            let key = env.get("name")?;
            let name = key.str().filter(|n| classify(n) == NameKind::Secret)?;
            let node = env.get("value").filter(|v| v.is_scalar() && !v.is_null())?;
            Some(Pair {
                name,
                name_span: key.span(),
                value: Cow::Borrowed(node.str()?),
                span: node.span(),
                spaced: false,
                fix: None,
                env: true,
            })
        })
        .collect()
}

/// A rule that judges each secret-named pair of every format: SEC203 and SEC204 differ only in
/// which pairs they report and how. A pair's fix, where its format has one, comes along.
pub struct PairRule {
    pub code: &'static str,
    pub finding: fn(&Context<'_>, &Pair<'_>) -> Option<Diagnostic>,
}

impl PairRule {
    fn report(&self, cx: &mut Context<'_>, pairs: Vec<Pair<'_>>) {
        for pair in pairs {
            if let Some(mut d) = (self.finding)(cx, &pair) {
                if let Some(fix) = pair.fix {
                    d = d.with_fix(fix);
                }
                cx.emit(d);
            }
        }
    }
}

impl Rule for PairRule {
    fn code(&self) -> &'static str {
        self.code
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        self.report(cx, dockerfile(cx, file));
    }

    fn kubernetes(&self, cx: &mut Context<'_>, o: &Object<'_>) {
        self.report(cx, object(cx, o));
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        self.report(cx, compose(cx, file));
    }

    fn text(&self, cx: &mut Context<'_>) {
        self.report(cx, text(cx));
    }
}
