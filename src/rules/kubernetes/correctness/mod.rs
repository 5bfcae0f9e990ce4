//! Correctness and availability: resources, probes, selectors, duplicate env names, API
//! versions, namespaces.

use crate::model::kubernetes::Object;
use crate::rules::Rule;
use crate::syntax::yaml::NodeRef;

mod api_versions;
mod probe_ports;
mod probes;
mod resources;

pub mod default_namespace;
pub mod deprecated_api_version;
pub mod duplicate_env_var;
pub mod invalid_pod_security_label;
pub mod mismatching_selector;
pub mod missing_cpu_limit;
pub mod missing_cpu_request;
pub mod missing_ephemeral_storage_limit;
pub mod missing_liveness_probe;
pub mod missing_memory_limit;
pub mod missing_memory_request;
pub mod missing_readiness_probe;
pub mod namespace_pod_security_privileged;
pub mod namespace_without_pod_security;
pub mod probe_port_name_undefined;
pub mod probe_port_undeclared;
pub mod removed_api_version;

pub static RULES: &[&dyn Rule] = &[
    &namespace_without_pod_security::NamespaceWithoutPodSecurity,
    &namespace_pod_security_privileged::NamespacePodSecurityPrivileged,
    &invalid_pod_security_label::InvalidPodSecurityLabel,
    &missing_cpu_request::MissingCpuRequest,
    &missing_cpu_limit::MissingCpuLimit,
    &missing_memory_request::MissingMemoryRequest,
    &missing_memory_limit::MissingMemoryLimit,
    &missing_ephemeral_storage_limit::MissingEphemeralStorageLimit,
    &missing_liveness_probe::MissingLivenessProbe,
    &missing_readiness_probe::MissingReadinessProbe,
    &probe_port_name_undefined::ProbePortNameUndefined,
    &probe_port_undeclared::ProbePortUndeclared,
    &duplicate_env_var::DuplicateEnvVar,
    &mismatching_selector::MismatchingSelector,
    &removed_api_version::RemovedApiVersion,
    &deprecated_api_version::DeprecatedApiVersion,
    &default_namespace::DefaultNamespace,
];

/// The prefix of the Pod Security Admission namespace labels.
const POD_SECURITY: &str = "pod-security.kubernetes.io/";

/// A Namespace's Pod Security Admission labels, `(suffix after the prefix, key, value)`;
/// `None` for other objects, or when the labels cannot be read (templated).
fn pod_security_labels<'a>(object: &Object<'a>) -> Option<Vec<(&'a str, NodeRef<'a>, NodeRef<'a>)>> {
    if object.kind != "Namespace" || object.api_version != "v1" {
        return None;
    }
    let labels = object.metadata.and_then(|m| m.get("labels")).filter(|l| !l.is_null());
    if labels.is_some_and(|l| !l.is_mapping()) {
        return None;
    }
    let entries = labels.into_iter().flat_map(|l| l.entries());
    Some(entries.filter_map(|(k, v)| Some((k.str()?.strip_prefix(POD_SECURITY)?, k, v))).collect())
}
