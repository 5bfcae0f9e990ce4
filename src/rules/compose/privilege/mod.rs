//! Privilege: privileged mode, capabilities, read-only root, no-new-privileges, seccomp and
//! AppArmor profiles, SELinux labels, host namespaces, devices.

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
