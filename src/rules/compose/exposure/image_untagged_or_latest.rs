//! DC301: a service pulls an image without a tag (which means `latest`), tagged `latest` or
//! another channel (`stable`, `edge`, `nightly`, ...), and without a digest.

use super::images::pulled_image;
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct ImageUntaggedOrLatest;

impl Rule for ImageUntaggedOrLatest {
    fn code(&self) -> &'static str {
        "DC301"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for svc in &file.services {
            let Some(img) = pulled_image(svc).filter(|i| i.floats()) else { continue };
            let message = match img.tag {
                None => {
                    format!("service `{}` pulls image `{}` without a tag, which means `latest`", svc.name, img.text)
                }
                Some("latest") => format!("service `{}` pulls image `{}`", svc.name, img.text),
                Some(channel) => format!(
                    "service `{}` pulls image `{}`: `{channel}` names a release channel, which moves with each release",
                    svc.name, img.text
                ),
            };
            let repo = img.text.rsplit_once(':').filter(|_| img.tag.is_some()).map_or(img.text, |(r, _)| r);
            let d = cx.diag(img.span, message).with_help(format!(
                "pin a version tag (`{repo}:<version>`), or better also its digest (`{repo}:<version>@sha256:...`): \
                 `latest` is whatever the publisher pushed last, so two hosts, or two runs of `docker compose pull`, can \
                 run different code"
            ));
            cx.emit(super::at_service(svc, d));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::lint_as;

    fn spans(src: &str) -> Vec<String> {
        lint_as("DC301", "compose.yaml", src, Options::default())
            .iter()
            .map(|d| d.span.slice(src).to_string())
            .collect()
    }

    #[test]
    fn channel_tags_float() {
        let src = "services:\n  a:\n    image: lldap/lldap:stable\n  b:\n    image: archivebox/archivebox:dev\n  \
                   c:\n    image: nginx:1.27-alpine\n  d:\n    image: app:stable@sha256:0123abcd\n";
        assert_eq!(spans(src), ["lldap/lldap:stable", "archivebox/archivebox:dev"]);
    }

    #[test]
    fn no_tag_or_latest_without_digest() {
        let src = concat!(
            "services:\n  a:\n    image: nginx\n  b:\n    image: \"redis:latest\"\n",
            "  c:\n    image: registry.local:5000/team/app\n  d:\n    image: ${REGISTRY}/worker\n",
            "  e:\n    image: nginx:1.27\n  f:\n    image: nginx:latest@sha256:0123abcd\n",
            "  g:\n    image: app:${TAG:-latest}\n  h:\n    image: ${IMAGE}\n",
            "  i:\n    build: .\n  j:\n    image: myapp\n    build: ./app\n",
            "x-base:\n  image: nginx\n",
        );
        assert_eq!(spans(src), ["nginx", "\"redis:latest\"", "registry.local:5000/team/app", "${REGISTRY}/worker"]);
        let d = lint_as("DC301", "compose.yaml", src, Options::default());
        assert_eq!(d[0].message, "service `a` pulls image `nginx` without a tag, which means `latest`");
        assert_eq!(d[1].message, "service `b` pulls image `redis:latest`");
    }
}
