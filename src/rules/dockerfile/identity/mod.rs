//! Identity and privilege (DF1xx), secrets by name (DF2xx) and exposed management ports (DF4xx).

use crate::rules::Rule;

pub mod expose_ssh_port;
pub mod modes;
pub mod password_in_build;
pub mod secret_in_arg_env;
pub mod secret_on_command_line;
pub mod setuid_bit;
pub mod sudo_usage;
pub mod unsuitable_command;
pub mod workdir_system_directory;
pub mod world_writable_permissions;

pub static RULES: &[&dyn Rule] = &[
    &workdir_system_directory::WorkdirSystemDirectory,
    &secret_in_arg_env::SecretInArgEnv,
    &expose_ssh_port::ExposeSshPort,
    &sudo_usage::SudoUsage,
    &password_in_build::PasswordInBuild,
    &world_writable_permissions::WorldWritablePermissions,
    &setuid_bit::SetuidBit,
    &unsuitable_command::UnsuitableCommand,
    &secret_on_command_line::SecretOnCommandLine,
];
