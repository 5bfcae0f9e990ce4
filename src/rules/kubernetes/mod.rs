//! Rules over Kubernetes objects.

pub mod missing_security_context;
pub mod run_as_root;
