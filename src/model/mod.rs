//! Typed, borrowed views over the syntax trees: what rules read.

pub mod compose;
pub mod dockerfile;
pub mod helm;
pub mod image;
pub mod kubernetes;
pub mod kustomize;
pub mod run;
pub mod vars;
