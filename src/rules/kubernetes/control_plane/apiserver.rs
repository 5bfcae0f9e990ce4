//! kube-apiserver rules (CIS Kubernetes Benchmark v1.9/v1.10 section 1.2; items the benchmark
//! dropped with the flag carry their CIS v1.6 number). One table row per CIS item; each row is a
//! rule with its own code and catalog entry.

use super::check::{Check, CisRule, Finding, Plugin, bool_setting, contains, is_set, plugin, unset};
use super::command_line::Component;
use super::target::{Key, Lookup, Target};
use super::versions::Versions;
use crate::model::kubernetes::KubeVersion;

const API: &[Component] = &[Component::ApiServer];

const ANONYMOUS_AUTH: Key = Key::flag("anonymous-auth");
const AUTHENTICATION_CONFIG: Key = Key::flag("authentication-config");
const AUTHORIZATION_MODE: Key = Key::list("authorization-mode");
const AUTHORIZATION_CONFIG: Key = Key::flag("authorization-config");
const AUDIT_LOG_PATH: Key = Key::flag("audit-log-path");
const INSECURE_PORT: Key = Key::flag("insecure-port");
const SECURE_PORT: Key = Key::flag("secure-port");

/// `--anonymous-auth` defaults to true; with `--authentication-config` (v1.30+) the file may
/// configure anonymous access instead, so an unset flag is unknown.
fn anonymous_auth(t: &Target<'_>, _: KubeVersion) -> Option<Finding> {
    if !matches!(t.lookup(ANONYMOUS_AUTH), Lookup::Set(_)) && is_set(t, AUTHENTICATION_CONFIG) != Some(false) {
        return None;
    }
    bool_setting(t, ANONYMOUS_AUTH, false, true)
}

/// `--authorization-mode` (default `AlwaysAllow`) must (not) name `mode`; with
/// `--authorization-config` the modes live in that file.
fn authorization(t: &Target<'_>, mode: &str, want: bool) -> Option<Finding> {
    if is_set(t, AUTHORIZATION_CONFIG) != Some(false) {
        return None;
    }
    contains(t, AUTHORIZATION_MODE, mode, want, "AlwaysAllow")
}

/// An audit log file is written (`-` is standard output, where rotation does not apply).
fn audit_to_file(t: &Target<'_>) -> bool {
    matches!(t.lookup(AUDIT_LOG_PATH), Lookup::Set(s) if s.text().is_some_and(|p| !p.trim().is_empty() && p.trim() != "-"))
}

/// An explicit audit-log rotation limit below `min`. Unset or 0 is no limit (age, backups) or
/// lumberjack's 100 MB (size), so it is not reported.
fn audit_limit(t: &Target<'_>, flag: &'static str, min: i64) -> Option<Finding> {
    if !audit_to_file(t) {
        return None;
    }
    let Lookup::Set(s) = t.lookup(Key::flag(flag)) else { return None };
    (1..min).contains(&s.int()?).then(|| Finding { at: s.span, problem: format!("sets `{}`", s.shown) })
}

/// Before v1.20 the insecure port defaults to 8080; v1.20 to v1.23 accept only 0.
fn insecure_port(t: &Target<'_>, v: KubeVersion) -> Option<Finding> {
    match t.lookup(INSECURE_PORT) {
        Lookup::Set(s) => (s.int()? != 0).then(|| Finding { at: s.span, problem: format!("sets `{}`", s.shown) }),
        Lookup::Unset => (v.minor < 20).then(|| unset(t, INSECURE_PORT, 8080)),
        Lookup::Unknown => None,
    }
}

fn secure_port(t: &Target<'_>, _: KubeVersion) -> Option<Finding> {
    let Lookup::Set(s) = t.lookup(SECURE_PORT) else { return None };
    (s.int()? == 0).then(|| Finding { at: s.span, problem: format!("sets `{}`", s.shown) })
}

/// Some pod security admission runs: from v1.25 the built-in `PodSecurity` (on by default);
/// before, any of `PodSecurity`, `PodSecurityPolicy` or `SecurityContextDeny`.
fn pod_security_admission(t: &Target<'_>, v: KubeVersion) -> Option<Finding> {
    let candidates: &[&str] =
        if v.minor >= 25 { &["PodSecurity"] } else { &["PodSecurity", "PodSecurityPolicy", "SecurityContextDeny"] };
    let mut at = None;
    for name in candidates {
        match plugin(t, name, v) {
            Plugin::Enabled(_) | Plugin::OnByDefault | Plugin::Unknown => return None,
            Plugin::Disabled(span) => {
                at.get_or_insert(span);
            }
            Plugin::Off(span) => {
                if let Some(span) = span {
                    at.get_or_insert(span);
                }
            }
        }
    }
    let names: Vec<String> = candidates.iter().map(|n| format!("`{n}`")).collect();
    Some(Finding {
        at: at.unwrap_or(t.anchor),
        problem: format!("runs no pod security admission plugin ({})", names.join(", ")),
    })
}

