//! caulk: a static security linter for Dockerfiles, Kubernetes manifests, Helm-rendered streams and
//! Docker Compose files.
//!
//! Everything a user touches is a thin shell around [`lint`]: a pure function from source files and
//! configuration to diagnostics, with no I/O of its own.

pub mod catalog;
pub mod classify;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod fix;
pub mod hadolint;
pub mod model;
pub mod project;
pub mod related;
pub mod report;
pub mod rules;
pub mod span;
pub mod suppress;
pub mod syntax;

pub use classify::FileKind;
pub use config::Config;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use engine::{LintResult, SourceFile, lint};
pub use span::Span;
