//! Rules over Dockerfiles, in one module per family; each family lists its rules.

use crate::rules::Rule;

pub mod correctness;
pub mod hygiene;
pub mod identity;
pub mod run_as_root;
pub mod supply_chain;
pub mod transport;

static OWN: &[&dyn Rule] = &[&run_as_root::RunAsRoot];

pub fn rules() -> impl Iterator<Item = &'static dyn Rule> {
    [OWN, identity::RULES, supply_chain::RULES, transport::RULES, hygiene::RULES, correctness::RULES]
        .into_iter()
        .flatten()
        .copied()
}
