//! DF302 (opt-in): an external image without an `@sha256:` digest.

use super::image_refs::external_images;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct ImageNotPinnedByDigest;

impl Rule for ImageNotPinnedByDigest {
    fn code(&self) -> &'static str {
        "DF302"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for image in external_images(file) {
            if image.partial || image.image.digest.is_some() {
                continue;
            }
            let text = &image.text;
            let d = cx.diag(image.span, format!("{} `{text}` is not pinned by digest", image.site.noun())).with_help(
                format!(
                    "append the digest of the image you tested, `{text}@sha256:<digest>` (`docker buildx imagetools \
                     inspect {text}` prints it), and let a bot such as Renovate or Dependabot update it: a tag can be \
                     moved to other content at any time"
                ),
            );
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn only_references_without_a_digest() {
        let src = "FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d AS a\n\
                   FROM a\nFROM scratch\nFROM golang:1.23 AS b\nCOPY --from=a / /\nCOPY --from=busybox:1.36 /bin/sh /sh\n";
        let got = findings("DF302", src);
        assert_eq!(
            got,
            vec![
                ("golang:1.23".to_string(), "base image `golang:1.23` is not pinned by digest".to_string()),
                ("busybox:1.36".to_string(), "`COPY --from` image `busybox:1.36` is not pinned by digest".to_string()),
            ]
        );
    }
}
