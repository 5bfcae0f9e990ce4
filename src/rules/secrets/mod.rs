//! Hardcoded credentials, in every format: provider token formats found in one pass over the
//! file's text (a token in a comment or a heredoc leaks as much as one in a value), values
//! assigned to secret-looking names, and Secret objects committed with their data.

use crate::rules::Rule;

pub mod assignments;
mod base64;
pub mod committed_secret;
mod compose_fix;
pub mod hardcoded_credential;
mod keyed;
pub mod names;
mod pairs;
pub mod placeholder_credential;
pub mod provider_token;
pub mod tokens;
pub mod value;

pub static RULES: &[&dyn Rule] = &[
    &provider_token::ProviderToken,
    &committed_secret::CommittedSecret,
    &hardcoded_credential::HARDCODED_CREDENTIAL,
    &placeholder_credential::PLACEHOLDER_CREDENTIAL,
];

/// Builds the secrets rules' automata now rather than on first use: called on an idle thread
/// while files are still being found, it takes their build (about a millisecond) off the run.
pub fn warm_up() {
    tokens::warm_up();
    assignments::warm_up();
}
