//! Identity and privilege (DF1xx), secrets by name (DF2xx) and exposed management ports (DF4xx).

use crate::rules::Rule;

pub mod expose_ssh_port;
pub mod secret_in_arg_env;
pub mod workdir_system_directory;

pub static RULES: &[&dyn Rule] = &[
    &workdir_system_directory::WorkdirSystemDirectory,
    &secret_in_arg_env::SecretInArgEnv,
    &expose_ssh_port::ExposeSshPort,
];
