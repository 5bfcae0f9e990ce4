//! kubelet rules (CIS Kubernetes Benchmark v1.9/v1.10 section 4.2), over a kubelet's flags and
//! over `KubeletConfiguration` objects alike. The two sources have different defaults: flags keep
//! the legacy ones (`--anonymous-auth=true`, `--authorization-mode=AlwaysAllow`,
//! `--read-only-port=10255`; `applyLegacyDefaults` in cmd/kubelet/app/options/options.go), an
//! absent `kubelet.config.k8s.io/v1beta1` field the secure ones (`SetDefaults_KubeletConfiguration`
//! in pkg/kubelet/apis/config/v1beta1/defaults.go). A flag a kubelet with `--config` leaves out
//! comes from that file, so it is unknown.

use super::check::{Check, CisRule, Finding, required, unset};
use super::command_line::Component;
use super::target::{Key, Lookup, Target, duration_is_zero};
use super::versions::Versions;
use crate::model::kubernetes::KubeVersion;

const KUBELET: &[Component] = &[Component::Kubelet];

const READ_ONLY_PORT: Key = Key::kubelet("read-only-port", &["readOnlyPort"]);
const STREAMING_IDLE_TIMEOUT: Key =
    Key::kubelet("streaming-connection-idle-timeout", &["streamingConnectionIdleTimeout"]);
const SERVER_TLS_BOOTSTRAP: Key = Key::kubelet("rotate-server-certificates", &["serverTLSBootstrap"]);
const POD_PIDS: Key = Key::kubelet("pod-max-pids", &["podPidsLimit"]);

/// Unset: 10255 for a flag, 0 (off) for a config field.
fn read_only_port(t: &Target<'_>, _: KubeVersion) -> Option<Finding> {
    match t.lookup(READ_ONLY_PORT) {
        Lookup::Set(s) => (s.int()? != 0).then(|| Finding { at: s.span, problem: format!("sets `{}`", s.shown) }),
        Lookup::Unset => (!t.is_config()).then(|| unset(t, READ_ONLY_PORT, 10255)),
        Lookup::Unknown => None,
    }
}

/// A zero flag means no timeout; a zero config field is defaulted to 4h like an absent one.
fn streaming_idle_timeout(t: &Target<'_>, _: KubeVersion) -> Option<Finding> {
    let Lookup::Set(s) = t.lookup(STREAMING_IDLE_TIMEOUT) else { return None };
    if t.is_config() {
        return None;
    }
    duration_is_zero(s.text()?)?.then(|| Finding { at: s.span, problem: format!("sets `{}`", s.shown) })
}

/// A serving certificate and key, unless the kubelet requests one from the cluster.
fn tls_cert(t: &Target<'_>, _: KubeVersion) -> Option<Finding> {
    match t.lookup(SERVER_TLS_BOOTSTRAP) {
        Lookup::Set(s) if s.bool() != Some(false) => return None,
        Lookup::Unknown => return None,
        _ => {}
    }
    required(
        t,
        &[
            Key::kubelet("tls-cert-file", &["tlsCertFile"]),
            Key::kubelet("tls-private-key-file", &["tlsPrivateKeyFile"]),
        ],
    )
}

/// Unset or negative: no per-pod limit (only the node's).
fn pod_pids(t: &Target<'_>, _: KubeVersion) -> Option<Finding> {
    match t.lookup(POD_PIDS) {
        Lookup::Set(s) => (s.int()? < 0).then(|| Finding { at: s.span, problem: format!("sets `{}`", s.shown) }),
        Lookup::Unset => Some(unset(t, POD_PIDS, -1)),
        Lookup::Unknown => None,
    }
}

pub static K8S965: CisRule = CisRule {
    code: "K8S965",
    components: KUBELET,
    versions: Versions::ALL,
    check: Check::Bool {
        key: Key::kubelet("anonymous-auth", &["authentication", "anonymous", "enabled"]),
        want: false,
        flag_default: true,
        config_default: false,
    },
    risk: "requests without credentials reach the kubelet API as `system:anonymous`",
    help: "set `authentication.anonymous.enabled: false` (flag `--anonymous-auth=false`)",
};

