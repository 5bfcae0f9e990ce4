//! kube-controller-manager and kube-scheduler rules (CIS Kubernetes Benchmark v1.9/v1.10 sections
//! 1.3 and 1.4), and the kubelet serving-certificate rotation gate both the controller manager and
//! the kubelet read (1.3.6, 4.2.11). One table row per CIS item.

use super::check::{Check, CisRule, Finding, unset};
use super::command_line::Component;
use super::target::{Key, Lookup, Target};
use super::versions::Versions;
use crate::model::kubernetes::KubeVersion;

const KCM: &[Component] = &[Component::ControllerManager];
const SCHEDULER: &[Component] = &[Component::Scheduler];

const GC_THRESHOLD: Key = Key::flag("terminated-pod-gc-threshold");
const FEATURE_GATES: Key = Key::kubelet("feature-gates", &["featureGates", "RotateKubeletServerCertificate"]);

/// Unset keeps 12500 terminated pods; 0 or less turns the collector off.
fn gc_threshold(t: &Target<'_>, _: KubeVersion) -> Option<Finding> {
    match t.lookup(GC_THRESHOLD) {
        Lookup::Set(s) => (s.int()? <= 0).then(|| Finding { at: s.span, problem: format!("sets `{}`", s.shown) }),
        Lookup::Unset => Some(unset(t, GC_THRESHOLD, 12500)),
        Lookup::Unknown => None,
    }
}

/// `RotateKubeletServerCertificate=false` in `--feature-gates` (entries accumulate, the last one
/// wins) or in a KubeletConfiguration's `featureGates`. The gate is on by default (beta since
/// v1.12).
fn server_cert_rotation(t: &Target<'_>, _: KubeVersion) -> Option<Finding> {
    const GATE: &str = "RotateKubeletServerCertificate";
    if let Some(line) = t.flags() {
        let mut last = None;
        for f in line.all(FEATURE_GATES.flag) {
            for entry in f.known()?.split(',') {
                if let Some((name, value)) = entry.split_once('=')
                    && name.trim() == GATE
                {
                    last = Some((value.trim().eq_ignore_ascii_case("false"), f));
                }
            }
        }
        let (off, f) = last?;
        return off.then(|| Finding { at: f.span, problem: format!("sets `{}`, which turns off `{GATE}`", f.shown) });
    }
    let Lookup::Set(s) = t.lookup(FEATURE_GATES) else { return None };
    (!s.bool()?).then(|| Finding { at: s.span, problem: format!("sets `{}`", s.shown) })
}

pub static K8S940: CisRule = CisRule {
    code: "K8S940",
    components: KCM,
    versions: Versions::ALL,
    check: Check::Custom(gc_threshold),
    risk: "terminated pods pile up in etcd before they are garbage-collected",
    help: "set `--terminated-pod-gc-threshold` to a number of terminated pods your cluster can keep (for example 1000)",
};

pub static K8S941: CisRule = CisRule {
    code: "K8S941",
    components: KCM,
    versions: Versions::ALL,
    check: Check::Bool { key: Key::flag("profiling"), want: false, flag_default: true, config_default: true },
    risk: "`/debug/pprof` exposes program internals",
    help: "add `--profiling=false`",
};

pub static K8S942: CisRule = CisRule {
    code: "K8S942",
    components: KCM,
    versions: Versions::ALL,
    check: Check::Bool {
        key: Key::flag("use-service-account-credentials"),
        want: true,
        flag_default: false,
        config_default: false,
    },
    risk: "every controller acts with the controller manager's own, broad credentials",
    help: "add `--use-service-account-credentials=true` so each controller uses its own service account",
};

pub static K8S943: CisRule = CisRule {
    code: "K8S943",
    components: KCM,
    versions: Versions::ALL,
    check: Check::Required(&[Key::flag("service-account-private-key-file")]),
    risk: "the token controller cannot sign service account tokens with a dedicated, rotatable key",
    help: "set `--service-account-private-key-file` to the private key matching the API server's `--service-account-key-file`",
};

pub static K8S944: CisRule = CisRule {
    code: "K8S944",
    components: KCM,
    versions: Versions::ALL,
    check: Check::Required(&[Key::flag("root-ca-file")]),
    risk: "service account token secrets carry no CA bundle, so pods cannot verify the API server's certificate",
    help: "set `--root-ca-file` to the cluster CA certificate",
};

pub static K8S945: CisRule = CisRule {
    code: "K8S945",
    components: &[Component::ControllerManager, Component::Kubelet],
    versions: Versions::ALL,
    check: Check::Custom(server_cert_rotation),
    risk: "kubelet serving certificates are not requested and rotated through the certificates API",
    help: "remove `RotateKubeletServerCertificate=false` (the gate is on by default)",
};

pub static K8S946: CisRule = CisRule {
    code: "K8S946",
    components: KCM,
    versions: Versions::ALL,
    check: Check::Loopback(Key::flag("bind-address")),
    risk: "its health and metrics endpoints listen on the network, not only on localhost",
    help: "set `--bind-address=127.0.0.1`",
};

pub static K8S950: CisRule = CisRule {
    code: "K8S950",
    components: SCHEDULER,
    versions: Versions::ALL,
    check: Check::Bool { key: Key::flag("profiling"), want: false, flag_default: true, config_default: true },
    risk: "`/debug/pprof` exposes program internals",
    help: "add `--profiling=false` (with `--config`, set `enableProfiling: false` in that file instead)",
};

pub static K8S951: CisRule = CisRule {
    code: "K8S951",
    components: SCHEDULER,
    versions: Versions::ALL,
    check: Check::Loopback(Key::flag("bind-address")),
    risk: "its health and metrics endpoints listen on the network, not only on localhost",
    help: "set `--bind-address=127.0.0.1`",
};
