//! Container images as the image rules read them: the `image` value parsed into a reference, or
//! nothing when it is templated or not a well-formed reference (unknown, so never guessed).

use crate::model::image::ImageRef;
use crate::model::kubernetes::{Container, Object, is_templated};
use crate::syntax::yaml::NodeRef;

pub struct ContainerImage<'a> {
    /// The `image` value node: where image findings point.
    pub node: NodeRef<'a>,
    /// The reference as written (trimmed).
    pub text: &'a str,
    pub image: ImageRef,
}

impl ContainerImage<'_> {
    /// The reference without tag and digest, as messages name it.
    pub fn name(&self) -> String {
        match &self.image.registry {
            Some(r) => format!("{r}/{}", self.image.repository),
            None => self.image.repository.clone(),
        }
    }

    /// What the kubelet pulls when `imagePullPolicy` is omitted: `Always` for `:latest` and for
    /// an image with neither tag nor digest, `IfNotPresent` otherwise (as the API server
    /// defaults it).
    pub fn default_pull_policy(&self) -> &'static str {
        let latest = match (&self.image.tag, &self.image.digest) {
            (Some(tag), _) => tag == "latest",
            (None, digest) => digest.is_none(),
        };
        if latest { "Always" } else { "IfNotPresent" }
    }
}

/// The containers of `object`'s pod whose image is a known reference without a digest (a digest
/// names one content, whatever tag or pull policy goes with it), each with its image.
pub fn undigested<'a>(object: &Object<'a>) -> Vec<(Container<'a>, ContainerImage<'a>)> {
    let Some(pod) = object.pod_spec() else { return Vec::new() };
    pod.containers()
        .into_iter()
        .filter_map(|c| container_image(&c).filter(|i| i.image.digest.is_none()).map(|i| (c, i)))
        .collect()
}

/// The container's image, when it is a plain, well-formed reference.
pub fn container_image<'a>(c: &Container<'a>) -> Option<ContainerImage<'a>> {
    let node = c.image()?;
    let text = node.str()?.trim();
    if is_templated(text) || !well_formed(text) {
        return None;
    }
    let image = ImageRef::parse(text)?;
    Some(ContainerImage { node, text, image })
}

/// Only the characters of `[registry[:port]/]path[:tag][@algorithm:hex]`, and a tag and digest
/// that are not empty: `<image_url>`, `app:` or `REPLACE ME` are placeholders, not images.
fn well_formed(s: &str) -> bool {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | ':' | '@');
    if s.is_empty() || !s.chars().all(ok_char) {
        return false;
    }
    let (name, digest) = match s.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (s, None),
    };
    let digest_ok = digest.is_none_or(|d| d.split_once(':').is_some_and(|(a, h)| !a.is_empty() && !h.is_empty()));
    let last = name.rsplit('/').next().unwrap_or(name);
    let tag_ok = last.split_once(':').is_none_or(|(repo, tag)| !repo.is_empty() && !tag.is_empty());
    digest_ok && tag_ok && !name.ends_with('/')
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn placeholders_are_not_images() {
        for ok in ["nginx", "host:5000/team/app", "app:1.2@sha256:ab", "ghcr.io/a/b_c-d.e:v1_2"] {
            assert!(well_formed(ok), "{ok}");
        }
        for bad in ["<image_url>", "app:", "app@", "app@sha256:", "REPLACE ME", "a/", "host:5000/", ""] {
            assert!(!well_formed(bad), "{bad}");
        }
    }
}
