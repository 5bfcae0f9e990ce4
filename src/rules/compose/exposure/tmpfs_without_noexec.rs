//! DC512: a tmpfs mount that undoes Docker's `noexec` or `nosuid` default (`/tmp:exec`).
//!
//! Docker (and Podman) mount every tmpfs `noexec,nosuid,nodev` unless its options say otherwise,
//! so a tmpfs without options is hardened already; only an explicit `exec` or `suid` (the last of
//! `exec`/`noexec`, `suid`/`nosuid` wins) removes a protection. The long syntax (`type: tmpfs`)
//! takes only `size` and `mode`, so it always keeps the defaults.

use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct TmpfsWithoutNoexec;

/// The protections a tmpfs item's options remove: `exec`, `suid` or both.
fn removed(options: &str) -> Vec<&'static str> {
    let last = |on: &str, off: &str| options.split(',').map(str::trim).rfind(|o| *o == on || *o == off) == Some(on);
    [("exec", "noexec"), ("suid", "nosuid")].into_iter().filter(|(on, off)| last(on, off)).map(|(on, _)| on).collect()
}

impl Rule for TmpfsWithoutNoexec {
    fn code(&self) -> &'static str {
        "DC512"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for svc in &file.services {
            for item in svc.items("tmpfs") {
                let Some(text) = item.str() else { continue };
                let Some((path, options)) = text.split_once(':') else { continue };
                let removed = removed(options);
                if removed.is_empty() {
                    continue;
                }
                let what = match removed.as_slice() {
                    ["exec"] => "programs written to it can be run",
                    ["suid"] => "setuid programs written to it run with their owner's rights",
                    _ => "programs written to it can be run, setuid ones with their owner's rights",
                };
                let d = cx
                    .diag(
                        item.span(),
                        format!(
                            "tmpfs `{path}` of service `{}` is mounted `{}`, without Docker's default `{}`: {what}",
                            svc.name,
                            removed.join(","),
                            removed.iter().map(|o| format!("no{o}")).collect::<Vec<_>>().join(",")
                        ),
                    )
                    .with_help(format!(
                        "remove `{}` from the options unless the service must run programs from `{path}`: a \
                         writable, executable directory is where a dropped payload is run from",
                        removed.join("` and `")
                    ));
                cx.emit(super::at_service(svc, d));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Options;
    use crate::rules::testing::lint_as;

    #[test]
    fn last_option_wins() {
        assert_eq!(removed("exec"), ["exec"]);
        assert_eq!(removed("rw,size=64m,exec,suid"), ["exec", "suid"]);
        assert_eq!(removed("exec,noexec"), Vec::<&str>::new());
        assert_eq!(removed("noexec,exec"), ["exec"]);
        assert_eq!(removed("size=64m,mode=1777"), Vec::<&str>::new());
        assert_eq!(removed("execute"), Vec::<&str>::new());
    }

    #[test]
    fn only_explicit_exec_or_suid() {
        let src = concat!(
            "services:\n  a:\n    tmpfs:\n      - /tmp\n      - /run:size=64m\n      - /build:exec\n",
            "      - \"/cache:rw,exec,suid\"\n  b:\n    tmpfs: /scratch:suid\n",
            "  c:\n    volumes:\n      - {type: tmpfs, target: /tmp, tmpfs: {size: 1000}}\n",
            "  d:\n    tmpfs: [\"/x:noexec,nosuid\"]\n",
            "x-tmp:\n  tmpfs: /y:exec\n",
        );
        let d = lint_as("DC512", "compose.yaml", src, Options::default());
        let spans: Vec<&str> = d.iter().map(|d| d.span.slice(src)).collect();
        assert_eq!(spans, ["/build:exec", "\"/cache:rw,exec,suid\"", "/scratch:suid"]);
        assert_eq!(
            d[0].message,
            "tmpfs `/build` of service `a` is mounted `exec`, without Docker's default `noexec`: programs \
             written to it can be run"
        );
    }
}
