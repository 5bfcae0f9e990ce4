//! DF605: `pip install` without `--no-cache-dir`: pip's download and wheel cache stays in the
//! layer.

use super::packages::{cache_mount_targets, insert_after, may_hide_options};
use crate::diagnostic::Applicability;
use crate::model::dockerfile::DockerfileModel;
use crate::model::run::Run;
use crate::rules::dockerfile::package_options;
use crate::rules::{Context, Rule};
use crate::syntax::shell::{Arg, Command};

pub struct PipInstallWithCache;

impl Rule for PipInstallWithCache {
    fn code(&self) -> &'static str {
        "DF605"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            let scope = file.scope_at(run.stage, run.index);
            // pip disables its cache for any boolean value of PIP_NO_CACHE_DIR, `0` and `false`
            // included (kept that way for backwards compatibility).
            let env_off = scope.get("PIP_NO_CACHE_DIR").flatten().is_some_and(|v| pip_bool(&v)) || exported(&run);
            let cache_dir = scope.get("PIP_CACHE_DIR").flatten();
            let mounted = cache_mount_targets(file, &run).iter().any(|t| {
                let t = t.trim_end_matches('/');
                t.ends_with("/.cache/pip") || t.ends_with("/.cache") || cache_dir.as_deref() == Some(t)
            });
            if env_off || mounted {
                continue;
            }
            for cmd in run.commands() {
                let Some(install) = pip_install(cmd) else { continue };
                let assigned =
                    cmd.assignments.iter().any(|(k, v)| k == "PIP_NO_CACHE_DIR" && v.as_deref().is_some_and(pip_bool));
                if assigned || cmd.has_flag(None, &["no-cache-dir"]) || may_hide_options(cx.src, cmd) {
                    continue;
                }
                let mut d = cx
                    .diag(
                        cmd.name.span.cover(install.span),
                        "`pip install` keeps its download and wheel cache (`~/.cache/pip`) in the layer",
                    )
                    .with_help(
                        "add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or mount a cache: \
                         `RUN --mount=type=cache,target=/root/.cache/pip ...`",
                    );
                if let Some(fix) = insert_after(cx.src, install, "--no-cache-dir", Applicability::Safe) {
                    d = d.with_fix(fix);
                }
                cx.emit(d);
            }
        }
    }
}

/// The `install` word of `pip install`, `pip3.12 install` or `python3 -m pip install` (not of
/// `pipx` or `pipenv`, which keep their own caches).
fn pip_install(cmd: &Command) -> Option<&Arg> {
    let program = cmd.program()?;
    let versioned =
        |prefix: &str| program.strip_prefix(prefix).is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'));
    let args = if versioned("pip") {
        &cmd.args[..]
    } else if versioned("python") {
        // `python [options] -m pip ...`
        let m = cmd.args.iter().position(|a| a.is("-m"))?;
        if !cmd.args.get(m + 1)?.is("pip") {
            return None;
        }
        cmd.args.get(m + 2..)?
    } else {
        return None;
    };
    first_operand(args).filter(|a| a.is("install"))
}

fn first_operand(args: &[Arg]) -> Option<&Arg> {
    let mut words = args.iter();
    while let Some(a) = words.next() {
        match a.value() {
            Some(v) if package_options::PIP.contains(&v) => {
                words.next();
            }
            Some(v) if v.starts_with('-') => {}
            _ => return Some(a),
        }
    }
    None
}

/// pip's `strtobool`: every value it accepts turns the cache off.
fn pip_bool(value: &str) -> bool {
    matches!(
        value.trim_matches(['"', '\'']).to_ascii_lowercase().as_str(),
        "y" | "yes" | "t" | "true" | "on" | "1" | "n" | "no" | "f" | "false" | "off" | "0"
    )
}

/// `export PIP_NO_CACHE_DIR=1` (or any assignment of it) in the RUN's own script.
fn exported(run: &Run<'_, '_>) -> bool {
    let line = run.instr.args.shell().map(|t| t.text.as_str());
    let docs = run.instr.heredocs.iter().map(|h| h.text.as_str());
    line.into_iter().chain(docs).any(|text| {
        text.match_indices("PIP_NO_CACHE_DIR=").any(|(at, key)| {
            let value = text.get(at + key.len()..).unwrap_or("");
            pip_bool(value.split([' ', ';', '&', '\n', '\t']).next().unwrap_or(""))
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed, spans as hits};

    const CODE: &str = "DF605";

    #[test]
    fn reports_every_spelling_of_pip_install() {
        for run in [
            "pip install flask",
            "pip3 install flask",
            "pip3.12 install -r requirements.txt",
            "python -m pip install --upgrade pip",
            "python3.11 -u -m pip install flask",
            "/opt/venv/bin/pip install flask",
            "sudo -H pip install flask",
        ] {
            assert_eq!(hits(CODE, &format!("FROM python:3.12\nRUN {run}\n")).len(), 1, "{run}");
        }
    }

    #[test]
    fn no_cache_dir_in_any_form_is_accepted() {
        for run in [
            "pip install --no-cache-dir flask",
            "pip --no-cache-dir install flask",
            "PIP_NO_CACHE_DIR=1 pip install flask",
            "export PIP_NO_CACHE_DIR=off && pip install flask",
            "--mount=type=cache,target=/root/.cache/pip pip install flask",
            "--mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install flask",
            "--mount=type=cache,target=/root/.cache pip install flask",
            "pipx install black",
            "pipenv install",
            "uv pip install flask",
            "pip download flask",
            "pip install $PIP_FLAGS flask",
        ] {
            assert!(hits(CODE, &format!("FROM python:3.12\nRUN {run}\n")).is_empty(), "{run}");
        }
    }

    #[test]
    fn the_environment_turns_the_cache_off() {
        // Even `0`: pip disables the cache for any boolean value of the variable.
        for set in ["ENV PIP_NO_CACHE_DIR=1", "ENV PIP_NO_CACHE_DIR 0", "ARG PIP_NO_CACHE_DIR=true"] {
            assert!(hits(CODE, &format!("FROM python:3.12\n{set}\nRUN pip install flask\n")).is_empty(), "{set}");
        }
        let inherited = "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask\n";
        assert!(hits(CODE, inherited).is_empty());
        let other_stage = "FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install flask\n";
        assert_eq!(hits(CODE, other_stage).len(), 1);
        let cache_dir =
            "FROM python:3.12\nENV PIP_CACHE_DIR=/pipcache\nRUN --mount=type=cache,target=/pipcache pip install x\n";
        assert!(hits(CODE, cache_dir).is_empty());
    }

    #[test]
    fn the_fix_inserts_the_flag_after_install() {
        assert_eq!(
            fixed(CODE, "FROM python:3.12\nRUN python -m pip install -U pip\n"),
            "FROM python:3.12\nRUN python -m pip install --no-cache-dir -U pip\n"
        );
    }
}
