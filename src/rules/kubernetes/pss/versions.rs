//! The values of the Pod Security Standards that change between policy versions, in one place.
//!
//! Read from the upstream pod-security-admission checks (`policy/check_*.go`): each table lists a
//! set as it grew, by the policy minor version that added entries.

use crate::model::kubernetes::KubeVersion;

/// From v1.19 the seccomp controls read `securityContext.seccompProfile`; before, the alpha
/// annotations.
pub const SECCOMP_FIELDS: u32 = 19;

/// From v1.25 pods with `spec.os.name: windows` are exempt from the Linux-only restricted controls
/// (allowPrivilegeEscalation, seccomp, capabilities).
pub const WINDOWS_EXEMPTION: u32 = 25;

/// From v1.35 pods with `hostUsers: false` (their own user namespace) are exempt from
/// runAsNonRoot and runAsUser, and from the baseline procMount control.
pub const USER_NAMESPACE_RELAXATION: u32 = 35;

/// Sysctls the baseline level allows (`spec.securityContext.sysctls[*].name`).
const SAFE_SYSCTLS: &[(u32, &[&str])] = &[
    (
        0,
        &[
            "kernel.shm_rmid_forced",
            "net.ipv4.ip_local_port_range",
            "net.ipv4.tcp_syncookies",
            "net.ipv4.ping_group_range",
            "net.ipv4.ip_unprivileged_port_start",
        ],
    ),
    (27, &["net.ipv4.ip_local_reserved_ports"]),
    (
        29,
        &[
            "net.ipv4.tcp_keepalive_time",
            "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes",
        ],
    ),
    (32, &["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"]),
    (37, &["net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"]),
];

/// `seLinuxOptions.type` values the baseline level allows (the empty string is "not set").
const SELINUX_TYPES: &[(u32, &[&str])] =
    &[(0, &["", "container_t", "container_init_t", "container_kvm_t"]), (31, &["container_engine_t"])];

/// Capabilities a baseline container may add: the container runtime's default set.
pub const BASELINE_CAPABILITIES: &[&str] = &[
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// The one capability a restricted container may add.
pub const RESTRICTED_ADDABLE_CAPABILITY: &str = "NET_BIND_SERVICE";

/// Volume sources the restricted level allows; a volume with any of them passes. `image` was
/// patched into the v1.0 check upstream, so it is allowed at every version.
pub const RESTRICTED_VOLUME_SOURCES: &[&str] = &[
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "image",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

/// The other volume sources of the core API: a volume with one of these (and none of the allowed
/// ones) fails the restricted level.
pub const OTHER_VOLUME_SOURCES: &[&str] = &[
    "hostPath",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "nfs",
    "iscsi",
    "glusterfs",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "fc",
    "azureFile",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "scaleIO",
    "storageos",
];

fn in_table(table: &[(u32, &[&str])], version: KubeVersion, value: &str) -> bool {
    table.iter().filter(|(since, _)| version.minor >= *since).any(|(_, values)| values.contains(&value))
}

/// Whether sysctl `name` is in the safe set of `version`.
pub fn safe_sysctl(version: KubeVersion, name: &str) -> bool {
    in_table(SAFE_SYSCTLS, version, name)
}

/// Whether SELinux type `t` is allowed at `version`.
pub fn allowed_selinux_type(version: KubeVersion, t: &str) -> bool {
    in_table(SELINUX_TYPES, version, t)
}

/// The `seccompProfile.type` / `appArmorProfile.type` values both levels accept.
pub fn allowed_profile_type(t: &str) -> bool {
    matches!(t, "RuntimeDefault" | "Localhost")
}

/// Values of the pre-v1.19 seccomp annotations the baseline level accepts.
pub fn allowed_seccomp_annotation(v: &str) -> bool {
    v == "runtime/default" || v == "docker/default" || v.starts_with("localhost/")
}

/// Values of the AppArmor annotations the baseline level accepts (every version).
pub fn allowed_apparmor_annotation(v: &str) -> bool {
    v.is_empty() || v == "runtime/default" || v.starts_with("localhost/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_grow_by_version() {
        let v = KubeVersion::v1;
        assert!(!safe_sysctl(v(26), "net.ipv4.ip_local_reserved_ports"));
        assert!(safe_sysctl(v(27), "net.ipv4.ip_local_reserved_ports"));
        assert!(!safe_sysctl(v(36), "net.ipv4.tcp_notsent_lowat"));
        assert!(safe_sysctl(v(37), "net.ipv4.tcp_notsent_lowat"));
        assert!(safe_sysctl(v(0), "kernel.shm_rmid_forced"));
        assert!(!allowed_selinux_type(v(30), "container_engine_t"));
        assert!(allowed_selinux_type(v(31), "container_engine_t"));
        assert!(allowed_selinux_type(v(0), ""));
    }
}
