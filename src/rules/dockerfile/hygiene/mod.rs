//! Package hygiene and image size (DF6xx): the package managers' non-interactive, no-cache and
//! cleanup conventions.

use crate::rules::Rule;

pub mod apk_add_without_no_cache;
pub mod apk_upgrade;
pub mod apt_install_recommends;
pub mod apt_install_without_yes;
pub mod apt_instead_of_apt_get;
pub mod apt_lists_not_removed;
pub mod apt_upgrade;
pub mod consecutive_run_instructions;
pub mod dnf_cache_not_cleaned;
pub mod dnf_install_without_yes;
mod packages;
pub mod pip_install_with_cache;
mod rpm;
pub mod update_without_install;
pub mod useradd_without_no_log_init;
pub mod wget_and_curl;
pub mod wget_progress_bar;
pub mod yarn_cache_not_cleaned;
pub mod yum_cache_not_cleaned;
pub mod yum_install_without_yes;
pub mod zypper_cache_not_cleaned;
pub mod zypper_dist_upgrade;
pub mod zypper_without_non_interactive;

pub static RULES: &[&dyn Rule] = &[
    &apt_install_without_yes::AptInstallWithoutYes,
    &apt_install_recommends::AptInstallRecommends,
    &apt_lists_not_removed::AptListsNotRemoved,
    &apk_add_without_no_cache::ApkAddWithoutNoCache,
    &pip_install_with_cache::PipInstallWithCache,
    &yum_install_without_yes::YumInstallWithoutYes,
    &yum_cache_not_cleaned::YumCacheNotCleaned,
    &dnf_install_without_yes::DnfInstallWithoutYes,
    &dnf_cache_not_cleaned::DnfCacheNotCleaned,
    &zypper_without_non_interactive::ZypperWithoutNonInteractive,
    &zypper_cache_not_cleaned::ZypperCacheNotCleaned,
    &zypper_dist_upgrade::ZypperDistUpgrade,
    &apt_upgrade::AptUpgrade,
    &apk_upgrade::ApkUpgrade,
    &apt_instead_of_apt_get::AptInsteadOfAptGet,
    &yarn_cache_not_cleaned::YarnCacheNotCleaned,
    &useradd_without_no_log_init::UseraddWithoutNoLogInit,
    &consecutive_run_instructions::ConsecutiveRunInstructions,
    &wget_progress_bar::WgetProgressBar,
    &wget_and_curl::WgetAndCurl,
    &update_without_install::UpdateWithoutInstall,
];
