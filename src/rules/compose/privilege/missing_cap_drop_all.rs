//! DC104: a service keeps Docker's default capabilities (no `cap_drop: [ALL]`).

use super::{add_to_service, append_item, capability, is_privileged, lists, own, owned, services};
use crate::diagnostic::{Applicability, Fix};
use crate::model::compose::{ComposeFile, Value};
use crate::rules::{Context, Rule};

pub struct MissingCapDropAll;

impl Rule for MissingCapDropAll {
    fn code(&self) -> &'static str {
        "DC104"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for service in services(file) {
            // A privileged service has every capability whatever it drops: DC102 says so.
            if is_privileged(service) {
                continue;
            }
            // `extends` adds the service's own list to its base's.
            let (lists, complete) = lists(service, "cap_drop");
            if !complete || lists.iter().any(|s| !s.value.is_sequence() && !s.value.is_null()) {
                continue;
            }
            let items: Vec<Option<Value>> = lists.iter().flat_map(|s| s.value.items()).map(Value::of).collect();
            let drops_all = |v: &Option<Value>| match v {
                Some(Value::Literal(cap, _)) => capability(cap) == "ALL",
                // Interpolated: it may be `ALL`.
                Some(Value::Unknown(_)) => true,
                None => false,
            };
            if items.iter().any(drops_all) {
                continue;
            }
            let mine = own(service, "cap_drop");
            let (span, message, edit) = match mine {
                Some(s) => (
                    s.key.span(),
                    "`cap_drop:` does not drop `ALL`",
                    s.value
                        .is_sequence()
                        .then_some(s.value)
                        .filter(|&v| owned(service, v))
                        .and_then(|v| append_item(cx.src, v, "ALL")),
                ),
                None => {
                    (service.key.span(), "no `cap_drop: [ALL]`", add_to_service(cx.src, service, &["cap_drop: [ALL]"]))
                }
            };
            let mut d = cx
                .diag(span, format!("service `{}` keeps Docker's default capabilities: {message}", service.name))
                .with_help("drop every capability with `cap_drop: [ALL]` and give back only those the service needs with `cap_add:`");
            if let Some(edit) = edit {
                d = d.with_fix(Fix {
                    message: "drop every capability (`cap_drop: [ALL]`); the service may need some back in `cap_add:`"
                        .into(),
                    applicability: Applicability::Unsafe,
                    edits: vec![edit],
                });
            }
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{compose_spans, fixed_as, lint_as};

    fn spans(src: &str) -> Vec<String> {
        compose_spans("DC104", src)
    }

    #[test]
    fn points_at_the_service_or_its_cap_drop() {
        let src = "services:\n  web:\n    image: x\n  db:\n    cap_drop: [NET_RAW]\n  ok:\n    cap_drop: [all]\n  \
                   ok2:\n    cap_drop:\n      - CAP_ALL\n";
        assert_eq!(spans(src), ["web", "cap_drop"]);
    }

    #[test]
    fn privileged_interpolated_extended_and_extension_services_are_not_reported() {
        let src = "x-base:\n  image: x\nservices:\n  x-tpl:\n    image: x\n  p:\n    privileged: true\n  i:\n    \
                   cap_drop: [\"${DROP}\"]\n  base:\n    cap_drop: [ALL]\n  child:\n    extends: base\n  \
                   child2:\n    extends: {service: base}\n    cap_drop: [NET_RAW]\n  other:\n    extends: {file: b.yaml, service: s}\n";
        assert!(spans(src).is_empty(), "{:?}", spans(src));
    }

    #[test]
    fn fixes_add_the_key_or_the_item() {
        let src = "services:\n  web:\n    image: x  # app\n  db:\n    cap_drop:\n      - NET_RAW\n  api:\n    cap_drop: [\"NET_RAW\"]\n";
        assert_eq!(
            fixed_as("DC104", "compose.yaml", src),
            "services:\n  web:\n    image: x  # app\n    cap_drop: [ALL]\n  db:\n    cap_drop:\n      - NET_RAW\n      - ALL\n  \
             api:\n    cap_drop: [\"NET_RAW\", \"ALL\"]\n"
        );
    }

    #[test]
    fn no_fix_through_an_anchor() {
        let src = "x-caps: &caps\n  cap_drop: [NET_RAW]\nservices:\n  web:\n    <<: *caps\n";
        let d = lint_as("DC104", "compose.yaml", src, Options::default());
        assert_eq!(d.len(), 1);
        assert!(d[0].fix.is_none());
    }
}
