//! DF301: an external image without a tag or digest, or with the tag `latest`.

use super::image_refs::external_images;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct LatestImageTag;

impl Rule for LatestImageTag {
    fn code(&self) -> &'static str {
        "DF301"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for image in external_images(file) {
            // A digest pins the content whatever the tag says.
            if image.partial || image.image.digest.is_some() {
                continue;
            }
            let name = image.name();
            let noun = image.site.noun();
            let (span, message) = match image.image.tag.as_deref() {
                None => (image.span, format!("{noun} `{name}` has no tag (means `latest`)")),
                Some("latest") => (image.tag_span(), format!("{noun} `{name}` uses the mutable tag `latest`")),
                Some(_) => continue,
            };
            let d = cx.diag(span, message).with_help(format!(
                "pin a version tag (`{name}:<version>`) or a digest (`{name}@sha256:<digest>`): `latest` moves \
                 whenever the image is republished, so rebuilds silently change"
            ));
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn untagged_and_latest_images() {
        let src = "ARG BASE=alpine\nFROM ${BASE} AS a\nFROM a\nFROM scratch\nFROM $UNKNOWN\n\
                   FROM debian:latest@sha256:0123 AS d\nFROM gcr.io/distroless/static:latest\n\
                   COPY --from=0 /a /b\nCOPY --from=A /a /b\nCOPY --from=bitnami/nginx /a /b\n\
                   COPY --from=nft-rpms /rpms /tmp/\n\
                   RUN --mount=type=bind,from=tonistiigi/xx:latest,target=/xx true\n";
        let got = findings("DF301", src);
        assert_eq!(
            got,
            vec![
                ("${BASE}".to_string(), "base image `alpine` has no tag (means `latest`)".to_string()),
                (
                    "latest".to_string(),
                    "base image `gcr.io/distroless/static` uses the mutable tag `latest`".to_string()
                ),
                (
                    "bitnami/nginx".to_string(),
                    "`COPY --from` image `bitnami/nginx` has no tag (means `latest`)".to_string()
                ),
                ("latest".to_string(), "`RUN --mount` image `tonistiigi/xx` uses the mutable tag `latest`".to_string()),
            ]
        );
    }

    #[test]
    fn a_quoted_mount_points_at_the_flag() {
        let got = findings("DF301", "FROM alpine:3\nRUN --mount=\"type=bind,from=tonistiigi/xx,target=/x\" true\n");
        assert_eq!(
            got,
            vec![(
                "--mount=\"type=bind,from=tonistiigi/xx,target=/x\"".to_string(),
                "`RUN --mount` image `tonistiigi/xx` has no tag (means `latest`)".to_string()
            )]
        );
    }
}
