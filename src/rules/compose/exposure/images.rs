//! The tag and digest of the image a service pulls.

use super::{has_var, split_outside_vars};
use crate::model::compose::Service;
use crate::span::Span;

pub struct PulledImage<'a> {
    pub text: &'a str,
    pub span: Span,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

/// The image `svc` pulls, when its tag and digest are known. A service that also has `build:`
/// names the image it builds, not one it pulls. Tag and digest are in the last path component,
/// so `${REGISTRY}/app:1.2` is known and `app:${TAG}` is not.
pub fn pulled_image<'a>(svc: &Service<'a>) -> Option<PulledImage<'a>> {
    if svc.get("build").is_some_and(|b| !b.is_null()) {
        return None;
    }
    let node = svc.get("image")?;
    let text = node.str()?.trim();
    let (_, last) = split_outside_vars(text, b'/').pop()?;
    if last.is_empty() || has_var(last) {
        return None;
    }
    let (name, digest) = match last.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (last, None),
    };
    let tag = name.split_once(':').map(|(_, t)| t);
    if name.starts_with(':') || tag == Some("") {
        return None;
    }
    Some(PulledImage { text, span: node.span(), tag, digest })
}

/// Tags that name a release channel rather than a release: they move to new content as the
/// publisher ships (`latest`, `stable`, `edge`, `nightly`, `dev`, `test`).
const CHANNELS: [&str; 6] = ["latest", "stable", "edge", "nightly", "dev", "test"];

impl PulledImage<'_> {
    /// No tag (which means `latest`) or a channel tag, and no digest: DC301's.
    pub fn floats(&self) -> bool {
        self.digest.is_none() && self.tag.is_none_or(|t| CHANNELS.contains(&t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::compose::ComposeFile;
    use crate::syntax::yaml::{Limits, parse};

    fn image(service: &str) -> Option<(Option<String>, Option<String>)> {
        let src = format!("services:\n  a:\n{service}");
        let tree = parse(&src, &Limits::default());
        let file = ComposeFile::new(&tree);
        let svc = file.services.first()?;
        pulled_image(svc).map(|i| (i.tag.map(str::to_string), i.digest.map(str::to_string)))
    }

    #[test]
    fn tags_and_digests_of_the_last_component() {
        let some = |t: Option<&str>, d: Option<&str>| Some((t.map(str::to_string), d.map(str::to_string)));
        assert_eq!(image("    image: nginx\n"), some(None, None));
        assert_eq!(image("    image: localhost:5000/team/app\n"), some(None, None));
        assert_eq!(image("    image: ${REGISTRY:-ghcr.io}/team/app:1.2\n"), some(Some("1.2"), None));
        assert_eq!(image("    image: nginx:1.27@sha256:abc\n"), some(Some("1.27"), Some("sha256:abc")));
        assert_eq!(image("    image: app:${TAG:-latest}\n"), None);
        assert_eq!(image("    image: ${IMAGE}\n"), None);
        assert_eq!(image("    image: app\n    build: .\n"), None);
        assert_eq!(image("    build: .\n"), None);
        assert_eq!(image("    image: \"\"\n"), None);
    }
}