pub static K8S966: CisRule = CisRule {
    code: "K8S966",
    components: KUBELET,
    versions: Versions::ALL,
    check: Check::Contains {
        key: Key::kubelet("authorization-mode", &["authorization", "mode"]),
        item: "AlwaysAllow",
        want: false,
        flag_default: "AlwaysAllow",
        config_default: "Webhook",
    },
    risk: "every request that reaches the kubelet API may exec into pods and read their logs",
    help: "set `authorization.mode: Webhook` (flag `--authorization-mode=Webhook`)",
};

pub static K8S967: CisRule = CisRule {
    code: "K8S967",
    components: KUBELET,
    versions: Versions::ALL,
    check: Check::Required(&[Key::kubelet("client-ca-file", &["authentication", "x509", "clientCAFile"])]),
    risk: "the kubelet cannot authenticate the API server's client certificate",
    help: "set `authentication.x509.clientCAFile` (flag `--client-ca-file`) to the cluster CA",
};

pub static K8S968: CisRule = CisRule {
    code: "K8S968",
    components: KUBELET,
    versions: Versions::ALL,
    check: Check::Custom(read_only_port),
    risk: "the read-only port serves pod and node data with no authentication",
    help: "set `readOnlyPort: 0` (flag `--read-only-port=0`)",
};

pub static K8S969: CisRule = CisRule {
    code: "K8S969",
    components: KUBELET,
    versions: Versions::ALL,
    check: Check::Custom(streaming_idle_timeout),
    risk: "idle `exec`, `attach` and `port-forward` streams are never closed",
    help: "remove the flag or set a timeout such as `--streaming-connection-idle-timeout=5m`",
};

pub static K8S970: CisRule = CisRule {
    code: "K8S970",
    components: KUBELET,
    versions: Versions::ALL,
    check: Check::Bool {
        key: Key::kubelet("protect-kernel-defaults", &["protectKernelDefaults"]),
        want: true,
        flag_default: false,
        config_default: false,
    },
    risk: "the kubelet silently changes kernel sysctls to the values it wants instead of failing",
    help: "set `protectKernelDefaults: true` after setting the kernel parameters the kubelet expects",
};

pub static K8S971: CisRule = CisRule {
    code: "K8S971",
    components: KUBELET,
    versions: Versions::ALL,
    check: Check::Bool {
        key: Key::kubelet("make-iptables-util-chains", &["makeIPTablesUtilChains"]),
        want: true,
        flag_default: true,
        config_default: true,
    },
    risk: "the kubelet does not keep its iptables chains, so pod traffic rules can drift",
    help: "remove the setting (the default is `true`)",
};

pub static K8S972: CisRule = CisRule {
    code: "K8S972",
    components: KUBELET,
    versions: Versions::ALL,
    check: Check::Forbidden(Key::flag("hostname-override")),
    risk: "the node name no longer matches the host name, which breaks TLS between the API server and the kubelet",
    help: "remove `--hostname-override`",
};

pub static K8S974: CisRule = CisRule {
    code: "K8S974",
    components: KUBELET,
    versions: Versions::ALL,
    check: Check::Custom(tls_cert),
    risk: "the kubelet serves a self-signed certificate that the API server cannot verify",
    help: "set `serverTLSBootstrap: true` (and approve the kubelet CSRs), or set `tlsCertFile` and `tlsPrivateKeyFile`",
};

pub static K8S975: CisRule = CisRule {
    code: "K8S975",
    components: KUBELET,
    versions: Versions::ALL,
    check: Check::Bool {
        key: Key::kubelet("rotate-certificates", &["rotateCertificates"]),
        want: true,
        flag_default: false,
        config_default: false,
    },
    risk: "the kubelet's client certificate is not renewed and the node drops out of the cluster when it expires",
    help: "set `rotateCertificates: true` (flag `--rotate-certificates`)",
};

pub static K8S976: CisRule = CisRule {
    code: "K8S976",
    components: KUBELET,
    versions: Versions::ALL,
    check: Check::StrongCiphers(Key::kubelet_list("tls-cipher-suites", &["tlsCipherSuites"])),
    risk: "clients may negotiate TLS without forward secrecy or with CBC-mode ciphers",
    help: "list only ECDHE suites with AES-GCM or ChaCha20-Poly1305 in `tlsCipherSuites`",
};

pub static K8S977: CisRule = CisRule {
    code: "K8S977",
    components: KUBELET,
    versions: Versions::ALL,
    check: Check::Custom(pod_pids),
    risk: "one pod can exhaust the node's process IDs (a fork bomb takes the node down)",
    help: "set `podPidsLimit` (flag `--pod-max-pids`) to a limit such as 4096",
};
