//! The tag and digest of the image a service pulls.

use super::{has_var, split_outside_vars};
use crate::model::compose::Service;
use crate::model::vars;
use crate::span::Span;

pub struct PulledImage<'a> {
    pub text: &'a str,
    pub span: Span,
    pub tag: Tag,
    pub digest: bool,
    /// The reference when every variable takes its default (`app:${TAG:-latest}` is
    /// `app:latest` unless `TAG` is set); `None` when it is written without variables.
    pub defaulted: Option<String>,
    /// The service also has `build:`: Compose pulls the image first and builds only when the
    /// registry does not have it (the default `pull_policy`).
    pub built: bool,
}

#[derive(Debug, PartialEq)]
pub enum Tag {
    /// No tag: Docker pulls `latest`.
    Absent,
    Literal(String),
    /// A variable without a default (`app:${TAG}`).
    Unknown,
}

/// The image `svc` pulls, when its tag and digest can be told. Variables take their defaults
/// (`${TAG:-1.2}` is `1.2`), as Compose does when they are unset. Tag and digest are in the last
/// path component, after its last `:` outside `${...}`, so `${REGISTRY}/app:1.2` and
/// `${IMAGE}:latest` are known; `${IMAGE}` and `app${SUFFIX}` are not (the variable may hold
/// a tag and a digest). A service with `build:` pulls its `image:` before building it unless
/// `pull_policy` is `build` or `never`.
pub fn pulled_image<'a>(svc: &Service<'a>) -> Option<PulledImage<'a>> {
    let built = svc.get("build").is_some_and(|b| !b.is_null());
    if built
        && svc
            .value("pull_policy")
            .and_then(|v| v.literal().map(str::to_string))
            .is_some_and(|p| matches!(p.as_str(), "build" | "never"))
    {
        return None;
    }
    let node = svc.get("image")?;
    let text = node.str()?.trim();
    let mut defaulted = has_var(text).then(|| vars::expand(text, &|_| None, true)).flatten();
    let reference = defaulted.clone().unwrap_or_else(|| text.to_string());
    let (last_at, last) = split_outside_vars(&reference, b'/').pop()?;
    let (name, digest) = match split_outside_vars(last, b'@').as_slice() {
        [(_, name)] => (*name, false),
        [(_, name), (_, digest), ..] => (*name, !digest.is_empty()),
        [] => return None,
    };
    let tag = match split_outside_vars(name, b':').as_slice() {
        [(_, n)] if n.is_empty() || has_var(n) => return None,
        [_] => Tag::Absent,
        [.., (_, "")] => return None,
        // Another variable has no default, so only this one is read with its own.
        [.., (at, t)] if has_var(t) => match vars::expand(t, &|_| None, true).filter(|v| !v.is_empty()) {
            Some(v) => {
                let start = last_at + at;
                defaulted = Some(format!("{}{v}{}", &reference[..start], &reference[start + t.len()..]));
                Tag::Literal(v)
            }
            None => Tag::Unknown,
        },
        [.., (_, t)] => Tag::Literal(t.to_string()),
        [] => return None,
    };
    Some(PulledImage { text, span: node.span(), tag, digest, defaulted: defaulted.filter(|d| d != text), built })
}

/// Tags that name a release channel rather than a release: they move to new content as the
/// publisher ships (`latest`, `stable`, `edge`, `nightly`, `dev`, `test`).
const CHANNELS: [&str; 6] = ["latest", "stable", "edge", "nightly", "dev", "test"];

impl PulledImage<'_> {
    /// No tag (which means `latest`) or a channel tag, and no digest: DC301's.
    pub fn floats(&self) -> bool {
        !self.digest
            && match &self.tag {
                Tag::Absent => true,
                Tag::Literal(t) => CHANNELS.contains(&t.as_str()),
                Tag::Unknown => false,
            }
    }

    /// The words that say how the service gets the image: "pulls" or, for a service that also
    /// builds it, that Compose pulls it first.
    pub fn verb(&self) -> &'static str {
        if self.built { "pulls (before building it)" } else { "pulls" }
    }

    /// ` (`app:latest` by its variables' defaults)` when defaults decided what is pulled.
    pub fn defaults_note(&self) -> String {
        self.defaulted.as_ref().map(|d| format!(" (`{d}` by its variables' defaults)")).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::compose::ComposeFile;
    use crate::syntax::yaml::{Limits, parse};

    fn image(service: &str) -> Option<(Tag, bool)> {
        let src = format!("services:\n  a:\n{service}");
        let tree = parse(&src, &Limits::default());
        let file = ComposeFile::new(&tree);
        let svc = file.services.first()?;
        pulled_image(svc).map(|i| (i.tag, i.digest))
    }

    #[test]
    fn tags_and_digests_of_the_last_component() {
        let lit = |t: &str| Tag::Literal(t.to_string());
        assert_eq!(image("    image: nginx\n"), Some((Tag::Absent, false)));
        assert_eq!(image("    image: localhost:5000/team/app\n"), Some((Tag::Absent, false)));
        assert_eq!(image("    image: ${REGISTRY:-ghcr.io}/team/app:1.2\n"), Some((lit("1.2"), false)));
        assert_eq!(image("    image: nginx:1.27@sha256:abc\n"), Some((lit("1.27"), true)));
        assert_eq!(image("    image: app@${DIGEST}\n"), Some((Tag::Absent, true)));
        assert_eq!(image("    image: ${IMAGE}:latest\n"), Some((lit("latest"), false)));
        assert_eq!(image("    image: app:${TAG}\n"), Some((Tag::Unknown, false)));
        assert_eq!(image("    image: $NAME:$TAG\n"), Some((Tag::Unknown, false)));
        assert_eq!(image("    image: ${IMAGE}\n"), None);
        assert_eq!(image("    image: app${SUFFIX}\n"), None);
        assert_eq!(image("    build: .\n"), None);
        assert_eq!(image("    image: \"\"\n"), None);
        assert_eq!(image("    image: 'app:'\n"), None);
    }

    #[test]
    fn variables_take_their_defaults() {
        assert_eq!(image("    image: app:${TAG:-latest}\n"), Some((Tag::Literal("latest".into()), false)));
        assert_eq!(image("    image: ${IMAGE:-nginx:1.27}\n"), Some((Tag::Literal("1.27".into()), false)));
        assert_eq!(image("    image: app:${TAG-}\n"), None);
        let src = "services:\n  a:\n    image: ${REGISTRY}/app:${TAG:-latest}\n";
        let tree = parse(src, &Limits::default());
        let file = ComposeFile::new(&tree);
        let img = file.services.first().and_then(pulled_image);
        assert_eq!(img.as_ref().map(|i| &i.tag), Some(&Tag::Literal("latest".into())));
        assert_eq!(img.and_then(|i| i.defaulted).as_deref(), Some("${REGISTRY}/app:latest"));
    }

    #[test]
    fn built_images_are_pulled_first_unless_the_policy_says_build() {
        assert_eq!(image("    image: app\n    build: .\n"), Some((Tag::Absent, false)));
        assert_eq!(image("    image: app\n    build: .\n    pull_policy: missing\n"), Some((Tag::Absent, false)));
        assert_eq!(image("    image: app\n    build: .\n    pull_policy: build\n"), None);
        assert_eq!(image("    image: app\n    build: .\n    pull_policy: never\n"), None);
    }
}
