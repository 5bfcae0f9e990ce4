//! K8S301: a container image without a tag or with `latest`, and no digest.

use super::images::undigested;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct LatestImageTag;

impl Rule for LatestImageTag {
    fn code(&self) -> &'static str {
        "K8S301"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        for (c, img) in undigested(object) {
            let what = match img.image.tag.as_deref() {
                None => "has no tag, which means `latest`",
                Some("latest") => "uses the mutable tag `latest`",
                Some(_) => continue,
            };
            let name = img.name();
            let d = cx
                .diag(
                    img.node.span(),
                    format!("image `{}` of {} of {} {what}", img.text, c.display_name(), object.display_name()),
                )
                .with_help(format!(
                    "pin a version tag (`{name}:<version>`) or a digest (`{name}@sha256:<digest>`): `latest` moves \
                     whenever the image is republished, so pods of one rollout can run different code and a \
                     rollback does not go back"
                ));
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_diagnostics, k8s_spans, pod};

    #[test]
    fn untagged_and_latest_images() {
        let src = pod("containers:\n\
                       - {name: a, image: nginx}\n\
                       - {name: b, image: 'quay.io/app:latest'}\n\
                       - {name: c, image: nginx:1.27}\n\
                       - {name: d, image: 'nginx:latest@sha256:0123abcd'}\n\
                       - {name: e, image: registry.local:5000/team/app}\n\
                       - {name: f, image: registry.local:5000/team/app:2.1}\n\
                       initContainers:\n\
                       - {name: g, image: busybox:latest}\n");
        assert_eq!(
            k8s_spans("K8S301", &src),
            ["nginx", "'quay.io/app:latest'", "registry.local:5000/team/app", "busybox:latest"]
        );
        let messages: Vec<String> = k8s_diagnostics("K8S301", &src).into_iter().map(|d| d.message).collect();
        assert_eq!(messages[0], "image `nginx` of container `a` of Deployment/web has no tag, which means `latest`");
    }

    #[test]
    fn templated_and_placeholder_images_are_unknown() {
        let src = pod("containers:\n\
                       - {name: a, image: '{{ .Values.image }}'}\n\
                       - {name: b, image: '${IMAGE}'}\n\
                       - {name: c, image: '<image_url>'}\n\
                       - {name: d}\n\
                       - {name: e, image: ''}\n");
        assert!(k8s_spans("K8S301", &src).is_empty());
    }
}