pub static K8S901: CisRule = CisRule {
    code: "K8S901",
    components: API,
    versions: Versions::ALL,
    check: Check::Custom(anonymous_auth),
    risk: "requests without credentials are served as `system:anonymous`",
    help: "add `--anonymous-auth=false` (health checks then need credentials or an RBAC rule for `system:anonymous` on `/livez`, `/readyz`)",
};

pub static K8S902: CisRule = CisRule {
    code: "K8S902",
    components: API,
    versions: Versions::before(19),
    check: Check::Forbidden(Key::flag("basic-auth-file")),
    risk: "static passwords in a file authenticate users, with no rotation or lockout",
    help: "remove `--basic-auth-file` and authenticate users with client certificates, OIDC or webhook tokens",
};

pub static K8S903: CisRule = CisRule {
    code: "K8S903",
    components: API,
    versions: Versions::ALL,
    check: Check::Forbidden(Key::flag("token-auth-file")),
    risk: "static bearer tokens in a file authenticate users; they never expire and change only with a restart",
    help: "remove `--token-auth-file` and authenticate users with client certificates, OIDC or webhook tokens",
};

pub static K8S904: CisRule = CisRule {
    code: "K8S904",
    components: API,
    versions: Versions::from(21),
    check: Check::PluginOn("DenyServiceExternalIPs"),
    risk: "any user who may create a Service can set `externalIPs` and intercept traffic to those addresses (CVE-2020-8554)",
    help: "add `DenyServiceExternalIPs` to `--enable-admission-plugins`",
};

pub static K8S905: CisRule = CisRule {
    code: "K8S905",
    components: API,
    versions: Versions::ALL,
    check: Check::Required(&[Key::flag("kubelet-client-certificate"), Key::flag("kubelet-client-key")]),
    risk: "the API server cannot authenticate to kubelets, which must then serve its requests anonymously",
    help: "set `--kubelet-client-certificate` and `--kubelet-client-key` to a client certificate the kubelets trust",
};

pub static K8S906: CisRule = CisRule {
    code: "K8S906",
    components: API,
    versions: Versions::ALL,
    check: Check::Required(&[Key::flag("kubelet-certificate-authority")]),
    risk: "the API server does not verify kubelet serving certificates, so its connections to nodes can be intercepted",
    help: "set `--kubelet-certificate-authority` to the CA that signs kubelet serving certificates (with `serverTLSBootstrap: true` on the kubelets)",
};

pub static K8S907: CisRule = CisRule {
    code: "K8S907",
    components: API,
    versions: Versions::ALL,
    check: Check::Custom(|t, _| authorization(t, "AlwaysAllow", false)),
    risk: "every authenticated request is authorized",
    help: "set `--authorization-mode=Node,RBAC`",
};

pub static K8S908: CisRule = CisRule {
    code: "K8S908",
    components: API,
    versions: Versions::ALL,
    check: Check::Custom(|t, _| authorization(t, "Node", true)),
    risk: "kubelets are not limited to the objects of their own node",
    help: "set `--authorization-mode=Node,RBAC` (and enable the `NodeRestriction` admission plugin)",
};

pub static K8S909: CisRule = CisRule {
    code: "K8S909",
    components: API,
    versions: Versions::ALL,
    check: Check::Custom(|t, _| authorization(t, "RBAC", true)),
    risk: "Roles and RoleBindings are not enforced",
    help: "set `--authorization-mode=Node,RBAC`",
};

pub static K8S910: CisRule = CisRule {
    code: "K8S910",
    components: API,
    versions: Versions::ALL,
    check: Check::PluginOn("EventRateLimit"),
    risk: "a client can flood the API server and etcd with events",
    help: "add `EventRateLimit` to `--enable-admission-plugins` and configure its limits in the `--admission-control-config-file`",
};

