//! Exposure: Services, Ingresses and ingress-controller annotations.

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
