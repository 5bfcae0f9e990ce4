//! DC301: a service pulls an image without a tag (which means `latest`), tagged `latest` or
//! another channel (`stable`, `edge`, `nightly`, ...), and without a digest.

use super::images::{Tag, pulled_image};
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
            let (verb, note) = (img.verb(), img.defaults_note());
            let message = match &img.tag {
                Tag::Literal(t) if t == "latest" => format!("service `{}` {verb} image `{}`{note}", svc.name, img.text),
                Tag::Literal(channel) => format!(
                    "service `{}` {verb} image `{}`{note}: `{channel}` names a release channel, which moves with each release",
                    svc.name, img.text
                ),
                _ => format!(
                    "service `{}` {verb} image `{}` without a tag, which means `latest`{note}",
                    svc.name, img.text
                ),
            };
            let written = img.defaulted.as_deref().unwrap_or(img.text);
            let repo = written.rsplit_once(':').filter(|_| img.tag != Tag::Absent).map_or(written, |(r, _)| r);
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
    use crate::rules::testing::{compose_spans, lint_as};

    fn spans(src: &str) -> Vec<String> {
        compose_spans("DC301", src)
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
            "  k:\n    image: myapp\n    build: ./app\n    pull_policy: build\n  l:\n    image: app:${TAG}\n",
            "x-base:\n  image: nginx\n",
        );
        let expected = [
            "nginx",
            "\"redis:latest\"",
            "registry.local:5000/team/app",
            "${REGISTRY}/worker",
            "app:${TAG:-latest}",
            "myapp",
        ];
        assert_eq!(spans(src), expected);
        let d = lint_as("DC301", "compose.yaml", src, Options::default());
        assert_eq!(d[0].message, "service `a` pulls image `nginx` without a tag, which means `latest`");
        assert_eq!(d[1].message, "service `b` pulls image `redis:latest`");
        assert_eq!(
            d[4].message,
            "service `g` pulls image `app:${TAG:-latest}` (`app:latest` by its variables' defaults)"
        );
        assert!(
            d[4].help.as_deref().is_some_and(|h| h.starts_with("pin a version tag (`app:<version>`)")),
            "{:?}",
            d[4].help
        );
        assert_eq!(
            d[5].message,
            "service `j` pulls (before building it) image `myapp` without a tag, which means `latest`"
        );
    }
}
