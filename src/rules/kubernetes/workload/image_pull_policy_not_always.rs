//! K8S303 (opt-in): a container whose effective `imagePullPolicy` is not `Always`, unless its
//! image is pinned by digest.

use super::images::undigested;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct ImagePullPolicyNotAlways;

impl Rule for ImagePullPolicyNotAlways {
    fn code(&self) -> &'static str {
        "K8S303"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        // An unknown image may be pinned by digest: no guess.
        for (c, img) in undigested(object) {
            let who = format!("{} of {}", c.display_name(), object.display_name());
            let d = match c.field("imagePullPolicy") {
                Some((key, value)) => {
                    let policy = value.str().unwrap_or_default();
                    // `Always` is fine; anything but the two other valid values is templated
                    // or invalid: unknown.
                    if !matches!(policy, "IfNotPresent" | "Never") {
                        continue;
                    }
                    cx.diag(
                        key.span().cover(value.span()),
                        format!("{who} pulls image `{}` with `imagePullPolicy: {policy}`", img.text),
                    )
                    .with_help(
                        "set `imagePullPolicy: Always` (the registry is asked for the tag's current digest on \
                         every start), or pin the image by digest",
                    )
                    .with_fix(Fix {
                        message: "set `imagePullPolicy: Always`".into(),
                        applicability: Applicability::Unsafe,
                        edits: vec![Edit { span: value.span(), replacement: "Always".into() }],
                    })
                }
                None if img.default_pull_policy() == "Always" => continue,
                None => cx
                    .diag(
                        c.anchor(),
                        format!(
                            "{who} has no `imagePullPolicy`: for the tagged image `{}` Kubernetes defaults to \
                             `IfNotPresent`",
                            img.text
                        ),
                    )
                    .with_label(img.node.span(), "a tag other than `latest`, and no digest")
                    .with_help(
                        "add `imagePullPolicy: Always`, or pin the image by digest: a node that already has \
                         this tag runs its cached copy, whatever the tag points to now",
                    ),
            };
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn the_effective_policy_decides() {
        let src = pod("containers:\n\
                       - {name: a, image: nginx:1.27}\n\
                       - {name: b, image: nginx:1.27, imagePullPolicy: IfNotPresent}\n\
                       - {name: c, image: nginx:1.27, imagePullPolicy: Always}\n\
                       - {name: d, image: nginx}\n\
                       - {name: e, image: 'nginx:latest'}\n\
                       - {name: f, image: 'nginx:latest', imagePullPolicy: Never}\n\
                       - {name: g, image: 'nginx@sha256:0123abcd', imagePullPolicy: IfNotPresent}\n\
                       - {name: h, image: 'nginx:1.27@sha256:0123abcd'}\n\
                       - {name: i, image: nginx:1.27, imagePullPolicy: '{{ .Values.policy }}'}\n\
                       - {name: j, image: '{{ .Values.image }}'}\n");
        assert_eq!(k8s_spans("K8S303", &src), ["a", "imagePullPolicy: IfNotPresent", "imagePullPolicy: Never"]);
    }
}
