//! TLS and signature bypass (DF32x): downloads and package installs that skip verification.

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
