//! DF730: a stage name that is not lower case.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::{DockerfileModel, Stage};
use crate::rules::{Context, Format, Rule};
use crate::span::Span;
use crate::syntax::dockerfile::{Instruction, InstructionKind};

pub struct StageNameCasing;

impl Rule for StageNameCasing {
    fn code(&self) -> &'static str {
        "DF730"
    }

    fn formats(&self) -> &'static [Format] {
        &[Format::Dockerfile]
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            let Some((_, word)) = super::stage_alias(file, stage) else { continue };
            let name = word.text.as_str();
            let lower = name.to_ascii_lowercase();
            if name == lower {
                continue;
            }
            let mut edits = Vec::new();
            lowercase_in(cx.src, word.span, &lower, &mut edits);
            for later in file.stages.iter().filter(|s| s.index > stage.index) {
                if let Some(base) = later.from.words(file.ast.escape).first() {
                    lowercase_in(cx.src, base.span, &lower, &mut edits);
                }
            }
            for instr in file.stages.iter().flat_map(|s: &Stage<'_>| s.instructions) {
                references(cx.src, instr, &lower, &mut edits);
            }
            let d = cx
                .diag(word.span, format!("stage name `{name}` is not lower case"))
                .with_help(format!(
                    "name it `{lower}`: Docker lowercases stage names anyway (`AS {name}` defines the stage \
                     `{lower}`), so the capitals only suggest a distinction that does not exist"
                ))
                .with_fix(Fix {
                    message: format!("rename the stage and its references to `{lower}`"),
                    applicability: Applicability::Safe,
                    edits,
                });
            cx.emit(d);
        }
    }
}

/// `COPY --from=<name>` and `RUN --mount=...,from=<name>` of an instruction.
fn references(src: &str, instr: &Instruction, lower: &str, edits: &mut Vec<Edit>) {
    for flag in &instr.flags {
        let Some(value) = flag.value_span else { continue };
        match (instr.kind, flag.name.as_str()) {
            (InstructionKind::Copy, "from") => lowercase_in(src, value, lower, edits),
            (InstructionKind::Run, "mount") => {
                let raw = value.slice(src);
                let mut offset = value.start;
                for field in raw.split(',') {
                    let key_len = field.find('=').unwrap_or(field.len());
                    let key = field.get(..key_len).unwrap_or("").trim_matches(['"', '\'']);
                    if key.eq_ignore_ascii_case("from") {
                        let start = offset + key_len + 1;
                        lowercase_in(
                            src,
                            Span::new(start.min(offset + field.len()), offset + field.len()),
                            lower,
                            edits,
                        );
                    }
                    offset += field.len() + 1;
                }
            }
            _ => {}
        }
    }
}

/// An edit lowercasing the token under `token` (inside its quotes) when it names `lower` in
/// another case.
fn lowercase_in(src: &str, token: Span, lower: &str, edits: &mut Vec<Edit>) {
    let raw = token.slice(src);
    let inner = raw.trim_matches(['"', '\'']);
    let start = token.start + (raw.len() - raw.trim_start_matches(['"', '\'']).len());
    if inner.eq_ignore_ascii_case(lower) && inner != lower {
        edits.push(Edit { span: Span::new(start, start + inner.len()), replacement: lower.to_string() });
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{fixed, spans};

    #[test]
    fn renames_the_stage_and_every_reference() {
        let src = "FROM golang AS Build\nRUN go build\n\
                   FROM Build AS Test\nRUN --mount=type=cache,from=BUILD,target=/c go test\n\
                   FROM alpine\nCOPY --from=Build /out /out\nCOPY --from=\"build\" /a /a\nCOPY --from=Builder /b /b\n";
        assert_eq!(spans("DF730", src), ["Build", "Test"]);
        let want = "FROM golang AS build\nRUN go build\n\
                    FROM build AS test\nRUN --mount=type=cache,from=build,target=/c go test\n\
                    FROM alpine\nCOPY --from=build /out /out\nCOPY --from=\"build\" /a /a\nCOPY --from=Builder /b /b\n";
        assert_eq!(fixed("DF730", src), want);
    }
}
