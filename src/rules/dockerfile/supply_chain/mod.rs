//! Supply chain (DF3xx): base images, package pinning, downloads, TLS and signature bypass.

use crate::rules::Rule;

pub mod add_instead_of_copy;
pub mod add_url_without_checksum;
pub mod copy_secret_file;
pub mod curl_pipe_shell;
pub mod image_not_pinned_by_digest;
mod image_refs;
pub mod latest_image_tag;
pub mod packages;
mod sources;
pub mod unpinned_apk_package;
pub mod unpinned_apt_package;
pub mod unpinned_dnf_package;
pub mod unpinned_gem_package;
pub mod unpinned_go_install;
pub mod unpinned_npm_package;
pub mod unpinned_pip_package;
pub mod unpinned_yum_package;
pub mod unpinned_zypper_package;
pub mod untrusted_registry;

pub static RULES: &[&dyn Rule] = &[
    &latest_image_tag::LatestImageTag,
    &image_not_pinned_by_digest::ImageNotPinnedByDigest,
    &untrusted_registry::UntrustedRegistry,
    &add_url_without_checksum::AddUrlWithoutChecksum,
    &add_instead_of_copy::AddInsteadOfCopy,
    &copy_secret_file::CopySecretFile,
    &curl_pipe_shell::CurlPipeShell,
    &unpinned_apt_package::UnpinnedAptPackage,
    &unpinned_apk_package::UnpinnedApkPackage,
    &unpinned_pip_package::UnpinnedPipPackage,
    &unpinned_npm_package::UnpinnedNpmPackage,
    &unpinned_gem_package::UnpinnedGemPackage,
    &unpinned_go_install::UnpinnedGoInstall,
    &unpinned_yum_package::UnpinnedYumPackage,
    &unpinned_dnf_package::UnpinnedDnfPackage,
    &unpinned_zypper_package::UnpinnedZypperPackage,
];
