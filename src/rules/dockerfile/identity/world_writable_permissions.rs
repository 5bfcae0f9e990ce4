//! DF104: the build makes files or directories writable by every user (`chmod 777`, `o+w`,
//! `COPY --chmod=666`).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::identity::modes::{ModeSet, mode_sets};
use crate::rules::{Context, Rule};
use crate::syntax::shell::Arg;

pub struct WorldWritablePermissions;

impl Rule for WorldWritablePermissions {
    fn code(&self) -> &'static str {
        "DF104"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for set in mode_sets(file) {
            // With the sticky bit (1777, as /tmp) others can add files but not remove or rename
            // anyone else's: the shared-directory mode the official images give data directories.
            if !set.effect.world_writable || set.effect.sticky || removed_later(&set, file.src) {
                continue;
            }
            let what = match set.targets.first() {
                Some(t) => {
                    let more = set.targets.len() - 1;
                    let t = t.value().unwrap_or_else(|| t.span.slice(file.src));
                    if more > 0 { format!("`{t}` (and {more} more)") } else { format!("`{t}`") }
                }
                None => "the copied files".to_string(),
            };
            let d = cx.diag(set.span, format!("`{}` makes {what} writable by every user", set.shown)).with_help(
                "give write access only to the user or group that needs it (`chown app: DIR` with `755` \
                     or `775`); a directory every user shares needs the sticky bit too (`1777`, as /tmp)",
            );
            cx.emit(d);
        }
    }
}

/// Whether every target is deleted by a later `rm` of the same RUN (a scratch directory opened up
/// for a build step): it never reaches the image.
fn removed_later(set: &ModeSet<'_>, src: &str) -> bool {
    let Some((script, cmd)) = set.command else { return false };
    let same = |a: &Arg, b: &Arg| match (a.value(), b.value()) {
        (Some(x), Some(y)) => x == y,
        _ => a.span.slice(src) == b.span.slice(src),
    };
    let later_rm: Vec<_> = script.commands.iter().filter(|c| c.is("rm") && c.span.start > cmd.span.start).collect();
    !set.targets.is_empty()
        && set.targets.iter().all(|t| later_rm.iter().any(|rm| rm.operands(&[]).any(|o| same(o, t))))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    fn world_writable_modes() {
        let src = "FROM alpine\nRUN chmod -R 777 /data && chmod o+w /srv/a /srv/b && mkdir -m 0777 /x\n\
                   COPY --chmod=666 a /a\nRUN install -d --mode=a+rwX /y\n";
        assert_eq!(spans("DF104", src), ["777", "o+w", "0777", "--chmod=666", "--mode=a+rwX"]);
        let f = findings("DF104", src);
        assert_eq!(f[1].1, "`chmod o+w` makes `/srv/a` (and 1 more) writable by every user");
        assert_eq!(f[3].1, "`COPY --chmod=666` makes the copied files writable by every user");
    }

    #[test]
    fn safe_modes_and_scratch_directories() {
        let src = "FROM alpine\nRUN chmod 755 /a && chmod g+w /b && chmod +w /c && chmod 1777 /tmp /var/www\n\
                   RUN install --directory --mode 3777 /run/pg && chmod -w /d && chmod a+w,o-w /e\n\
                   RUN t=\"$(mktemp -d)\" && chmod 777 \"$t\" && make -C \"$t\" && rm -rf \"$t\"\n\
                   COPY --chmod=755 a /a\nRUN chmod $MODE /f\n";
        assert_eq!(spans("DF104", src), Vec::<String>::new());
    }
}
