//! Correctness (DF7xx): instructions that do not do what they seem to, or that BuildKit warns about.

use crate::rules::Rule;

pub mod cd_instead_of_workdir;
pub mod missing_pipefail;

pub static RULES: &[&dyn Rule] = &[&missing_pipefail::MissingPipefail, &cd_instead_of_workdir::CdInsteadOfWorkdir];
