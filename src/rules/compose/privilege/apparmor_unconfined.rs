//! DC108: a service runs without an AppArmor profile (`security_opt: apparmor:unconfined`).

use super::security_opt::{Disabled, report_disabled};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct ApparmorUnconfined;

static RULE: Disabled = Disabled {
    name: "apparmor",
    value: "unconfined",
    last_wins: true,
    what: "AppArmor confinement",
    help: "remove the entry so `docker-default` applies, or name a profile of your own (`apparmor=my-profile`)",
};

impl Rule for ApparmorUnconfined {
    fn code(&self) -> &'static str {
        "DC108"
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
        let src = "services:\n  a:\n    security_opt:\n      - apparmor:unconfined\n  b:\n    security_opt: [\"apparmor=unconfined\"]\n  \
                   c:\n    security_opt: [apparmor=unconfined, apparmor=./custom]\n  d:\n    security_opt: [apparmor=./custom, apparmor=unconfined]\n  \
                   e:\n    security_opt: [apparmor:unconfined, \"${PROFILE}\"]\n  f:\n    security_opt: [\"apparmor=${PROFILE:-unconfined}\"]\n  \
                   g:\n    security_opt: [apparmor=Unconfined]\n  x-h:\n    security_opt: [apparmor:unconfined]\n  i:\n    image: x\n";
        assert_eq!(spans("DC108", src), ["apparmor:unconfined", "\"apparmor=unconfined\"", "apparmor=unconfined"]);
    }
}
