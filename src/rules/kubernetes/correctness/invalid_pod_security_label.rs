//! K8S162: a Pod Security Admission namespace label with an invalid level or version, or an
//! unknown mode. The admission plugin refuses to create such a namespace (and evaluates an
//! existing one at `restricted`); an unknown mode such as `enforced` is silently ignored.

use super::pod_security_labels;
use crate::model::kubernetes::{Object, is_templated};
use crate::rules::{Context, Rule};

pub struct InvalidPodSecurityLabel;

const LEVELS: &[&str] = &["privileged", "baseline", "restricted"];
const MODES: &[&str] = &["enforce", "audit", "warn"];

/// `latest` or `v1.<minor>`, as the admission plugin parses a policy version.
fn valid_version(v: &str) -> bool {
    v == "latest"
        || v.strip_prefix("v1.").is_some_and(|m| {
            !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit()) && (m == "0" || !m.starts_with('0'))
        })
}

impl Rule for InvalidPodSecurityLabel {
    fn code(&self) -> &'static str {
        "K8S162"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(labels) = pod_security_labels(object) else { return };
        for (suffix, key, value) in labels {
            let Some(v) = value.str().filter(|v| !is_templated(v)) else { continue };
            let label = format!("`pod-security.kubernetes.io/{suffix}`");
            let (at, msg, help) = if MODES.contains(&suffix) {
                if LEVELS.contains(&v) {
                    continue;
                }
                let msg = format!("{label} of {} is `{v}`, not a Pod Security level", object.display_name());
                (value.span(), msg, "use `privileged`, `baseline` or `restricted` (lower case); the API server refuses to create a namespace with an invalid level".to_string())
            } else if let Some(mode) = suffix.strip_suffix("-version").filter(|m| MODES.contains(m)) {
                if valid_version(v) {
                    continue;
                }
                let msg = format!("{label} of {} is `{v}`, not a policy version", object.display_name());
                (
                    value.span(),
                    msg,
                    format!(
                        "use `latest` or `v1.<minor>` (e.g. `v1.30`, no patch number) for the `{mode}` policy version"
                    ),
                )
            } else {
                let msg = format!(
                    "{label} of {} is not a Pod Security label: the admission plugin ignores it",
                    object.display_name()
                );
                (
                    key.span(),
                    msg,
                    "the modes are `enforce`, `audit` and `warn`, each with an optional `-version` label".to_string(),
                )
            };
            let d = cx.diag(at, msg).with_help(help);
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::valid_version;
    use crate::rules::testing::k8s_spans;

    #[test]
    fn levels_versions_and_modes() {
        let src = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    pod-security.kubernetes.io/enforce: Restricted\n    pod-security.kubernetes.io/enforce-version: v1.30.1\n    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/warn-version: latest\n    pod-security.kubernetes.io/enforced: baseline\n    app.kubernetes.io/name: shop\n";
        assert_eq!(k8s_spans("K8S162", src), ["Restricted", "v1.30.1", "pod-security.kubernetes.io/enforced"]);
    }

    #[test]
    fn versions() {
        assert!(valid_version("v1.0") && valid_version("v1.30") && valid_version("latest"));
        assert!(
            !valid_version("1.30") && !valid_version("v1.030") && !valid_version("v1.") && !valid_version("Latest")
        );
    }
}
