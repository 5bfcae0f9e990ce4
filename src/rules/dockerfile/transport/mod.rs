//! TLS and signature bypass (DF32x): downloads and package installs that skip verification.

use crate::rules::Rule;

pub mod tls_verification_disabled_env;

pub static RULES: &[&dyn Rule] = &[&tls_verification_disabled_env::TlsVerificationDisabledEnv];
