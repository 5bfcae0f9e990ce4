//! Command wrappers, unwrapped in this one place: `sudo`, `doas`, `env`, `xargs`, `nohup`, `time`,
//! `exec`, `command`, `nice`, `timeout`, `gosu`, `su-exec`, and the script of `sh -c` / `bash -c`.

use super::Arg;

/// What runs after the wrappers are taken off.
pub(super) struct Unwrapped {
    /// The command that runs (for `sh -c`, the shell itself).
    pub argv: Vec<Arg>,
    /// The script of `sh -c SCRIPT`, to be parsed in turn.
    pub script: Option<Arg>,
}

/// Shells whose `-c` string is a script of the same language.
const SHELLS: [&str; 7] = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"];

pub(super) fn unwrap(
    mut argv: Vec<Arg>,
    wrappers: &mut Vec<Arg>,
    assignments: &mut Vec<(String, Option<String>)>,
) -> Unwrapped {
    // Each round takes one wrapper off; the bound only guards against pathological input.
    for _ in 0..16 {
        let Some(program) = argv.first().and_then(|a| a.value()).map(|v| v.rsplit('/').next().unwrap_or(v)) else {
            break;
        };
        let rest = match program {
            "sudo" | "doas" => skip_options(&argv, &["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T"], true),
            "env" => skip_options(&argv, &["-u", "-C", "--unset", "--chdir"], true),
            "xargs" => skip_options(&argv, &["-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s"], false),
            "nohup" | "exec" => skip_options(&argv, &["-a"], false),
            "time" => skip_options(&argv, &["-f", "-o"], false),
            "nice" => skip_options(&argv, &["-n"], false),
            "timeout" => skip_options(&argv, &["-k", "-s"], false).map(|i| i + 1),
            "gosu" | "su-exec" => Some(2),
            // `command -v x` asks about x; it does not run it.
            "command" if argv.get(1).is_some_and(|a| a.is("-v") || a.is("-V")) => None,
            "command" => skip_options(&argv, &[], false),
            p if SHELLS.contains(&p) => return shell(argv),
            _ => None,
        };
        let Some(rest) = rest else { break };
        let inner: Vec<Arg> = argv.get(rest..).map(<[Arg]>::to_vec).unwrap_or_default();
        // `sudo` alone, or `env` printing the environment, is the command itself.
        if inner.is_empty() || inner[0].value.is_none() {
            break;
        }
        for a in argv.get(1..rest).unwrap_or(&[]) {
            if let Some((k, v)) = a.value().and_then(|v| v.split_once('='))
                && is_name(k)
            {
                assignments.push((k.to_string(), Some(v.to_string())));
            }
        }
        wrappers.push(argv[0].clone());
        argv = inner;
    }
    Unwrapped { argv, script: None }
}

/// The index of the wrapped command: after the options (those in `valued` take the next word as
/// their value) and, when `assignments`, after `NAME=value` words.
fn skip_options(argv: &[Arg], valued: &[&str], assignments: bool) -> Option<usize> {
    let mut i = 1;
    while let Some(v) = argv.get(i).and_then(|a| a.value()) {
        if v == "--" {
            return Some(i + 1);
        }
        if v.starts_with('-') && v.len() > 1 {
            i += if valued.contains(&v) { 2 } else { 1 };
        } else if assignments && v.split_once('=').is_some_and(|(k, _)| is_name(k)) {
            i += 1;
        } else {
            return Some(i);
        }
    }
    None
}

/// `sh [options] -c SCRIPT [name [args]]`: the script, when there is one.
fn shell(argv: Vec<Arg>) -> Unwrapped {
    let mut i = 1;
    let mut has_c = false;
    while let Some(v) = argv.get(i).and_then(|a| a.value()) {
        if v == "--" {
            i += 1;
            break;
        }
        let Some(opts) = v.strip_prefix('-').or_else(|| v.strip_prefix('+')) else { break };
        if opts.is_empty() || opts.starts_with('-') {
            // `-` ends options; `--login`, `--norc` take no value.
            i += 1;
            if opts.is_empty() {
                break;
            }
            continue;
        }
        has_c |= opts.contains('c');
        // `-o pipefail`: the option name is the next word.
        i += if opts.ends_with('o') { 2 } else { 1 };
    }
    let script = if has_c { argv.get(i).cloned() } else { None };
    Unwrapped { argv, script }
}

fn is_name(k: &str) -> bool {
    !k.is_empty()
        && !k.starts_with(|c: char| c.is_ascii_digit())
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}
