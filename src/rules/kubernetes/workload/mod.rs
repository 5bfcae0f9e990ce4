//! Workload hardening beyond the Pod Security Standards: identity, service accounts, images,
//! host mounts, ports and secrets in env.

use crate::rules::Rule;

pub mod default_service_account;
pub mod default_service_account_automount;
pub mod deprecated_service_account_field;
mod flags;
pub mod git_sync_custom_git;
mod host_mounts;
pub mod image_not_pinned_by_digest;
pub mod image_pull_policy_not_always;
mod images;
pub mod kubernetes_dashboard_deployed;
pub mod latest_image_tag;
pub mod low_group_id;
pub mod low_user_id;
pub mod net_raw_not_dropped;
mod ports;
pub mod privileged_container_port;
pub mod runtime_socket_mount;
pub mod secret_as_env_var;
pub mod secret_in_env_value;
mod security_context;
pub mod sensitive_host_mount;
mod service_account;
pub mod service_account_token_automount;
pub mod ssh_port;
mod tiller;
pub mod tiller_deployed;
pub mod tiller_listener_exposed;
pub mod tiller_service;
mod user_ids;
pub mod writable_host_mount;
pub mod writable_root_filesystem;

pub static RULES: &[&dyn Rule] = &[
    &writable_root_filesystem::WritableRootFilesystem,
    &net_raw_not_dropped::NetRawNotDropped,
    &low_user_id::LowUserId,
    &low_group_id::LowGroupId,
    &service_account_token_automount::ServiceAccountTokenAutomount,
    &default_service_account::DefaultServiceAccount,
    &deprecated_service_account_field::DeprecatedServiceAccountField,
    &default_service_account_automount::DefaultServiceAccountAutomount,
    &runtime_socket_mount::RuntimeSocketMount,
    &sensitive_host_mount::SensitiveHostMount,
    &writable_host_mount::WritableHostMount,
    &privileged_container_port::PrivilegedContainerPort,
    &ssh_port::SshPort,
    &secret_in_env_value::SecretInEnvValue,
    &secret_as_env_var::SecretAsEnvVar,
    &latest_image_tag::LatestImageTag,
    &image_not_pinned_by_digest::ImageNotPinnedByDigest,
    &image_pull_policy_not_always::ImagePullPolicyNotAlways,
    &tiller_deployed::TillerDeployed,
    &tiller_listener_exposed::TillerListenerExposed,
    &tiller_service::TillerService,
    &kubernetes_dashboard_deployed::KubernetesDashboardDeployed,
    &git_sync_custom_git::GitSyncCustomGit,
];
