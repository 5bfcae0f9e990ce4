//! Supply chain (DF3xx): base images, package pinning, downloads, TLS and signature bypass.

use crate::rules::Rule;

pub mod add_instead_of_copy;
pub mod add_url_without_checksum;
pub mod copy_secret_file;
pub mod image_not_pinned_by_digest;
mod image_refs;
pub mod latest_image_tag;
mod sources;
pub mod untrusted_registry;

pub static RULES: &[&dyn Rule] = &[
    &latest_image_tag::LatestImageTag,
    &image_not_pinned_by_digest::ImageNotPinnedByDigest,
    &untrusted_registry::UntrustedRegistry,
    &add_url_without_checksum::AddUrlWithoutChecksum,
    &add_instead_of_copy::AddInsteadOfCopy,
    &copy_secret_file::CopySecretFile,
];
