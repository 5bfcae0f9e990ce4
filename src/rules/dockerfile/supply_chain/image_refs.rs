//! The external images a Dockerfile pulls: stage bases (`FROM`), `COPY --from=<image>` and
//! `RUN --mount=...,from=<image>`. Shared by the base-image rules so they agree on what an image
//! reference is (not a stage, not `scratch`, not an unresolved variable).

use crate::model::dockerfile::{DockerfileModel, Stage};
use crate::model::image::ImageRef;
use crate::span::Span;
use crate::syntax::dockerfile::{Flag, InstructionKind};

/// Where an image reference is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    From,
    CopyFrom,
    MountFrom,
}

impl Site {
    /// How a message names the image, e.g. "Base image".
    pub fn noun(self) -> &'static str {
        match self {
            Site::From => "Base image",
            Site::CopyFrom => "`COPY --from` image",
            Site::MountFrom => "`RUN --mount` image",
        }
    }
}

/// One external image reference.
#[derive(Clone, Debug)]
pub struct ImageUse {
    pub site: Site,
    pub image: ImageRef,
    /// The reference after variable expansion.
    pub text: String,
    /// The reference as written: the `FROM` word or the `from=` value.
    pub span: Span,
    /// The source under `span` is exactly `text` (no variable, quote or escape), so parts of
    /// the reference can be pointed at.
    pub literal: bool,
}

impl ImageUse {
    /// The reference without tag and digest, e.g. `docker.io/library/ubuntu`.
    pub fn name(&self) -> String {
        match &self.image.registry {
            Some(r) => format!("{r}/{}", self.image.repository),
            None => self.image.repository.clone(),
        }
    }

    /// The tag's own span when the reference is written literally, else the whole reference.
    pub fn tag_span(&self) -> Span {
        let Some(tag) = self.image.tag.as_deref().filter(|_| self.literal) else { return self.span };
        let before_digest = self.text.split('@').next().unwrap_or(&self.text);
        let start = self.span.start + before_digest.len().saturating_sub(tag.len());
        Span::new(start, start + tag.len())
    }
}

/// Every external image reference of the file, in source order.
pub fn external_images(file: &DockerfileModel<'_>) -> Vec<ImageUse> {
    let mut out = Vec::new();
    for stage in &file.stages {
        if let (Some(image), Some(text), Some(word)) =
            (&stage.image, &stage.base, stage.from.words(file.ast.escape).into_iter().next())
            && !is_scratch(image)
        {
            let literal = word.span.slice(file.src) == text;
            out.push(ImageUse { site: Site::From, image: image.clone(), text: text.clone(), span: word.span, literal });
        }
        for (at, instr) in stage.instructions.iter().enumerate() {
            let refs: Vec<(Site, String, Span, bool)> = match instr.kind {
                InstructionKind::Copy => instr.flag("from").and_then(|f| copy_from(file.src, f)).into_iter().collect(),
                InstructionKind::Run => {
                    instr.flags.iter().filter(|f| f.name == "mount").filter_map(|f| mount_from(file.src, f)).collect()
                }
                _ => Vec::new(),
            };
            for (site, raw, span, raw_literal) in refs {
                let Some(text) = expand_from(file, stage, at, &raw) else { continue };
                if names_stage(file, &text) {
                    continue;
                }
                let Some(image) = ImageRef::parse(&text).filter(|i| !is_scratch(i)) else { continue };
                let literal = raw_literal && raw == text;
                out.push(ImageUse { site, image, text, span, literal });
            }
        }
    }
    out
}

fn is_scratch(image: &ImageRef) -> bool {
    image.registry.is_none() && image.repository.eq_ignore_ascii_case("scratch")
}

/// `--from` and a mount's `from=` are resolved with the global ARGs (like stage bases), else
/// with the stage's own scope; `None` when a variable stays unknown.
fn expand_from(file: &DockerfileModel<'_>, stage: &Stage<'_>, at: usize, raw: &str) -> Option<String> {
    file.global.expand(raw).or_else(|| file.scope_at(stage, at).expand(raw))
}

/// A stage index (`--from=0`) or a stage name (case-insensitive, as BuildKit matches them).
fn names_stage(file: &DockerfileModel<'_>, text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    text.bytes().all(|b| b.is_ascii_digit()) || file.stages.iter().any(|s| s.name.as_deref() == Some(lower.as_str()))
}

/// The value of `COPY --from=`, its span, and whether the span is exactly the value.
fn copy_from(src: &str, flag: &Flag) -> Option<(Site, String, Span, bool)> {
    let (value, span) = (flag.value.clone()?, flag.value_span?);
    let literal = span.slice(src) == value;
    Some((Site::CopyFrom, value, span, literal))
}

/// The `from=` field of a `--mount` value (`type=bind,from=img,target=/x`): its value, its span
/// (the field's own span when the flag is written without quotes or escapes, else the flag's), and
/// whether that span is exactly the value.
fn mount_from(src: &str, flag: &Flag) -> Option<(Site, String, Span, bool)> {
    let value = flag.value.as_deref()?;
    let mut offset = 0;
    for field in value.split(',') {
        let field_start = offset;
        offset += field.len() + 1;
        let Some((key, v)) = field.split_once('=') else { continue };
        if !key.trim().eq_ignore_ascii_case("from") {
            continue;
        }
        let v = v.trim().trim_matches('"');
        let raw_span = flag.value_span.filter(|s| s.slice(src) == value);
        let span = match raw_span {
            Some(s) => {
                let start = s.start + field_start + field.find('=').map_or(0, |i| i + 1);
                let lead = src.get(start..).map_or(0, |r| r.len() - r.trim_start().len());
                Span::new(start + lead, start + lead + v.len())
            }
            None => flag.span,
        };
        let literal = span.slice(src) == v;
        return Some((Site::MountFrom, v.to_string(), span, literal));
    }
    None
}
