//! Correctness (DF7xx): instructions that do not do what they seem to, or that BuildKit warns about.

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
