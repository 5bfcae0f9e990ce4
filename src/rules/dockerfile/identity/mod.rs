//! Identity and privilege (DF1xx), secrets by name (DF2xx) and exposed management ports (DF4xx).

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
