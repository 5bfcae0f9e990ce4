//! RBAC: Roles, ClusterRoles and their bindings.

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
