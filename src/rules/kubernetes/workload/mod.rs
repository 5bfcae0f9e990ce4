//! Workload hardening beyond the Pod Security Standards: identity, service accounts, images,
//! host mounts, ports and secrets in env.

use crate::rules::Rule;

mod flags;
pub mod git_sync_custom_git;
pub mod image_not_pinned_by_digest;
pub mod image_pull_policy_not_always;
mod images;
pub mod kubernetes_dashboard_deployed;
pub mod latest_image_tag;
pub mod secret_as_env_var;
pub mod secret_in_env_value;
mod secret_names;
mod tiller;
pub mod tiller_deployed;
pub mod tiller_listener_exposed;
pub mod tiller_service;

pub static RULES: &[&dyn Rule] = &[
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
