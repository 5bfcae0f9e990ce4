//! DC101: a Compose service runs as root.

use crate::model::compose::{ComposeFile, Value};
use crate::rules::{Context, Rule};

pub struct RunAsRoot;

impl Rule for RunAsRoot {
    fn code(&self) -> &'static str {
        "DC101"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for svc in &file.services {
            match svc.value("user") {
                Some(Value::Literal(user, span)) => {
                    let name = user.split(':').next().unwrap_or(&user);
                    if name == "root" || name == "0" {
                        // A `user:` merged in from an `x-` block or a base service is reported at
                        // the service that uses it.
                        let site = svc.site(span);
                        let mut d = cx
                            .diag(site.span, format!("service `{}` runs as root (`user: {user}`)", svc.name))
                            .with_help("set `user:` to an unprivileged UID:GID, e.g. \"10001:10001\"");
                        if let Some((at, label)) = site.origin {
                            d = d.with_label(at, label);
                        }
                        cx.emit(d);
                    }
                }
                // Interpolated: decided at `docker compose up`, no guess.
                Some(Value::Unknown(_)) => {}
                // Without every base it `extends`, the user may come from a file not read.
                None if svc.get("user").is_none() && svc.is_complete() && !nonroot_image(svc.value("image")) => {
                    let d = cx
                        .diag(
                            svc.key.span(),
                            format!(
                                "service `{}` has no `user:`; it runs as the image's user, root by default",
                                svc.name
                            ),
                        )
                        .with_help("add `user: \"10001:10001\"` (an unprivileged UID:GID) to the service");
                    cx.emit(d);
                }
                None => {}
            }
        }
    }
}

fn nonroot_image(image: Option<Value>) -> bool {
    image.as_ref().and_then(Value::literal).is_some_and(|i| i.contains("nonroot") || i.contains("non-root"))
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::lint_as;

    fn spans(src: &str) -> Vec<&str> {
        let found = lint_as("DC101", "compose.yaml", src, Options::default());
        found.iter().map(|d| d.span.slice(src)).collect()
    }

    #[test]
    fn merged_root_is_reported_at_the_service() {
        let src = "x-base: &base\n  user: root\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n";
        assert_eq!(spans(src), ["<<"]);
    }

    #[test]
    fn an_unread_base_may_set_the_user() {
        let src = "services:\n  web:\n    extends: {file: common.yaml, service: base}\n    image: nginx:1.27\n";
        assert!(spans(src).is_empty());
    }
}
