//! SEC203: a value assigned to a secret-looking name (`password`, `api_key`, `token`, ...) that is
//! written out and random enough to be a real credential.

use super::pairs::{self, Pair};
use super::{keyed, tokens, value};
use crate::diagnostic::redact;
use crate::model::compose::ComposeFile;
use crate::model::dockerfile::DockerfileModel;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct HardcodedCredential;

impl Rule for HardcodedCredential {
    fn code(&self) -> &'static str {
        "SEC203"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        report(cx, pairs::dockerfile(cx.src, file));
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        report(cx, pairs::object(cx.src, object));
    }

    fn compose(&self, cx: &mut Context<'_>, _file: &ComposeFile<'_>) {
        report(cx, pairs::text(cx.src));
    }

    fn text(&self, cx: &mut Context<'_>) {
        report(cx, pairs::text(cx.src));
    }
}

/// Whether SEC203 reports this pair: a credential that no provider rule names (SEC201 reports
/// those, with the provider).
pub fn is_generic_credential(pair: &Pair<'_>) -> bool {
    value::is_credential(&pair.value)
        && keyed::provider(pair.name, &pair.value).is_none()
        && tokens::scan(&pair.value, 0).is_empty()
}

fn report(cx: &mut Context<'_>, pairs: Vec<Pair<'_>>) {
    for pair in pairs.iter().filter(|p| is_generic_credential(p)) {
        let d = cx
            .diag(pair.span, format!("`{}` is assigned a hardcoded credential {}", pair.name, redact(&pair.value)))
            .with_secret(pair.span)
            .with_help(
                "read it at run time instead: a BuildKit secret mount, a Kubernetes Secret referenced with \
                 `secretKeyRef`, a Compose secret, or an interpolated variable (`${DB_PASSWORD}`); if it was ever \
                 real, rotate it (it stays in the repository's history)",
            );
        cx.emit(d);
    }
}
