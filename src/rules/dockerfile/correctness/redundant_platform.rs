//! DF717: `FROM --platform=$TARGETPLATFORM`, which is the default (BuildKit
//! `RedundantTargetPlatform`).

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::correctness::var_refs;
use crate::rules::{Context, Rule};
use crate::span::Span;

pub struct RedundantPlatform;

impl Rule for RedundantPlatform {
    fn code(&self) -> &'static str {
        "DF717"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            let Some(flag) = stage.from.flag("platform") else { continue };
            let Some(value_span) = flag.value_span else { continue };
            let refs = var_refs::in_flag_value(value_span, cx.src, file.ast.escape);
            // Only the variable, quoted or not: `${TARGETPLATFORM}`, `"$TARGETPLATFORM"`.
            let [r] = refs.as_slice() else { continue };
            let only_quotes = |s: Option<&str>| s.is_some_and(|s| s.chars().all(|c| c == '"'));
            let alone = only_quotes(cx.src.get(value_span.start..r.span.start))
                && only_quotes(cx.src.get(r.span.end..value_span.end));
            if r.name != "TARGETPLATFORM" || r.modifier.is_some() || !alone {
                continue;
            }
            let text = value_span.slice(cx.src);
            let d = cx
                .diag(
                    value_span,
                    format!("`--platform={text}` is redundant: a stage is built for the target platform by default"),
                )
                .with_help(
                    "remove the flag: only another value, such as `$BUILDPLATFORM`, changes the stage's platform",
                )
                .with_fix(Fix {
                    message: "remove `--platform`".into(),
                    applicability: Applicability::Unsafe,
                    edits: vec![Edit { span: with_trailing_blanks(cx.src, flag.span), replacement: String::new() }],
                });
            cx.emit(d);
        }
    }
}

/// `span` and the spaces or tabs after it.
fn with_trailing_blanks(src: &str, span: Span) -> Span {
    let rest = src.get(span.end..).unwrap_or("");
    Span::new(span.start, span.end + (rest.len() - rest.trim_start_matches([' ', '\t']).len()))
}

#[cfg(test)]
mod tests {
    fn found(src: &str) -> Vec<String> {
        crate::rules::testing::spans("DF717", src)
    }

    #[test]
    fn target_platform_alone() {
        assert_eq!(found("FROM --platform=$TARGETPLATFORM alpine\n"), vec!["$TARGETPLATFORM"]);
        assert_eq!(found("FROM --platform=\"${TARGETPLATFORM}\" alpine\n"), vec!["\"${TARGETPLATFORM}\""]);
    }

    #[test]
    fn anything_else_is_not_redundant() {
        assert!(found("FROM --platform=$BUILDPLATFORM alpine\n").is_empty());
        assert!(found("FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine\n").is_empty());
        assert!(found("FROM --platform=linux/$TARGETARCH alpine\n").is_empty());
        assert!(found("FROM --platform=$TARGETOS/$TARGETARCH alpine\n").is_empty());
        assert!(found("FROM alpine\n").is_empty());
    }

    #[test]
    fn fix_removes_the_flag() {
        let fixed = crate::rules::testing::fixed("DF717", "FROM --platform=$TARGETPLATFORM  alpine AS a\n");
        assert_eq!(fixed, "FROM alpine AS a\n");
    }
}
