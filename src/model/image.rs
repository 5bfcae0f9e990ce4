//! Container image references: `[registry/]repository[:tag][@digest]`.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    pub registry: Option<String>,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl ImageRef {
    /// Parses a reference as Docker does: the first path component is a registry when it has a
    /// `.` or `:` or is `localhost`.
    pub fn parse(s: &str) -> Option<ImageRef> {
        let s = s.trim();
        if s.is_empty() || s.chars().any(char::is_whitespace) {
            return None;
        }
        let (rest, digest) = match s.split_once('@') {
            Some((r, d)) => (r, Some(d.to_string())),
            None => (s, None),
        };
        let (registry, path) = match rest.split_once('/') {
            Some((first, tail)) if first.contains('.') || first.contains(':') || first == "localhost" => {
                (Some(first.to_string()), tail)
            }
            _ => (None, rest),
        };
        // A tag is after the last ':' that follows the last '/'.
        let last_slash = path.rfind('/').map_or(0, |i| i + 1);
        let (repository, tag) = match path[last_slash..].rfind(':') {
            Some(i) => (&path[..last_slash + i], Some(path[last_slash + i + 1..].to_string())),
            None => (path, None),
        };
        if repository.is_empty() {
            return None;
        }
        Some(ImageRef { registry, repository: repository.to_string(), tag, digest })
    }

    /// The last path component, e.g. `nginx` for `docker.io/library/nginx:1.27`.
    pub fn name(&self) -> &str {
        self.repository.rsplit('/').next().unwrap_or(&self.repository)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_references() {
        let r = ImageRef::parse("nginx").unwrap();
        assert_eq!((r.registry, r.repository.as_str(), r.tag, r.digest), (None, "nginx", None, None));
        let r = ImageRef::parse("localhost:5000/team/app:1.2@sha256:abc").unwrap();
        assert_eq!(r.registry.as_deref(), Some("localhost:5000"));
        assert_eq!(r.repository, "team/app");
        assert_eq!(r.tag.as_deref(), Some("1.2"));
        assert_eq!(r.digest.as_deref(), Some("sha256:abc"));
        let r = ImageRef::parse("gcr.io/distroless/static:nonroot").unwrap();
        assert_eq!((r.name(), r.tag.as_deref()), ("static", Some("nonroot")));
        assert!(ImageRef::parse("").is_none());
        assert!(ImageRef::parse(":tag").is_none());
    }
}