pub static K8S911: CisRule = CisRule {
    code: "K8S911",
    components: API,
    versions: Versions::ALL,
    check: Check::PluginOff("AlwaysAdmit"),
    risk: "it admits every request, bypassing the other admission controllers",
    help: "remove `AlwaysAdmit` from `--enable-admission-plugins`",
};

pub static K8S912: CisRule = CisRule {
    code: "K8S912",
    components: API,
    versions: Versions::ALL,
    check: Check::PluginOn("AlwaysPullImages"),
    risk: "a pod can run any image already cached on its node, including private images pulled for another tenant",
    help: "add `AlwaysPullImages` to `--enable-admission-plugins` (every pod start then needs the registry)",
};

pub static K8S913: CisRule = CisRule {
    code: "K8S913",
    components: API,
    versions: Versions::ALL,
    check: Check::Custom(pod_security_admission),
    risk: "nothing built in stops privileged or host-namespace pods",
    help: "keep the `PodSecurity` admission plugin enabled (remove it from `--disable-admission-plugins`) and label namespaces with `pod-security.kubernetes.io/enforce`",
};

pub static K8S914: CisRule = CisRule {
    code: "K8S914",
    components: API,
    versions: Versions::ALL,
    check: Check::PluginOn("ServiceAccount"),
    risk: "pods are not given a service account and may reference service accounts that do not exist",
    help: "remove `ServiceAccount` from `--disable-admission-plugins`",
};

pub static K8S915: CisRule = CisRule {
    code: "K8S915",
    components: API,
    versions: Versions::ALL,
    check: Check::PluginOn("NamespaceLifecycle"),
    risk: "objects can be created in namespaces that do not exist or are being deleted",
    help: "remove `NamespaceLifecycle` from `--disable-admission-plugins`",
};

pub static K8S916: CisRule = CisRule {
    code: "K8S916",
    components: API,
    versions: Versions::before(25),
    check: Check::PluginOn("PodSecurityPolicy"),
    risk: "PodSecurityPolicy objects are not enforced",
    help: "add `PodSecurityPolicy` to `--enable-admission-plugins` after creating policies for every workload, or move to the `PodSecurity` admission",
};

pub static K8S917: CisRule = CisRule {
    code: "K8S917",
    components: API,
    versions: Versions::ALL,
    check: Check::PluginOn("NodeRestriction"),
    risk: "a kubelet may modify other nodes and pods not bound to it",
    help: "add `NodeRestriction` to `--enable-admission-plugins` (with `--authorization-mode=Node,RBAC`)",
};

pub static K8S918: CisRule = CisRule {
    code: "K8S918",
    components: API,
    versions: Versions::before(20),
    check: Check::Forbidden(Key::flag("insecure-bind-address")),
    risk: "the insecure port, which skips authentication and authorization, listens beyond localhost",
    help: "remove `--insecure-bind-address` and set `--insecure-port=0`",
};

pub static K8S919: CisRule = CisRule {
    code: "K8S919",
    components: API,
    versions: Versions::before(24),
    check: Check::Custom(insecure_port),
    risk: "the insecure port serves the API with no authentication or authorization (from v1.20 any value but 0 is rejected at startup)",
    help: "set `--insecure-port=0`",
};

pub static K8S920: CisRule = CisRule {
    code: "K8S920",
    components: API,
    versions: Versions::ALL,
    check: Check::Custom(secure_port),
    risk: "the API server serves no HTTPS (since v1.12 it refuses to start)",
    help: "remove `--secure-port` or set it to the port the API server serves TLS on (6443)",
};

pub static K8S921: CisRule = CisRule {
    code: "K8S921",
    components: API,
    versions: Versions::ALL,
    check: Check::Bool { key: Key::flag("profiling"), want: false, flag_default: true, config_default: true },
    risk: "`/debug/pprof` exposes program internals and can be used to load the API server",
    help: "add `--profiling=false`",
};

pub static K8S922: CisRule = CisRule {
    code: "K8S922",
    components: API,
    versions: Versions::ALL,
    check: Check::Required(&[AUDIT_LOG_PATH]),
    risk: "no audit log is written, so API access cannot be reviewed",
    help: "set `--audit-log-path=/var/log/kubernetes/audit/audit.log` and an `--audit-policy-file`, and mount the log directory",
};

pub static K8S923: CisRule = CisRule {
    code: "K8S923",
    components: API,
    versions: Versions::ALL,
    check: Check::Custom(|t, _| audit_limit(t, "audit-log-maxage", 30)),
    risk: "audit log files are deleted after fewer than 30 days",
    help: "set `--audit-log-maxage=30` or more (0 or unset keeps them indefinitely)",
};

