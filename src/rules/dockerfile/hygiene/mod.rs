//! Package hygiene and image size (DF6xx): the package managers' non-interactive, no-cache and
//! cleanup conventions.

use crate::rules::Rule;

pub mod update_without_install;

pub static RULES: &[&dyn Rule] = &[&update_without_install::UpdateWithoutInstall];
