//! K8S133: a container mounts a hostPath volume writable (no `readOnly: true`).

use super::host_mounts::{HostMounts, mount_span, runtime_socket};
use super::security_context::{set_bool, who};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct WritableHostMount;

/// hostPath types a read-only mount does not protect: writes to a socket or a device node go
/// through on a read-only mount. Paths below `/dev/` are such nodes whatever the declared type.
const NOT_FILES: &[&str] = &["Socket", "CharDevice", "BlockDevice"];

impl Rule for WritableHostMount {
    fn code(&self) -> &'static str {
        "K8S133"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        let Some(hm) = HostMounts::of(&pod) else { return };
        for m in &hm.mounts {
            let volume = &hm.volumes[m.volume];
            // Runtime sockets are K8S131's; `readOnly` would not help there.
            let not_file = volume.kind.is_some_and(|k| NOT_FILES.contains(&k)) || m.host.path().starts_with("/dev/");
            if not_file || runtime_socket(&m.host).is_some() {
                continue;
            }
            let c = &hm.containers[m.container];
            let mounted_at = m.mount.get("mountPath").and_then(|p| p.str()).unwrap_or("?");
            let message = |how: &str| {
                format!("{} mounts the host's `{}` writable at `{mounted_at}`{how}", who(c, object), m.host.path())
            };
            let d = match m.mount.entry("readOnly").filter(|(_, v)| !v.is_null()) {
                Some((key, value)) => match value.as_bool() {
                    Some(false) => {
                        let d = cx.diag(key.span().cover(value.span()), message(": `readOnly: false`"));
                        match set_bool(value, true, "set `readOnly: true`") {
                            Some(fix) => d.with_fix(fix),
                            None => d,
                        }
                    }
                    // Read-only, or templated.
                    _ => continue,
                },
                None => cx.diag(mount_span(m.mount), message("")),
            };
            let d = d.with_label(volume.path_span, format!("hostPath volume `{}`", volume.name)).with_help(
                "add `readOnly: true` to the volumeMount; a container that must write to the node keeps it \
                 writable with a suppression that says why",
            );
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_fixed, k8s_spans, pod};

    const VOLUMES: &str = "volumes:\n- name: data\n  hostPath: {path: /var/lib/app}\n- name: cache\n  emptyDir: {}\n- name: sock\n  hostPath: {path: /run/app.sock, type: Socket}\n- name: log\n  hostPath: {path: /dev/log}\n";

    #[test]
    fn each_writable_mount_of_a_host_path() {
        let src = pod(&format!(
            "containers:\n- name: a\n  volumeMounts:\n  - name: data\n    mountPath: /data\n  - name: cache\n    mountPath: /cache\n  - name: sock\n    mountPath: /app.sock\n  - name: log\n    mountPath: /dev/log\ninitContainers:\n- name: i\n  volumeMounts:\n  - name: data\n    mountPath: /data\n    readOnly: false\n- name: j\n  volumeMounts:\n  - name: data\n    mountPath: /data\n    readOnly: true\n{VOLUMES}"
        ));
        assert_eq!(k8s_spans("K8S133", &src), ["mountPath: /data", "readOnly: false"]);
        let fixed = k8s_fixed("K8S133", &src);
        assert!(fixed.contains("readOnly: true\n      - name: j"), "{fixed}");
    }

    #[test]
    fn templated_read_only_is_not_guessed() {
        let src = pod(&format!(
            "containers:\n- name: a\n  volumeMounts:\n  - name: data\n    mountPath: /data\n    readOnly: \"{{{{ .Values.ro }}}}\"\n{VOLUMES}"
        ));
        assert!(k8s_spans("K8S133", &src).is_empty());
    }
}
