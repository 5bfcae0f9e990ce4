//! Rules over Dockerfiles, in one module per family; each family lists its rules.

use crate::rules::Rule;

pub mod cli;
pub mod copy_entire_filesystem;
pub mod correctness;
pub mod hygiene;
pub mod identity;
pub mod non_numeric_user;
pub mod package_options;
pub mod run_as_root;
pub mod supply_chain;
pub mod transport;

static OWN: &[&dyn Rule] =
    &[&run_as_root::RunAsRoot, &non_numeric_user::NonNumericUser, &copy_entire_filesystem::CopyEntireFilesystem];

pub fn rules() -> impl Iterator<Item = &'static dyn Rule> {
    [OWN, identity::RULES, supply_chain::RULES, transport::RULES, hygiene::RULES, correctness::RULES]
        .into_iter()
        .flatten()
        .copied()
}
