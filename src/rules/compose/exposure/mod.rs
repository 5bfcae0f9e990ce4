//! Exposure: runtime sockets and host paths mounted, ports published, images, resource limits,
//! health checks, logging, tmpfs mounts.

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
