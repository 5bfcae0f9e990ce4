//! Package hygiene and image size (DF6xx): the package managers' non-interactive, no-cache and
//! cleanup conventions.

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
