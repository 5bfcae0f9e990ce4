//! Rules over Dockerfiles.

pub mod run_as_root;
