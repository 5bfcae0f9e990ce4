//! Workload hardening beyond the Pod Security Standards: identity, service accounts, images,
//! host mounts, ports and secrets in env.

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
