//! Supply chain (DF3xx): base images, package pinning, downloads, TLS and signature bypass.

use crate::rules::Rule;

mod argv;
pub mod curl_pipe_shell;
pub mod packages;
pub mod unpinned_apk_package;
pub mod unpinned_apt_package;
pub mod unpinned_dnf_package;
pub mod unpinned_gem_package;
pub mod unpinned_go_install;
pub mod unpinned_npm_package;
pub mod unpinned_pip_package;
pub mod unpinned_yum_package;
pub mod unpinned_zypper_package;

#[cfg(test)]
mod testing;

pub static RULES: &[&dyn Rule] = &[
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
