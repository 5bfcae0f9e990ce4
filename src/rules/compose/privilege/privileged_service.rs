//! DC102: a service runs privileged (`privileged: true`).

use super::{Flag, flag, note_merge, own, services};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct PrivilegedService;

impl Rule for PrivilegedService {
    fn code(&self) -> &'static str {
        "DC102"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for service in services(file) {
            let Some(setting) = own(service, "privileged") else { continue };
            // `false`, an interpolated value (decided at `docker compose up`) or one Compose rejects.
            if flag(setting.value) != Flag::True {
                continue;
            }
            let written = setting.value.str().unwrap_or("true");
            let d = cx
                .diag(
                    setting.value.span(),
                    format!(
                        "service `{}` runs privileged (`privileged: {written}`): every capability, every host \
                         device, no seccomp or AppArmor confinement",
                        service.name
                    ),
                )
                .with_help(
                    "remove `privileged:` and grant only what the service needs (`cap_add:` for one capability, \
                     `devices:` for one device); no fix is offered, as that changes what the service can do",
                );
            cx.emit(note_merge(d, &setting, service));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{compose_spans, lint_as};

    fn spans(src: &str) -> Vec<String> {
        compose_spans("DC102", src)
    }

    #[test]
    fn yaml_11_and_compose_booleans() {
        let src = "services:\n  a:\n    privileged: true\n  b:\n    privileged: yes\n  c:\n    privileged: \"On\"\n  \
                   d:\n    privileged: false\n  e:\n    privileged: no\n  f:\n    image: x\n";
        assert_eq!(spans(src), ["true", "yes", "\"On\""]);
        let d = lint_as("DC102", "compose.yaml", src, Options::default());
        assert!(d[0].message.starts_with("service `a` runs privileged (`privileged: true`)"), "{}", d[0].message);
        assert!(d[0].fix.is_none());
    }

    #[test]
    fn interpolated_extension_and_invalid_values_are_not_reported() {
        let src = "x-debug:\n  privileged: true\nservices:\n  x-template:\n    privileged: true\n  a:\n    \
                   privileged: ${PRIVILEGED:-false}\n  b:\n    privileged: maybe\n";
        assert!(spans(src).is_empty());
    }

    #[test]
    fn merged_in_from_an_anchor() {
        let src = "x-priv: &priv\n  privileged: true\nservices:\n  a:\n    <<: *priv\n    image: x\n";
        let d = lint_as("DC102", "compose.yaml", src, Options::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span.slice(src), "<<");
        assert_eq!(d[0].labels[0].span.slice(src), "true");
    }
}
