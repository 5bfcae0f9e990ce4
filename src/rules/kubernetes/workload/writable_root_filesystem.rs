//! K8S103: a container's root filesystem is writable (`readOnlyRootFilesystem` is not `true`).

use super::security_context::{missing_field_at, set_bool, who};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct WritableRootFilesystem;

const HELP: &str = "set `securityContext.readOnlyRootFilesystem: true` on the container and mount an \
                    `emptyDir` where it must write (e.g. /tmp)";

impl Rule for WritableRootFilesystem {
    fn code(&self) -> &'static str {
        "K8S103"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        // Windows containers have no read-only root filesystem; the API rejects the field there.
        if pod.targets_windows() {
            return;
        }
        for c in pod.containers() {
            let d = match c.security_field("readOnlyRootFilesystem") {
                Some((key, value)) => match value.as_bool() {
                    Some(false) => {
                        let d = cx
                            .diag(
                                key.span().cover(value.span()),
                                format!(
                                    "{} has a writable root filesystem: `readOnlyRootFilesystem: false`",
                                    who(&c, object)
                                ),
                            )
                            .with_help(HELP);
                        match set_bool(value, true, "set `readOnlyRootFilesystem: true`") {
                            Some(fix) => d.with_fix(fix),
                            None => d,
                        }
                    }
                    // `true`, or a templated value: nothing to say.
                    _ => continue,
                },
                None => cx
                    .diag(
                        missing_field_at(&c),
                        format!(
                            "{} has a writable root filesystem: no `readOnlyRootFilesystem: true`",
                            who(&c, object)
                        ),
                    )
                    .with_help(HELP),
            };
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_fixed, k8s_spans, pod};

    #[test]
    fn points_at_the_false_value_or_the_container() {
        let src = pod(
            "containers:\n- name: a\n- name: b\n  securityContext:\n    readOnlyRootFilesystem: no\n- name: c\n  securityContext:\n    readOnlyRootFilesystem: true\ninitContainers:\n- name: i\n  securityContext: {runAsUser: 1}\n",
        );
        assert_eq!(k8s_spans("K8S103", &src), ["a", "readOnlyRootFilesystem: no", "securityContext"]);
    }

    #[test]
    fn pod_level_or_templated_values_and_windows() {
        // The field exists only on containers: a pod-level one is not read.
        let src = pod("securityContext:\n  readOnlyRootFilesystem: true\ncontainers:\n- name: a\n");
        assert_eq!(k8s_spans("K8S103", &src), ["a"]);
        let src = pod("containers:\n- name: a\n  securityContext:\n    readOnlyRootFilesystem: \"{{ .Values.ro }}\"\n");
        assert!(k8s_spans("K8S103", &src).is_empty());
        let src = pod("nodeSelector:\n  kubernetes.io/os: windows\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S103", &src).is_empty());
        let src = pod("securityContext:\n  windowsOptions: {hostProcess: true}\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S103", &src).is_empty());
        let src = pod("nodeSelector:\n  kubernetes.io/os: linux\ncontainers:\n- name: a\n");
        assert_eq!(k8s_spans("K8S103", &src), ["a"]);
    }

    #[test]
    fn fix_flips_only_a_plain_false() {
        let src = pod("containers:\n- name: a\n  securityContext:\n    readOnlyRootFilesystem: false # why\n");
        assert!(k8s_fixed("K8S103", &src).contains("readOnlyRootFilesystem: true # why"));
    }
}
