//! K8S302 (opt-in): a container image without an `@sha256:` digest.

use super::images::undigested;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct ImageNotPinnedByDigest;

impl Rule for ImageNotPinnedByDigest {
    fn code(&self) -> &'static str {
        "K8S302"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        for (c, img) in undigested(object) {
            let pinned = match &img.image.tag {
                Some(tag) => format!("{}:{tag}@sha256:<digest>", img.name()),
                None => format!("{}@sha256:<digest>", img.name()),
            };
            let d = cx
                .diag(
                    img.node.span(),
                    format!(
                        "image `{}` of {} of {} is not pinned by digest",
                        img.text,
                        c.display_name(),
                        object.display_name()
                    ),
                )
                .with_help(format!(
                    "pin the digest the tag points to now (`{pinned}`; `crane digest` or `docker buildx imagetools \
                     inspect` print it): a tag can be moved to other content, a digest cannot"
                ));
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn only_digests_pin() {
        let src = pod("containers:\n\
                       - {name: a, image: nginx:1.27}\n\
                       - {name: b, image: 'nginx:1.27@sha256:0123abcd'}\n\
                       - {name: c, image: 'ghcr.io/x/y@sha256:0123abcd'}\n\
                       - {name: d, image: 'registry.local:5000/app'}\n\
                       - {name: e, image: '{{ .Values.image }}'}\n");
        assert_eq!(k8s_spans("K8S302", &src), ["nginx:1.27", "'registry.local:5000/app'"]);
    }
}
