//! DF620: both `wget` and `curl` in one stage: two download tools where one does.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::span::Span;

pub struct WgetAndCurl;

impl Rule for WgetAndCurl {
    fn code(&self) -> &'static str {
        "DF620"
    }
    /// The tool a stage runs first is its choice; every command of the other one is reported.
    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let mut first: Option<(usize, &str, Span)> = None;
        for run in file.runs() {
            if first.is_some_and(|(stage, _, _)| stage != run.stage.index) {
                first = None;
            }
            for cmd in run.commands() {
                let Some(tool) = cmd.program().filter(|p| matches!(*p, "curl" | "wget")) else { continue };
                let Some((_, chosen, at)) = first else {
                    first = Some((run.stage.index, if tool == "curl" { "curl" } else { "wget" }, cmd.name.span));
                    continue;
                };
                if tool == chosen {
                    continue;
                }
                let d = cx
                    .diag(cmd.name.span, format!("`{tool}` is used in a stage that already downloads with `{chosen}`"))
                    .with_label(at, format!("`{chosen}` first used here"))
                    .with_help(format!("use one download tool per image: do this download with `{chosen}` too"));
                cx.emit(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans as hits;

    const CODE: &str = "DF620";

    #[test]
    fn reports_the_second_tool_in_a_stage() {
        let src = "FROM debian\nRUN wget -q https://a\nRUN curl -fsSL https://b && wget -q https://c && curl -o x https://d\n";
        assert_eq!(hits(CODE, src), ["curl", "curl"]);
        assert_eq!(
            hits(CODE, "FROM debian\nRUN sh -c 'curl -fsS https://a' && /usr/bin/wget -q https://b\n"),
            ["/usr/bin/wget"]
        );
    }

    #[test]
    fn one_tool_per_stage_is_accepted() {
        for src in [
            "FROM debian\nRUN wget -q https://a && wget -q https://b\n",
            "FROM debian AS build\nRUN curl -fsS https://a\nFROM debian\nRUN wget -q https://b\n",
            "FROM debian\nRUN apt-get install -y curl wget && command -v curl\n",
        ] {
            assert!(hits(CODE, src).is_empty(), "{src}");
        }
    }
}
