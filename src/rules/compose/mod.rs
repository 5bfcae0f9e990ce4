//! Rules over Compose files, by family: what a service may do to its host (`privilege`), and
//! what it exposes, mounts, runs and keeps (`exposure`).

use crate::rules::Rule;

pub mod exposure;
pub mod privilege;
pub mod run_as_root;

static OWN: &[&dyn Rule] = &[&run_as_root::RunAsRoot];

pub fn rules() -> impl Iterator<Item = &'static dyn Rule> {
    [OWN, privilege::RULES, exposure::RULES].into_iter().flatten().copied()
}
