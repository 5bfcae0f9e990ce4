//! DF617: `useradd` with a large UID and without `-l`: the sparse lastlog and faillog files grow to
//! the UID's size and are stored in full in the layer.

use super::packages::insert_after;
use crate::diagnostic::Applicability;
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::shell::{Arg, Command};

pub struct UseraddWithoutNoLogInit;

/// hadolint's threshold: a UID of six digits or more.
const LARGE_UID: u64 = 100_000;

impl Rule for UseraddWithoutNoLogInit {
    fn code(&self) -> &'static str {
        "DF617"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            for cmd in run.commands().filter(|c| c.is("useradd")) {
                if cmd.has_flag(Some('l'), &["no-log-init"]) {
                    continue;
                }
                let Some((uid_arg, uid)) = uid(cmd) else { continue };
                if uid < LARGE_UID {
                    continue;
                }
                let mut d = cx
                    .diag(
                        uid_arg.span,
                        format!(
                            "`useradd` with UID {uid} and without `-l` writes lastlog/faillog files of about {} MB",
                            uid.saturating_mul(300) / 1_000_000
                        ),
                    )
                    .with_label(cmd.name.span, "add `-l` (`--no-log-init`) here")
                    .with_help("add `-l` (`--no-log-init`): the login records are of no use in a container");
                if let Some(fix) = insert_after(cx.src, &cmd.name, "-l", Applicability::Safe) {
                    d = d.with_fix(fix);
                }
                cx.emit(d);
            }
        }
    }
}

/// The word that holds the UID (`-u N`, `-uN`, `-ru N`, `--uid N`, `--uid=N`) and its value, when
/// it is known and numeric.
fn uid(cmd: &Command) -> Option<(&Arg, u64)> {
    let mut words = cmd.args.iter().take_while(|a| !a.is("--"));
    while let Some(a) = words.next() {
        let v = a.value().unwrap_or("");
        let value = if v == "--uid" {
            words.next()?.value()?.to_string()
        } else if let Some(n) = v.strip_prefix("--uid=") {
            n.to_string()
        } else if let Some(cluster) = v.strip_prefix('-').filter(|c| !c.starts_with('-')) {
            // Options without a value may precede `u` in a cluster (`-mu 100000`).
            let Some(at) = cluster.find('u').filter(|&at| cluster[..at].chars().all(|c| "lmMNorU".contains(c))) else {
                continue;
            };
            match &cluster[at + 1..] {
                "" => words.next()?.value()?.to_string(),
                rest => rest.to_string(),
            }
        } else {
            continue;
        };
        return value.parse().ok().map(|n| (a, n));
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed, spans as hits};

    const CODE: &str = "DF617";

    #[test]
    fn reports_a_large_uid_without_l() {
        for (run, word) in [
            ("useradd -u 123456 app", "-u"),
            ("useradd -u123456 app", "-u123456"),
            ("useradd -mu 123456 app", "-mu"),
            ("useradd --uid 123456 app", "--uid"),
            ("useradd --uid=123456 app", "--uid=123456"),
            ("useradd -m -s /bin/sh -u $APP_UID app", "-u"),
            ("useradd -u 99999999999999999 app", "-u"),
        ] {
            let src = format!("FROM debian\nARG APP_UID=1000000\nRUN {run}\n");
            assert_eq!(hits(CODE, &src), [word], "{run}");
        }
    }

    #[test]
    fn small_unknown_or_logless_uids_are_accepted() {
        for run in [
            "useradd -u 10001 app",
            "useradd -u 99999 app",
            "useradd -l -u 123456 app",
            "useradd --no-log-init -u 123456 app",
            "useradd -lmu 123456 app",
            "useradd -u $UNKNOWN app",
            "useradd -g 123456 app",
            "groupadd -g 123456 app",
        ] {
            assert!(hits(CODE, &format!("FROM debian\nRUN {run}\n")).is_empty(), "{run}");
        }
    }

    #[test]
    fn the_fix_adds_l_after_useradd() {
        assert_eq!(
            fixed(CODE, "FROM debian\nRUN useradd -u 123456 app\n"),
            "FROM debian\nRUN useradd -l -u 123456 app\n"
        );
    }
}
