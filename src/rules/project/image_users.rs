//! The Dockerfile a container's image is built from, found through the Compose services that
//! build it (`image:` with `build:`) and the configuration's `[images]`, and the user its final
//! stage runs as.

use std::collections::HashMap;
use std::path::Path;

use crate::engine::normalise;
use crate::project::{ContainerFacts, DockerfileFacts, FinalUser, ProjectIndex};

/// An image reference without its tag and digest: `ghcr.io/acme/web:1.2@sha256:...` is
/// `ghcr.io/acme/web` (a registry port stays: `localhost:5000/web`).
pub fn repository(image: &str) -> &str {
    let image = image.split('@').next().unwrap_or(image);
    let last = image.rfind('/').map_or(0, |i| i + 1);
    match image[last..].rfind(':') {
        Some(colon) => &image[..last + colon],
        None => image,
    }
}

/// The Dockerfiles of the run by the repository of the image Compose builds from each.
pub struct Images<'a> {
    by_repository: HashMap<&'a str, &'a DockerfileFacts>,
}

impl<'a> Images<'a> {
    pub fn new(index: &'a ProjectIndex) -> Self {
        let dockerfiles: HashMap<_, &DockerfileFacts> =
            index.dockerfiles.iter().map(|d| (normalise(Path::new(&*d.path)), d)).collect();
        let mut by_repository = HashMap::new();
        for s in &index.compose_services {
            let (Some(image), Some(context)) = (&s.image, &s.build_context) else { continue };
            let dir = Path::new(&*s.path).parent().unwrap_or(Path::new(""));
            let file = dir.join(context).join(s.dockerfile.as_deref().unwrap_or("Dockerfile"));
            if let Some(d) = dockerfiles.get(&normalise(&file)) {
                by_repository.insert(repository(image), *d);
            }
        }
        // `[images]` in the configuration, by absolute path.
        let absolute = |p: &Path| normalise(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
        for (image, file) in &index.image_links {
            let wanted = absolute(file);
            if let Some(d) = index.dockerfiles.iter().find(|d| absolute(Path::new(&*d.path)) == wanted) {
                by_repository.insert(repository(image), d);
            }
        }
        Images { by_repository }
    }

    /// The Dockerfile `container`'s image is built from, when the run shows it.
    pub fn dockerfile(&self, container: &ContainerFacts) -> Option<&'a DockerfileFacts> {
        self.by_repository.get(repository(&container.image)).copied()
    }
}

/// `USER app`, `USER app:app`: a name the kubelet cannot check to be non-root.
pub fn is_named(user: &FinalUser) -> Option<&str> {
    match user {
        FinalUser::User(u) => {
            let name = u.split(':').next().unwrap_or(u);
            (!name.is_empty() && !name.bytes().all(|b| b.is_ascii_digit())).then_some(u.as_str())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repositories_drop_tag_and_digest() {
        assert_eq!(repository("ghcr.io/acme/web:1.2"), "ghcr.io/acme/web");
        assert_eq!(repository("ghcr.io/acme/web:1.2@sha256:abc"), "ghcr.io/acme/web");
        assert_eq!(repository("localhost:5000/web"), "localhost:5000/web");
        assert_eq!(repository("localhost:5000/web:dev"), "localhost:5000/web");
        assert_eq!(repository("web"), "web");
    }

    #[test]
    fn named_users() {
        assert_eq!(is_named(&FinalUser::User("app".into())), Some("app"));
        assert_eq!(is_named(&FinalUser::User("app:app".into())), Some("app:app"));
        assert_eq!(is_named(&FinalUser::User("10001".into())), None);
        assert_eq!(is_named(&FinalUser::User("10001:10001".into())), None);
        assert_eq!(is_named(&FinalUser::Root), None);
    }
}
