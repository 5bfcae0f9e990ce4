//! Supply chain (DF3xx): base images, package pinning, downloads, TLS and signature bypass.

use crate::rules::Rule;

pub mod image_not_pinned_by_digest;
mod image_refs;
pub mod latest_image_tag;
pub mod untrusted_registry;

pub static RULES: &[&dyn Rule] = &[
    &latest_image_tag::LatestImageTag,
    &image_not_pinned_by_digest::ImageNotPinnedByDigest,
    &untrusted_registry::UntrustedRegistry,
];
