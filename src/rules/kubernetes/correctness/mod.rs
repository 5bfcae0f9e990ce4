//! Correctness and availability: resources, probes, selectors, duplicate env names, API
//! versions, namespaces.

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
