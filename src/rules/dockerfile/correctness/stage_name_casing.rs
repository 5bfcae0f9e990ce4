//! DF730: a stage name that is not lower case.

use std::collections::HashMap;

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::dockerfile::{Instruction, InstructionKind};

pub struct StageNameCasing;

impl Rule for StageNameCasing {
    fn code(&self) -> &'static str {
        "DF730"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let mut refs: Option<HashMap<String, Vec<Reference>>> = None;
        for stage in &file.stages {
            let Some((_, word)) = super::stage_alias(file, stage) else { continue };
            let name = word.text.as_str();
            let lower = name.to_ascii_lowercase();
            if name == lower {
                continue;
            }
            // Collected once, on the first mis-cased name: most files have none.
            let refs = refs.get_or_insert_with(|| references(cx.src, file));
            let mut edits: Vec<Edit> = lowercase(cx.src, word.span).into_iter().collect();
            let later = |r: &&Reference| r.from_stage.is_none_or(|s| s > stage.index);
            edits.extend(refs.get(&lower).into_iter().flatten().filter(later).map(|r| r.edit.clone()));
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

/// A token that may name a stage in another case, with the edit that lowercases it.
struct Reference {
    /// For `FROM <name>`: the index of that stage (only later stages can build on a name).
    from_stage: Option<usize>,
    edit: Edit,
}

/// Every `FROM <name>`, `COPY --from=<name>` and `RUN --mount=...,from=<name>` that is not lower
/// case, keyed by the lowercased name.
fn references(src: &str, file: &DockerfileModel<'_>) -> HashMap<String, Vec<Reference>> {
    let mut out: HashMap<String, Vec<Reference>> = HashMap::new();
    let mut add = |from_stage: Option<usize>, token: Span| {
        if let Some(edit) = lowercase(src, token) {
            out.entry(edit.replacement.clone()).or_default().push(Reference { from_stage, edit });
        }
    };
    for stage in &file.stages {
        if let Some(base) = stage.from.words(file.ast.escape).first() {
            add(Some(stage.index), base.span);
        }
        for instr in stage.instructions {
            flag_references(src, instr, &mut |span| add(None, span));
        }
    }
    out
}

/// The value spans of `COPY --from=` and of the `from=` field of `RUN --mount=`.
fn flag_references(src: &str, instr: &Instruction, add: &mut impl FnMut(Span)) {
    for flag in &instr.flags {
        let Some(value) = flag.value_span else { continue };
        match (instr.kind, flag.name.as_str()) {
            (InstructionKind::Copy, "from") => add(value),
            (InstructionKind::Run, "mount") => {
                let mut offset = value.start;
                for field in value.slice(src).split(',') {
                    let end = offset + field.len();
                    if let Some(eq) = field.find('=')
                        && field.get(..eq).is_some_and(|k| k.trim_matches(['"', '\'']).eq_ignore_ascii_case("from"))
                    {
                        add(Span::new(offset + eq + 1, end));
                    }
                    offset = end + 1;
                }
            }
            _ => {}
        }
    }
}

/// The edit lowercasing the token under `token` (inside its quotes), if it has upper-case letters.
fn lowercase(src: &str, token: Span) -> Option<Edit> {
    let raw = token.slice(src);
    let inner = raw.trim_matches(['"', '\'']);
    let start = token.start + (raw.len() - raw.trim_start_matches(['"', '\'']).len());
    let lower = inner.to_ascii_lowercase();
    (!inner.is_empty() && inner != lower)
        .then(|| Edit { span: Span::new(start, start + inner.len()), replacement: lower })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed, spans};

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

    #[test]
    fn an_image_named_like_a_later_stage_is_left_alone() {
        // `FROM Tools` before `AS Tools` names an image, not the stage.
        let src = "FROM Tools AS base\nFROM alpine AS Tools\nFROM Tools\n";
        assert_eq!(fixed("DF730", src), "FROM Tools AS base\nFROM alpine AS tools\nFROM tools\n");
    }
}
