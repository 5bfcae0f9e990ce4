//! etcd rules (CIS Kubernetes Benchmark v1.9/v1.10 section 2). Flags and their `ETCD_*`
//! variables count alike; with `--config-file` etcd ignores both, so nothing is known.

use super::check::{Check, CisRule, Finding, bool_setting, required};
use super::command_line::Component;
use super::target::{Key, Lookup, Target};
use super::versions::Versions;
use crate::model::kubernetes::KubeVersion;

const ETCD: &[Component] = &[Component::Etcd];

const PEER_CLIENT_CERT_AUTH: Key = Key::flag("peer-client-cert-auth");

/// Whether this member has peers: `--initial-cluster` lists more than one member, it joins an
/// existing cluster, or it uses discovery. `None` when that cannot be known. CIS: "applicable
/// only for etcd clusters".
fn has_peers(t: &Target<'_>) -> Option<bool> {
    let text = |flag: &'static str| match t.lookup(Key::flag(flag)) {
        Lookup::Set(s) => s.text().map(|v| Some(v.trim().to_string())),
        Lookup::Unset => Some(None),
        Lookup::Unknown => None,
    };
    let members = text("initial-cluster")?.map_or(1, |v| v.split(',').filter(|m| !m.trim().is_empty()).count());
    let joining = text("initial-cluster-state")?.is_some_and(|s| s == "existing");
    let discovery = text("discovery")?.is_some() || text("discovery-srv")?.is_some();
    Some(members > 1 || joining || discovery)
}

fn peer_files(t: &Target<'_>, _: KubeVersion) -> Option<Finding> {
    has_peers(t)?.then(|| required(t, &[Key::flag("peer-cert-file"), Key::flag("peer-key-file")])).flatten()
}

/// An explicit `false` always counts; the default (`false`) only when the member has peers.
fn peer_client_cert_auth(t: &Target<'_>, _: KubeVersion) -> Option<Finding> {
    if matches!(t.lookup(PEER_CLIENT_CERT_AUTH), Lookup::Unset) && !has_peers(t)? {
        return None;
    }
    bool_setting(t, PEER_CLIENT_CERT_AUTH, true, false)
}

pub static K8S955: CisRule = CisRule {
    code: "K8S955",
    components: ETCD,
    versions: Versions::ALL,
    check: Check::Required(&[Key::flag("cert-file"), Key::flag("key-file")]),
    risk: "etcd serves clients without TLS, so everything it stores (for the cluster's etcd, every Secret) crosses the network in clear text",
    help: "set `--cert-file` and `--key-file` to etcd's serving certificate, and use `https://` client URLs",
};

pub static K8S956: CisRule = CisRule {
    code: "K8S956",
    components: ETCD,
    versions: Versions::ALL,
    check: Check::Bool { key: Key::flag("client-cert-auth"), want: true, flag_default: false, config_default: false },
    risk: "any client that reaches etcd can read and write every key (for the cluster's etcd, every Secret) without a client certificate",
    help: "set `--client-cert-auth=true` and `--trusted-ca-file` to the CA of the API server's etcd client certificate",
};

pub static K8S957: CisRule = CisRule {
    code: "K8S957",
    components: ETCD,
    versions: Versions::ALL,
    check: Check::Bool { key: Key::flag("auto-tls"), want: false, flag_default: false, config_default: false },
    risk: "etcd serves clients a self-signed certificate that no one can verify",
    help: "remove `--auto-tls` and set `--cert-file` and `--key-file`",
};

pub static K8S958: CisRule = CisRule {
    code: "K8S958",
    components: ETCD,
    versions: Versions::ALL,
    check: Check::Custom(peer_files),
    risk: "members replicate the cluster state to each other without TLS",
    help: "set `--peer-cert-file` and `--peer-key-file`, and use `https://` peer URLs",
};

pub static K8S959: CisRule = CisRule {
    code: "K8S959",
    components: ETCD,
    versions: Versions::ALL,
    check: Check::Custom(peer_client_cert_auth),
    risk: "any host that reaches the peer port can join or talk to the cluster as a member",
    help: "set `--peer-client-cert-auth=true` and `--peer-trusted-ca-file`",
};

pub static K8S960: CisRule = CisRule {
    code: "K8S960",
    components: ETCD,
    versions: Versions::ALL,
    check: Check::Bool { key: Key::flag("peer-auto-tls"), want: false, flag_default: false, config_default: false },
    risk: "members present self-signed peer certificates that no one can verify",
    help: "remove `--peer-auto-tls` and set `--peer-cert-file` and `--peer-key-file`",
};
