//! DC302 (opt-in): a service pulls an image by a version tag without an `@sha256:` digest.

use super::images::pulled_image;
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct ImageWithoutDigest;

impl Rule for ImageWithoutDigest {
    fn code(&self) -> &'static str {
        "DC302"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for svc in &file.services {
            // A floating tag is DC301's: pin a version first.
            let Some(img) = pulled_image(svc).filter(|i| !i.digest && !i.floats()) else { continue };
            let d = cx
                .diag(
                    img.span,
                    format!(
                        "service `{}` {} image `{}`{}, not pinned by digest",
                        svc.name,
                        img.verb(),
                        img.text,
                        img.defaults_note()
                    ),
                )
                .with_help(format!(
                    "pin the digest the tag points to now (`{}@sha256:<digest>`; `docker buildx imagetools inspect` \
                     prints it) and let Renovate or Dependabot update it: a tag can be moved to other content, a \
                     digest cannot",
                    img.text
                ));
            cx.emit(super::at_service(svc, d));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::lint_as;

    #[test]
    fn only_digests_pin_and_floating_tags_are_dc301s() {
        let src = concat!(
            "services:\n  a:\n    image: nginx:1.27\n  b:\n    image: 'nginx:1.27@sha256:0123abcd'\n",
            "  c:\n    image: ghcr.io/x/y@sha256:0123abcd\n  d:\n    image: postgres\n",
            "  e:\n    image: ${IMAGE:-nginx:1.27}\n  f:\n    image: app:1\n    build: .\n",
            "  g:\n    image: postgres:${PG_TAG}\n  h:\n    image: ${IMAGE}\n  i:\n    image: app@${DIGEST}\n",
            "  j:\n    image: app:1\n    build: .\n    pull_policy: build\n",
        );
        let d = lint_as("DC302", "compose.yaml", src, Options::default());
        let spans: Vec<&str> = d.iter().map(|d| d.span.slice(src)).collect();
        // `postgres` (no tag: `latest`) is DC301's.
        assert_eq!(spans, ["nginx:1.27", "${IMAGE:-nginx:1.27}", "app:1", "postgres:${PG_TAG}"]);
        assert_eq!(d[0].message, "service `a` pulls image `nginx:1.27`, not pinned by digest");
        assert_eq!(
            d[1].message,
            "service `e` pulls image `${IMAGE:-nginx:1.27}` (`nginx:1.27` by its variables' defaults), not pinned by digest"
        );
        assert_eq!(d[2].message, "service `f` pulls (before building it) image `app:1`, not pinned by digest");
    }
}
