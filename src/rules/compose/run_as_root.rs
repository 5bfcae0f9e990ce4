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
                        let d = cx
                            .diag(span, format!("service `{}` runs as root (`user: {user}`)", svc.name))
                            .with_help("set `user:` to an unprivileged UID:GID, e.g. \"10001:10001\"");
                        cx.emit(d);
                    }
                }
                // Interpolated: decided at `docker compose up`, no guess.
                Some(Value::Unknown(_)) => {}
                None if svc.get("user").is_none() && !nonroot_image(svc.value("image")) => {
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
