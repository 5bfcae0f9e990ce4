//! DC511: a service's logging driver is `none`: nothing it writes is kept.

use super::value_span;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct LoggingDisabled;

impl Rule for LoggingDisabled {
    fn code(&self) -> &'static str {
        "DC511"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for svc in &file.services {
            // `log_driver` is the Compose file format 2 spelling.
            let driver = svc.path(&["logging", "driver"]).or_else(|| svc.get("log_driver"));
            let Some(driver) = driver.filter(|d| d.str().is_some_and(|s| s.trim() == "none")) else { continue };
            let mut d = cx
                .diag(driver.span(), format!("service `{}` discards its logs (logging driver `none`)", svc.name))
                .with_help(
                    "use the `local` driver (rotated, compressed files; `docker logs` works) or ship logs to your \
                     collector: without logs, an intrusion or a crash leaves no trace",
                );
            if let Some(at) = value_span(cx.src, driver) {
                d = d.with_fix(Fix {
                    message: "use the `local` logging driver".into(),
                    applicability: Applicability::Unsafe,
                    edits: vec![Edit { span: at, replacement: "local".into() }],
                });
            }
            cx.emit(super::at_service(svc, d));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{fixed_as, lint_as};

    #[test]
    fn driver_none_in_both_spellings() {
        let src = concat!(
            "services:\n  a:\n    logging:\n      driver: none\n  b:\n    log_driver: \"none\"\n",
            "  c:\n    logging: {driver: json-file}\n  d:\n    logging:\n      driver: ${LOG_DRIVER:-none}\n",
            "  e:\n    image: x\n",
        );
        let d = lint_as("DC511", "compose.yaml", src, Options::default());
        let spans: Vec<&str> = d.iter().map(|d| d.span.slice(src)).collect();
        assert_eq!(spans, ["none", "\"none\""]);
        assert_eq!(d[0].message, "service `a` discards its logs (logging driver `none`)");
        let fixed = fixed_as("DC511", "compose.yaml", src);
        assert!(fixed.contains("      driver: local\n") && fixed.contains("log_driver: \"local\""), "{fixed}");
    }
}
