//! Supply chain (DF3xx): base images, package pinning, downloads, TLS and signature bypass.

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
