//! DC109: a service turns off SELinux labelling (`security_opt: label:disable`).

use super::security_opt::{Disabled, report_disabled};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct SelinuxLabelDisabled;

static RULE: Disabled = Disabled {
    name: "label",
    value: "disable",
    last_wins: false,
    what: "SELinux labelling",
    help: "remove the entry so the container gets its own SELinux label; relabel bind mounts with `:z` or `:Z` instead",
};

impl Rule for SelinuxLabelDisabled {
    fn code(&self) -> &'static str {
        "DC109"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        report_disabled(cx, file, &RULE);
    }
}

#[cfg(test)]
mod tests {
    use super::super::security_opt::tests::spans;

    #[test]
    fn reports_every_disable_entry() {
        let src = "services:\n  a:\n    security_opt:\n      - label:disable\n      - label=type:svirt_t\n  \
                   b:\n    security_opt: [\"label=disable\", label=level:s0]\n  c:\n    security_opt: [\"label=${LABEL}\"]\n  \
                   d:\n    security_opt: [label=user:system_u]\n  x-e:\n    security_opt: [label:disable]\n  f:\n    image: x\n";
        assert_eq!(spans("DC109", src), ["label:disable", "\"label=disable\""]);
        let d = crate::rules::testing::lint_as("DC109", "compose.yaml", src, crate::config::Options::default());
        assert!(d[0].message.starts_with("service `a` turns off SELinux labelling (`security_opt: label:disable`)"));
    }
}
