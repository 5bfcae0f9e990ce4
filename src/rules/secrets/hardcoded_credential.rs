//! SEC203: a value assigned to a secret-looking name (`password`, `api_key`, `token`, ...) that is
//! written out and random enough to be a real credential.

use super::pairs::{Pair, PairRule};
use super::{keyed, tokens, value};
use crate::diagnostic::redact;
use crate::rules::Context;

pub static HARDCODED_CREDENTIAL: PairRule = PairRule { code: "SEC203", report };

fn report(cx: &mut Context<'_>, pair: &Pair<'_>) {
    // A value a provider rule names is SEC201's, with the provider.
    let generic = value::is_credential(&pair.value)
        && keyed::provider(pair.name, &pair.value).is_none()
        && tokens::scan(&pair.value, 0).is_empty();
    if !generic {
        return;
    }
    let mut d = cx
        .diag(pair.span, format!("`{}` is assigned a hardcoded credential {}", pair.name, redact(&pair.value)))
        .with_secret(pair.span)
        .with_help(
            "read it at run time instead: a BuildKit secret mount, a Kubernetes Secret referenced with \
             `secretKeyRef`, a Compose secret, or an interpolated variable (`${DB_PASSWORD}`); if it was ever \
             real, rotate it (it stays in the repository's history)",
        );
    if let Some(fix) = pair.fix.clone() {
        d = d.with_fix(fix);
    }
    cx.emit(d);
}
