//! Rules over Compose files.

pub mod run_as_root;