pub static K8S924: CisRule = CisRule {
    code: "K8S924",
    components: API,
    versions: Versions::ALL,
    check: Check::Custom(|t, _| audit_limit(t, "audit-log-maxbackup", 10)),
    risk: "fewer than 10 rotated audit log files are kept",
    help: "set `--audit-log-maxbackup=10` or more (0 or unset keeps every file)",
};

pub static K8S925: CisRule = CisRule {
    code: "K8S925",
    components: API,
    versions: Versions::ALL,
    check: Check::Custom(|t, _| audit_limit(t, "audit-log-maxsize", 100)),
    risk: "the audit log rotates before 100 MB, so the kept files cover less history",
    help: "set `--audit-log-maxsize=100` or more (0 or unset rotates at 100 MB)",
};

pub static K8S927: CisRule = CisRule {
    code: "K8S927",
    components: API,
    versions: Versions::ALL,
    check: Check::Bool {
        key: Key::flag("service-account-lookup"),
        want: true,
        flag_default: true,
        config_default: true,
    },
    risk: "tokens of deleted service accounts stay valid until they expire",
    help: "remove `--service-account-lookup=false` (the default is `true`)",
};

pub static K8S928: CisRule = CisRule {
    code: "K8S928",
    components: API,
    versions: Versions::ALL,
    check: Check::Required(&[Key::flag("service-account-key-file")]),
    risk: "service account tokens are verified with the TLS serving key, which cannot be rotated separately",
    help: "set `--service-account-key-file` to the public key matching the controller manager's `--service-account-private-key-file`",
};

pub static K8S929: CisRule = CisRule {
    code: "K8S929",
    components: API,
    versions: Versions::ALL,
    check: Check::Required(&[Key::flag("etcd-certfile"), Key::flag("etcd-keyfile")]),
    risk: "the API server cannot authenticate to etcd with a client certificate",
    help: "set `--etcd-certfile` and `--etcd-keyfile` to a client certificate etcd trusts, and run etcd with `--client-cert-auth=true`",
};

pub static K8S930: CisRule = CisRule {
    code: "K8S930",
    components: API,
    versions: Versions::ALL,
    check: Check::Required(&[Key::flag("tls-cert-file"), Key::flag("tls-private-key-file")]),
    risk: "the API server serves a self-signed certificate that clients cannot verify",
    help: "set `--tls-cert-file` and `--tls-private-key-file` to a certificate signed by the cluster CA",
};

pub static K8S931: CisRule = CisRule {
    code: "K8S931",
    components: API,
    versions: Versions::ALL,
    check: Check::Required(&[Key::flag("client-ca-file")]),
    risk: "client certificate authentication is off, and kubelets and controllers cannot authenticate with certificates",
    help: "set `--client-ca-file` to the CA that signs client certificates",
};

pub static K8S932: CisRule = CisRule {
    code: "K8S932",
    components: API,
    versions: Versions::ALL,
    check: Check::Required(&[Key::flag("etcd-cafile")]),
    risk: "the API server does not verify etcd's certificate, so its storage traffic can be intercepted",
    help: "set `--etcd-cafile` to the CA that signs etcd's serving certificate",
};

pub static K8S933: CisRule = CisRule {
    code: "K8S933",
    components: API,
    versions: Versions::ALL,
    check: Check::Required(&[Key::flag("encryption-provider-config")]),
    risk: "Secrets are stored in etcd unencrypted",
    help: "set `--encryption-provider-config` to an EncryptionConfiguration whose first provider is `kms`, `secretbox` or `aesgcm`/`aescbc`",
};

pub static K8S935: CisRule = CisRule {
    code: "K8S935",
    components: API,
    versions: Versions::ALL,
    check: Check::StrongCiphers(Key::list("tls-cipher-suites")),
    risk: "clients may negotiate TLS without forward secrecy or with CBC-mode ciphers",
    help: "list only ECDHE suites with AES-GCM or ChaCha20-Poly1305 in `--tls-cipher-suites`",
};

pub static K8S936: CisRule = CisRule {
    code: "K8S936",
    components: API,
    versions: Versions::before(22),
    check: Check::Bool { key: Key::flag("kubelet-https"), want: true, flag_default: true, config_default: true },
    risk: "the API server talks to kubelets over plain HTTP",
    help: "remove `--kubelet-https=false`",
};
