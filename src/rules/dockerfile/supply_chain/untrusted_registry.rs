//! DF303: an external image from a registry outside `[dockerfile] trusted-registries`.

use super::image_refs::external_images;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct UntrustedRegistry;

/// Names of Docker Hub; an unqualified image (`ubuntu`, `bitnami/redis`) comes from there.
const DOCKER_HUB: [&str; 5] =
    ["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "hub.docker.com"];

impl Rule for UntrustedRegistry {
    fn code(&self) -> &'static str {
        "DF303"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let trusted = &cx.settings.options.dockerfile.trusted_registries;
        if trusted.is_empty() {
            return;
        }
        let list = trusted.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ");
        for image in external_images(file) {
            let Some(registry) = image.registry().map(canonical) else { continue };
            if trusted.iter().any(|p| matches(&registry, p)) {
                continue;
            }
            let d = cx
                .diag(
                    image.span,
                    format!(
                        "{} `{}` comes from `{registry}`, which is not a trusted registry",
                        image.site.noun(),
                        image.shown(cx.src)
                    ),
                )
                .with_help(format!(
                    "use an image from a trusted registry ({list}), e.g. a mirror of this one, or add `{registry}` \
                     to `[dockerfile] trusted-registries`"
                ));
            cx.emit(d);
        }
    }
}

/// Registry host names are case-insensitive; Docker Hub has several names.
fn canonical(registry: &str) -> String {
    let r = registry.trim().to_ascii_lowercase();
    if DOCKER_HUB.contains(&r.as_str()) { "docker.io".to_string() } else { r }
}

/// hadolint's patterns: `*` trusts everything, `*.example.com` any subdomain (not `example.com`
/// itself), `registry.*` any name with that prefix, anything else one registry (with its port).
fn matches(registry: &str, pattern: &str) -> bool {
    let p = pattern.trim().to_ascii_lowercase();
    if p == "*" {
        return true;
    }
    if let Some(suffix) = p.strip_prefix('*') {
        return registry.ends_with(suffix);
    }
    if let Some(prefix) = p.strip_suffix('*') {
        return registry.starts_with(prefix);
    }
    canonical(&p) == registry
}

#[cfg(test)]
mod tests {
    use super::matches;
    use crate::config::{DockerfileOptions, Options};
    use crate::rules::testing::diagnostics_with;

    fn untrusted(src: &str, trusted: &[&str]) -> Vec<String> {
        let options = Options {
            dockerfile: DockerfileOptions {
                trusted_registries: trusted.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            },
            ..Options::default()
        };
        diagnostics_with("DF303", src, options).into_iter().map(|d| d.span.slice(src).to_string()).collect()
    }

    #[test]
    fn patterns() {
        assert!(matches("foo.random.com", "*.random.com"));
        assert!(!matches("random.com", "*.random.com"));
        assert!(matches("registry.corp:5000", "registry.*"));
        assert!(matches("docker.io", "hub.docker.com"));
        assert!(matches("quay.io", "*"));
        assert!(!matches("localhost:5000", "localhost"));
    }

    #[test]
    fn only_with_a_list_and_only_external_images() {
        let src = "FROM quay.io/a/b:1 AS q\nFROM q\nFROM scratch\nFROM ubuntu:24.04\nFROM $X\n\
                   FROM INDEX.docker.io/library/debian:12\nFROM registry.k8s.io/etcd:${V} AS e\nFROM ${REG}/x:1\nFROM q-${X}\n\
                   COPY --from=q / /\nCOPY --from=ghcr.io/c/d:2 / /\n\
                   RUN --mount=type=bind,from=mcr.microsoft.com/e:3,target=/e true\n";
        assert!(untrusted(src, &[]).is_empty());
        assert_eq!(
            untrusted(src, &["docker.io"]),
            ["quay.io/a/b:1", "registry.k8s.io/etcd:${V}", "ghcr.io/c/d:2", "mcr.microsoft.com/e:3"]
        );
        assert_eq!(
            untrusted(src, &["quay.io", "*.pkg.dev"]),
            [
                "ubuntu:24.04",
                "INDEX.docker.io/library/debian:12",
                "registry.k8s.io/etcd:${V}",
                "ghcr.io/c/d:2",
                "mcr.microsoft.com/e:3"
            ]
        );
    }
}
