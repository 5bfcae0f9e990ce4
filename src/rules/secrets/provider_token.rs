//! SEC201: a provider's token (GitHub, AWS, Slack, Stripe, ...) written into the file.

use super::tokens::scan;
use crate::diagnostic::redact;
use crate::model::compose::ComposeFile;
use crate::model::dockerfile::DockerfileModel;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct ProviderToken;

impl Rule for ProviderToken {
    fn code(&self) -> &'static str {
        "SEC201"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, _file: &DockerfileModel<'_>) {
        report(cx, 0, cx.src.len());
    }

    /// Each object scans its own document, so a stream is read once in all.
    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        report(cx, object.span.start, object.span.end);
    }

    fn compose(&self, cx: &mut Context<'_>, _file: &ComposeFile<'_>) {
        report(cx, 0, cx.src.len());
    }
}

fn report(cx: &mut Context<'_>, start: usize, end: usize) {
    let Some(text) = cx.src.get(start..end) else { return };
    for token in scan(text, start) {
        let value = token.span.slice(cx.src);
        let d = cx
            .diag(token.span, format!("{} written in the file: {}", token.provider(), redact(value)))
            .with_secret(token.span)
            .with_help(
                "revoke it at the provider now (it stays in the repository's history), then pass it at run \
                 time: a BuildKit secret mount, a Kubernetes Secret, or a Compose secret",
            );
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
    fn messages_show_the_provider_and_at_most_four_characters() {
        let df = format!("FROM alpine:3.20\nENV X={TOKEN}\n");
        let d = crate::rules::testing::diagnostics("SEC201", &df);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.starts_with("GitHub token written in the file: \"ghp_…\" (40 chars)"), "{}", d[0].message);
        assert!(!d[0].message.contains(&TOKEN[4..]));
    }
}
