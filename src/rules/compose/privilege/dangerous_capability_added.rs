//! DC103: a service adds a capability beyond Docker's default set that reaches the host kernel or
//! other processes (`cap_add: [SYS_ADMIN]`).

use super::{capability, note_merge, own_lists, services};
use crate::model::compose::{ComposeFile, Value};
use crate::rules::{Context, Rule};

pub struct DangerousCapabilityAdded;

/// The capabilities reported, with what they give. Docker's default set (`AUDIT_WRITE`, `CHOWN`,
/// `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`, `MKNOD`, `NET_BIND_SERVICE`, `NET_RAW`, `SETFCAP`,
/// `SETGID`, `SETPCAP`, `SETUID`, `SYS_CHROOT`) is never reported: adding one back changes nothing
/// unless it was dropped. Nor are the capabilities bounded by the container's cgroups or its own
/// files (`SYS_NICE`, `IPC_LOCK`, `SYS_RESOURCE`, `LEASE`, ...).
const DANGEROUS: &[(&str, &str)] = &[
    ("ALL", "every capability the kernel has"),
    ("SYS_ADMIN", "mounting filesystems and making namespaces, the way out of most containers"),
    ("SYS_MODULE", "loading modules into the host's kernel"),
    ("SYS_RAWIO", "raw I/O ports and `/dev/mem`, the host's memory"),
    ("SYS_PTRACE", "tracing other processes and reading their memory"),
    ("SYS_BOOT", "rebooting the host and loading a new kernel"),
    ("SYS_TIME", "setting the host's clock"),
    ("NET_ADMIN", "reconfiguring interfaces, routes and firewall rules"),
    ("DAC_READ_SEARCH", "opening any file by handle, past read permissions (the \"shocker\" escape)"),
    ("BPF", "loading BPF programs into the host's kernel"),
    ("PERFMON", "perf monitoring of the host's kernel"),
    ("SYSLOG", "reading the host's kernel log and kernel addresses"),
    ("MAC_ADMIN", "changing the host's AppArmor or SELinux policy"),
    ("MAC_OVERRIDE", "overriding the host's AppArmor or SELinux policy"),
];

impl Rule for DangerousCapabilityAdded {
    fn code(&self) -> &'static str {
        "DC103"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for service in services(file) {
            for setting in own_lists(service, "cap_add") {
                for item in setting.value.items() {
                    // An interpolated capability is decided at `docker compose up`.
                    let Some(Value::Literal(written, span)) = Value::of(item) else { continue };
                    let name = capability(&written);
                    let Some((_, gives)) = DANGEROUS.iter().find(|(cap, _)| *cap == name) else { continue };
                    let d = cx
                        .diag(
                            span,
                            format!(
                                "service `{}` adds the `{name}` capability (`cap_add: {written}`): {gives}",
                                service.name
                            ),
                        )
                        .with_help(
                            "remove it from `cap_add:` unless the service cannot work without it, and start from \
                         `cap_drop: [ALL]`",
                        );
                    cx.emit(note_merge(d, &setting, service));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{compose_spans, lint_as};

    fn spans(src: &str) -> Vec<String> {
        compose_spans("DC103", src)
    }

    #[test]
    fn points_at_each_dangerous_item_in_any_spelling() {
        let src = "services:\n  vpn:\n    cap_add:\n      - NET_ADMIN\n      - cap_sys_module\n      - \"CAP_BPF\"\n  \
                   all:\n    cap_add: [all]\n";
        assert_eq!(spans(src), ["NET_ADMIN", "cap_sys_module", "\"CAP_BPF\"", "all"]);
        let d = lint_as("DC103", "compose.yaml", src, Options::default());
        assert!(d[1].message.starts_with("service `vpn` adds the `SYS_MODULE` capability (`cap_add: cap_sys_module`)"));
    }

    #[test]
    fn defaults_bounded_ones_interpolated_and_extensions_are_not_reported() {
        let src = "x-caps:\n  cap_add: [SYS_ADMIN]\nservices:\n  x-tpl:\n    cap_add: [SYS_ADMIN]\n  web:\n    \
                   cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE, CHOWN, NET_RAW, SETUID, SYS_NICE, IPC_LOCK, \"${EXTRA_CAP}\"]\n  \
                   db:\n    cap_drop: [SYS_ADMIN]\n";
        assert!(spans(src).is_empty());
    }
}
