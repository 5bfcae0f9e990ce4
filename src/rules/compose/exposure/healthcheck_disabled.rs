//! DC510: a service turns off its image's health check (`disable: true`, `test: ["NONE"]`).

use crate::model::compose::{ComposeFile, Service};
use crate::rules::{Context, Rule};
use crate::span::Span;

pub struct HealthcheckDisabled;

/// Where and how the service turns the check off (`healthcheck` keys merge across the files
/// read together).
fn disabled(svc: &Service<'_>) -> Option<(Span, &'static str)> {
    if let Some(value) = svc.path(&["healthcheck", "disable"])
        && value.as_bool() == Some(true)
    {
        let key = svc.layers().iter().find_map(|l| l.node.get("healthcheck")?.entry("disable")).map(|(k, _)| k);
        return Some((key.map_or(value.span(), |k| k.span().cover(value.span())), "`disable: true`"));
    }
    let test = svc.path(&["healthcheck", "test"])?;
    let none = match test.str() {
        Some(s) => s.trim() == "NONE",
        None => test.items().next().and_then(|i| i.str()).is_some_and(|s| s.trim() == "NONE"),
    };
    none.then(|| (test.span(), "`test: NONE`"))
}

impl Rule for HealthcheckDisabled {
    fn code(&self) -> &'static str {
        "DC510"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for svc in &file.services {
            let Some((span, how)) = disabled(svc) else { continue };
            let d = cx.diag(span, format!("service `{}` disables its health check ({how})", svc.name)).with_help(
                "remove it, and if the image defines no HEALTHCHECK give the service a `test:` that checks it \
                     serves (e.g. `[\"CMD\", \"curl\", \"-f\", \"http://localhost/health\"]`): without one, \
                     `depends_on: condition: service_healthy` and restarts cannot tell a hung service from a \
                     working one",
            );
            cx.emit(super::at_service(svc, d));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::lint_as;

    #[test]
    fn disable_or_none_test() {
        let src = concat!(
            "services:\n  a:\n    healthcheck:\n      disable: true\n",
            "  b:\n    healthcheck:\n      test: [\"NONE\"]\n  c:\n    healthcheck: {test: NONE}\n",
            "  d:\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n",
            "  e:\n    healthcheck:\n      disable: false\n  f:\n    healthcheck:\n      disable: ${NO_HC}\n",
            "  g:\n    image: x\n  h:\n    healthcheck:\n      test: [\"CMD-SHELL\", \"echo NONE\"]\n",
            "x-hc:\n  healthcheck: {disable: true}\n",
        );
        let d = lint_as("DC510", "compose.yaml", src, Options::default());
        let spans: Vec<&str> = d.iter().map(|d| d.span.slice(src)).collect();
        assert_eq!(spans, ["disable: true", "[\"NONE\"]", "NONE"]);
        assert_eq!(d[0].message, "service `a` disables its health check (`disable: true`)");
    }
}
