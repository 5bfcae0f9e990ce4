//! What changed between Kubernetes versions, in one table: flags and admission plugins that no
//! longer exist (setting them stops the component from starting), and the admission plugins on by
//! default. A rule about a setting only runs for the versions where the setting exists.

use super::command_line::Component;
use crate::model::kubernetes::KubeVersion;

/// The minor versions (`v1.<minor>`) a rule applies to: `from..before`.
#[derive(Clone, Copy)]
pub struct Versions {
    pub from: u32,
    pub before: u32,
}

impl Versions {
    pub const ALL: Versions = Versions { from: 0, before: u32::MAX };

    pub const fn before(minor: u32) -> Versions {
        Versions { from: 0, before: minor }
    }

    pub const fn from(minor: u32) -> Versions {
        Versions { from: minor, before: u32::MAX }
    }

    pub fn contains(self, v: KubeVersion) -> bool {
        self.from <= v.minor && v.minor < self.before
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Removed {
    Flag(&'static str),
    /// A value of `--enable-admission-plugins`.
    AdmissionPlugin(&'static str),
}

pub struct Removal {
    pub component: Component,
    pub what: Removed,
    /// The first minor version without it.
    pub removed_in: u32,
    /// What to use instead.
    pub instead: &'static str,
}

const fn flag(component: Component, name: &'static str, removed_in: u32, instead: &'static str) -> Removal {
    Removal { component, what: Removed::Flag(name), removed_in, instead }
}

/// Removals, each checked against the Kubernetes changelog or the removing pull request:
/// - `--repair-malformed-updates`: kubernetes/kubernetes#73663, v1.14.
/// - `--basic-auth-file`: #89069, v1.19 (deprecated v1.16).
/// - `--kubelet-https`: #101178, v1.22 (deprecated v1.19, #91630).
/// - kube-apiserver `--insecure-port`, `--insecure-bind-address`, `--port`, `--address`: inert since
///   v1.20 (#95856), removed in v1.24 (CHANGELOG-1.20 "will be removed in v1.24"; 1.24 notes).
/// - kube-controller-manager and kube-scheduler `--port`, `--address`: inert since v1.20
///   (#96216, #96345), removed in v1.24 (kubeadm#2716 shows `unknown flag: --address` on v1.24.2).
/// - kube-scheduler `--scheduler-name`, `--hard-pod-affinity-symmetric-weight`: #102805, v1.22.
/// - `PodSecurityPolicy` admission plugin: #109798, v1.25 (deprecated v1.21).
/// - `SecurityContextDeny` admission plugin: #122612, v1.30 (deprecated v1.27).
pub static REMOVALS: &[Removal] = &[
    flag(Component::ApiServer, "repair-malformed-updates", 14, "nothing: the behaviour is gone"),
    flag(Component::ApiServer, "basic-auth-file", 19, "client certificates, OIDC or webhook token authentication"),
    flag(Component::ApiServer, "kubelet-https", 22, "nothing: kubelet connections always use HTTPS"),
    flag(Component::ApiServer, "insecure-port", 24, "nothing: the insecure port is gone; use `--secure-port`"),
    flag(Component::ApiServer, "insecure-bind-address", 24, "`--bind-address` for the secure port"),
    flag(Component::ApiServer, "port", 24, "`--secure-port`"),
    flag(Component::ApiServer, "address", 24, "`--bind-address`"),
    flag(Component::ControllerManager, "port", 24, "`--secure-port`"),
    flag(Component::ControllerManager, "address", 24, "`--bind-address`"),
    flag(Component::Scheduler, "port", 24, "`--secure-port`"),
    flag(Component::Scheduler, "address", 24, "`--bind-address`"),
    flag(Component::Scheduler, "scheduler-name", 22, "`profiles[].schedulerName` in the `--config` file"),
    flag(
        Component::Scheduler,
        "hard-pod-affinity-symmetric-weight",
        22,
        "the `InterPodAffinity` plugin args in `--config`",
    ),
    Removal {
        component: Component::ApiServer,
        what: Removed::AdmissionPlugin("PodSecurityPolicy"),
        removed_in: 25,
        instead: "the built-in `PodSecurity` admission (on by default)",
    },
    Removal {
        component: Component::ApiServer,
        what: Removed::AdmissionPlugin("SecurityContextDeny"),
        removed_in: 30,
        instead: "the built-in `PodSecurity` admission (on by default)",
    },
];

/// Whether admission plugin `name` is on by default in `v` (only the plugins a rule asks about):
/// `NamespaceLifecycle` and `ServiceAccount` always, `PodSecurity` from v1.23 (beta, on by
/// default; GA in v1.25).
pub fn plugin_on_by_default(name: &str, v: KubeVersion) -> bool {
    match name {
        "NamespaceLifecycle" | "ServiceAccount" => true,
        "PodSecurity" => v.minor >= 23,
        _ => false,
    }
}
