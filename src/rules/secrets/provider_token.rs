//! SEC201: a provider's token (GitHub, AWS, Slack, Stripe, ...) written into the file.

use super::base64::decode;
use super::keyed;
use super::pairs::{self, Pair};
use super::tokens::scan;
use crate::diagnostic::redact;
use crate::model::compose::ComposeFile;
use crate::model::dockerfile::DockerfileModel;
use crate::model::kubernetes::{Object, string_entries};
use crate::rules::{Context, Rule};
use crate::syntax::yaml::NodeRef;

pub struct ProviderToken;

impl Rule for ProviderToken {
    fn code(&self) -> &'static str {
        "SEC201"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, _file: &DockerfileModel<'_>) {
        report(cx, 0, cx.src.len());
        report_keyed(cx, pairs::text(cx));
    }

    /// Each object scans its own document, so a stream is read once in all; a Secret's values
    /// are scanned decoded too, since Kubernetes stores `data` base64-encoded.
    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        report(cx, object.span.start, object.span.end);
        report_keyed(cx, pairs::object(cx, object));
        // `stringData` values are plain text, but are often base64-encoded by mistake, as `data`'s.
        if object.kind == "Secret" && object.group().is_empty() {
            let data = string_entries(object.root.get("data")).chain(string_entries(object.root.get("stringData")));
            for (_, value) in data {
                report_encoded(cx, value);
            }
        }
    }

    fn compose(&self, cx: &mut Context<'_>, _file: &ComposeFile<'_>) {
        report(cx, 0, cx.src.len());
        report_keyed(cx, pairs::text(cx));
    }

    fn text(&self, cx: &mut Context<'_>) {
        report(cx, 0, cx.src.len());
        report_keyed(cx, pairs::text(cx));
    }
}

/// A token inside a base64 value: the finding covers the whole encoded value.
fn report_encoded(cx: &mut Context<'_>, value: NodeRef<'_>) {
    let Some(decoded) = value.str().and_then(decode) else { return };
    let Ok(text) = String::from_utf8(decoded) else { return };
    for token in scan(&text, 0) {
        let span = value.span();
        let message = format!(
            "{} written in the file, base64-encoded in a Secret: {}",
            token.provider(),
            redact(token.span.slice(&text))
        );
        let d = cx.diag(span, message).with_secret(span).with_help(HELP);
        cx.emit(d);
    }
}

const HELP: &str = "revoke it at the provider now (it stays in the repository's history), then pass it at run \
                    time: a BuildKit secret mount, a Kubernetes Secret, or a Compose secret";

/// Credentials with no prefix, known by the name they are assigned to and their shape.
fn report_keyed(cx: &mut Context<'_>, pairs: Vec<Pair<'_>>) {
    for pair in pairs {
        let Some(provider) = keyed::provider(pair.name, &pair.value) else { continue };
        let message = format!("{provider} assigned to `{}`: {}", pair.name, redact(&pair.value));
        let d = cx.diag(pair.span, message).with_secret(pair.span).with_help(HELP);
        cx.emit(d);
    }
}

fn report(cx: &mut Context<'_>, start: usize, end: usize) {
    let Some(text) = cx.src.get(start..end) else { return };
    for token in scan(text, start) {
        let value = token.span.slice(cx.src);
        let d = cx
            .diag(token.span, format!("{} written in the file: {}", token.provider(), redact(value)))
            .with_secret(token.span)
            .with_help(HELP);
        cx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as, spans};

    const TOKEN: &str = "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R";

    #[test]
    fn every_format_is_scanned_once() {
        let df = format!("FROM alpine:3.20\n# token {TOKEN}\nRUN curl -H 'Authorization: token {TOKEN}' x\n");
        assert_eq!(spans("SEC201", &df), [TOKEN, TOKEN]);
        let stream = format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: a}}\ndata: {{t: {TOKEN}}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: b}}\n"
        );
        assert_eq!(k8s_spans("SEC201", &stream), [TOKEN]);
        let compose = format!("services:\n  web:\n    image: nginx:1.27\n    environment:\n      - GH={TOKEN}\n");
        let found = lint_as("SEC201", "compose.yaml", &compose, Options::default());
        assert_eq!(found.iter().map(|d| d.span.slice(&compose)).collect::<Vec<_>>(), [TOKEN]);
    }

    #[test]
    fn secret_data_is_scanned_decoded() {
        let encoded = "Z2hwXzFhMkIzYzRENWU2RjdnOEg5aTBKMWsyTDNtNE41bzZQN3E4Ug==";
        let src = format!(
            "apiVersion: v1\nkind: Secret\nmetadata: {{name: gh}}\ndata:\n  token: {encoded}\n  other: aHVudGVyMg==\n"
        );
        assert_eq!(k8s_spans("SEC201", &src), [encoded]);
        // A ConfigMap's base64 is data, not a Secret's encoding.
        assert!(k8s_spans("SEC201", &src.replace("kind: Secret", "kind: ConfigMap")).is_empty());
        // Encoded by mistake in `stringData`.
        assert_eq!(k8s_spans("SEC201", &src.replace("data:", "stringData:")), [encoded]);
    }

    #[test]
    fn messages_show_the_provider_and_at_most_four_characters() {
        let df = format!("FROM alpine:3.20\nENV X={TOKEN}\n");
        let d = crate::rules::testing::diagnostics("SEC201", &df);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.starts_with("GitHub token written in the file: \"ghp_…\" (40 chars)"), "{}", d[0].message);
        assert!(!d[0].message.contains(&TOKEN[4..]));
    }
}
