//! The external images a Dockerfile pulls: stage bases (`FROM`), `COPY --from=<image>` and
//! `RUN --mount=...,from=<image>`. Shared by the base-image rules so they agree on what an image
//! reference is (not a stage, not `scratch`, not an unresolved variable).

use crate::model::dockerfile::{DockerfileModel, Stage};
use crate::model::image::ImageRef;
use crate::model::vars;
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
    /// How a message names the image, e.g. "base image".
    pub fn noun(self) -> &'static str {
        match self {
            Site::From => "base image",
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
    /// Some variable has no known value: `text` holds [`UNKNOWN`] in its place, and only
    /// [`ImageUse::registry`] may be trusted.
    pub partial: bool,
}

/// Stands for the value of a variable that is not known.
const UNKNOWN: char = '\u{1}';

impl ImageUse {
    /// The reference without tag and digest, e.g. `docker.io/library/ubuntu`.
    pub fn name(&self) -> String {
        match &self.image.registry {
            Some(r) => format!("{r}/{}", self.image.repository),
            None => self.image.repository.clone(),
        }
    }

    /// The reference as a message quotes it: expanded, or as written when partly unknown.
    pub fn shown<'a>(&'a self, src: &'a str) -> &'a str {
        if self.partial { self.span.slice(src) } else { &self.text }
    }

    /// The registry the image comes from (`docker.io` for a Docker Hub name), when known. An
    /// unknown tag does not hide it (`registry.k8s.io/etcd:${VERSION}`); an unknown first path
    /// component, or an unknown name without a `/` (`${IMAGE}`, `stage-${X}`), does.
    pub fn registry(&self) -> Option<&str> {
        let hub = || Some(self.image.registry.as_deref().unwrap_or("docker.io"));
        if !self.partial {
            return hub();
        }
        let hidden = match self.text.split_once('/') {
            Some((first, _)) => first.contains(UNKNOWN),
            None => self.text.split([':', '@']).next().unwrap_or("").contains(UNKNOWN),
        };
        if hidden { None } else { hub() }
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
        if let Some(word) = stage.from.words(file.ast.escape).into_iter().next()
            && stage.base_stage.is_none()
        {
            let literal = stage.base.as_deref() == Some(word.span.slice(file.src));
            let found = match (&stage.base, &stage.image) {
                (Some(text), Some(image)) => Some((text.clone(), image.clone(), false)),
                (None, _) => with_unknowns(&word.text, &|n| file.global.get(n))
                    .and_then(|t| ImageRef::parse(&t).map(|i| (t, i, true))),
                _ => None,
            };
            if let Some((text, image, partial)) = found.filter(|(_, i, _)| !is_scratch(i)) {
                out.push(ImageUse { site: Site::From, image, text, span: word.span, literal, partial });
            }
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
                let (text, partial) = match expand_from(file, stage, at, &raw) {
                    Some(text) => (text, false),
                    None => {
                        let scope = file.scope_at(stage, at);
                        match with_unknowns(&raw, &|n| file.global.get(n).or_else(|| scope.get(n))) {
                            Some(text) => (text, true),
                            None => continue,
                        }
                    }
                };
                if !partial && names_stage(file, &text) {
                    continue;
                }
                let Some(image) = ImageRef::parse(&text).filter(|i| !is_scratch(i) && !maybe_named_context(i)) else {
                    continue;
                };
                let literal = raw_literal && raw == text;
                out.push(ImageUse { site, image, text, span, literal, partial });
            }
        }
    }
    out
}

/// `text` expanded with [`UNKNOWN`] for every variable without a known value.
fn with_unknowns(text: &str, lookup: &dyn Fn(&str) -> Option<Option<String>>) -> Option<String> {
    vars::expand(text, &|n| Some(Some(lookup(n).flatten().unwrap_or_else(|| UNKNOWN.to_string()))), false)
}

/// A bare name such as `--from=nft-rpms` is as often a named build context
/// (`docker build --build-context nft-rpms=...`) as a Docker Hub image; which one it is is only
/// known at build time, so it is left out. A bare `FROM` name is still checked: it is the
/// Dockerfile's own base image, and hadolint reports it the same way.
fn maybe_named_context(image: &ImageRef) -> bool {
    image.registry.is_none() && !image.repository.contains('/') && image.tag.is_none() && image.digest.is_none()
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
