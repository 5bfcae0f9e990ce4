//! DF709: `COPY --from=<name>` that names no earlier stage.

use std::collections::HashMap;

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

use super::FromTarget;

pub struct CopyFromUnknownStage;

impl Rule for CopyFromUnknownStage {
    fn code(&self) -> &'static str {
        "DF709"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let names = super::stage_names(file);
        let mut similar = Similar::new(file);
        for (stage, value, span) in super::copy_from_flags(file) {
            let d = match super::from_target(file, &names, stage.index, value) {
                FromTarget::Later(target) => {
                    let Some(later) = file.stages.get(target) else { continue };
                    let name_span = super::stage_alias(file, later).map_or(later.from.keyword, |(_, name)| name.span);
                    cx.diag(span, format!("`COPY --from={value}` names a stage that is defined later in the file"))
                        .with_label(name_span, "defined here, after the `COPY`")
                        .with_help("move that stage above this one: a stage can only copy from the stages before it")
                }
                FromTarget::NoSuchIndex => {
                    cx.diag(span, format!("`COPY --from={value}`: there is no stage {value}")).with_help(format!(
                        "stages are numbered from 0 in the order of their `FROM`; this file has {}",
                        file.stages.len()
                    ))
                }
                FromTarget::NoSuchStage => {
                    let d = cx.diag(span, format!("`COPY --from={value}`: no stage is named `{value}`"));
                    let pulls = format!(
                        "Docker takes an unknown name for an image and pulls `{value}:latest` (or uses a \
                         `--build-context {value}=...`)"
                    );
                    let guess = similar.before(stage.index, value).and_then(|s| file.stages.get(s));
                    match guess.and_then(|s| Some((s.name.as_deref()?, super::stage_alias(file, s)?.1.span))) {
                        Some((name, at)) => d
                            .with_label(at, "a stage with a similar name")
                            .with_help(format!("did you mean `--from={name}`? {pulls}")),
                        None => d.with_help(format!(
                            "name an earlier stage `AS {value}`, or write an image as a full reference with a tag: \
                             {pulls}"
                        )),
                    }
                }
                FromTarget::Earlier | FromTarget::Current | FromTarget::Image => continue,
            };
            cx.emit(d);
        }
    }
}

/// Finds stages whose name is one or two edits away from an unknown `--from` value, or contains
/// it (`builder` for `build`, `license-set` for `set`): likely slips. Each distinct value is
/// compared with every stage name once, within a budget that keeps a pathological file linear.
struct Similar<'m, 'a> {
    file: &'m DockerfileModel<'a>,
    /// Lowercased value -> indexes of the similar stages, in file order.
    cache: HashMap<String, Vec<usize>>,
    /// Stage-name comparisons left.
    budget: usize,
}

impl<'m, 'a> Similar<'m, 'a> {
    fn new(file: &'m DockerfileModel<'a>) -> Self {
        Similar { file, cache: HashMap::new(), budget: 20_000 }
    }

    /// The closest stage before `current` with a name like `value`.
    fn before(&mut self, current: usize, value: &str) -> Option<usize> {
        let key = value.to_ascii_lowercase();
        if !self.cache.contains_key(&key) {
            self.budget = self.budget.checked_sub(self.file.stages.len())?;
            let similar = self
                .file
                .stages
                .iter()
                .filter(|s| s.name.as_deref().is_some_and(|n| is_similar(n, &key)))
                .map(|s| s.index)
                .collect();
            self.cache.insert(key.clone(), similar);
        }
        self.cache.get(&key)?.iter().rev().find(|&&i| i < current).copied()
    }
}

fn is_similar(name: &str, value: &str) -> bool {
    let shorter = name.len().min(value.len());
    // Names past a few dozen characters are no typos; the bound keeps the quadratic distance cheap.
    (name.len().max(value.len()) <= 64 && edit_distance(name, value) <= 2.min(shorter / 3))
        || (shorter >= 3 && (name.contains(value) || value.contains(name)))
}

/// Levenshtein distance over bytes (stage names are ASCII).
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans;

    #[test]
    fn stages_indexes_and_images() {
        let src = "FROM golang AS Build\nRUN go build\n\
                   FROM alpine\nCOPY --from=build /a /a\nCOPY --from=BUILD /a /a\nCOPY --from=0 /a /a\n\
                   COPY --from=nginx:1.27 /x /x\nCOPY --from=ghcr.io/o/i /x /x\nCOPY --from=i@sha256:ab /x /x\n\
                   COPY --from=$STAGE /x /x\nCOPY --from=1 /x /x\n\
                   COPY --from=builder /x /x\nCOPY --from=2 /x /x\nCOPY --from=test /x /x\nCOPY --from=-1 /x /x\n\
                   FROM alpine AS test\n";
        assert_eq!(spans("DF709", src), ["builder", "2", "test", "-1"]);
    }

    #[test]
    fn suggests_a_close_stage_name() {
        let src = "FROM golang AS builder
FROM alpine AS app
FROM alpine
COPY --from=biulder /a /a
COPY --from=ap /b /b
";
        let d = crate::rules::testing::diagnostics("DF709", src);
        assert_eq!(d.len(), 2);
        assert!(d[0].help.as_deref().is_some_and(|h| h.starts_with("did you mean `--from=builder`?")));
        assert_eq!(d[0].labels.len(), 1);
        // Two letters are too short to call one a typo of the other.
        assert!(d[1].labels.is_empty());
        assert_eq!(super::edit_distance("kitten", "sitting"), 3);
    }
}
