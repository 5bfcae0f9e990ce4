//! DC107: a service runs without a seccomp profile (`security_opt: seccomp:unconfined`).

use super::security_opt::{Disabled, report_disabled};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct SeccompUnconfined;

static RULE: Disabled = Disabled {
    name: "seccomp",
    value: "unconfined",
    last_wins: true,
    what: "the default seccomp profile",
    help: "remove the entry so the default profile applies, or name a profile that allows the calls the service needs (`seccomp=./profile.json`)",
};

impl Rule for SeccompUnconfined {
    fn code(&self) -> &'static str {
        "DC107"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        report_disabled(cx, file, &RULE);
    }
}

#[cfg(test)]
mod tests {
    use super::super::security_opt::tests::spans;

    #[test]
    fn reports_the_entry_in_effect() {
        let src = "services:\n  a:\n    security_opt:\n      - seccomp:unconfined\n  b:\n    security_opt: [\"seccomp=unconfined\"]\n  \
                   c:\n    security_opt: [seccomp=unconfined, seccomp=./custom]\n  d:\n    security_opt: [seccomp=./custom, seccomp=unconfined]\n  \
                   e:\n    security_opt: [seccomp:unconfined, \"${PROFILE}\"]\n  f:\n    security_opt: [\"seccomp=${PROFILE:-unconfined}\"]\n  \
                   g:\n    security_opt: [seccomp=Unconfined]\n  x-h:\n    security_opt: [seccomp:unconfined]\n  i:\n    image: x\n";
        assert_eq!(spans("DC107", src), ["seccomp:unconfined", "\"seccomp=unconfined\"", "seccomp=unconfined"]);
    }
}
