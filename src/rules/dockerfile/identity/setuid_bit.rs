//! DF105: the build sets the setuid bit (`chmod u+s`, `chmod 4755`, `COPY --chmod=4755`).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::identity::modes::mode_sets;
use crate::rules::{Context, Rule};

pub struct SetuidBit;

impl Rule for SetuidBit {
    fn code(&self) -> &'static str {
        "DF105"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        // Setgid alone is left alone: its common use is on directories (`chmod g+s`, `2775`), where
        // it only makes new files inherit the directory's group.
        for set in mode_sets(file).into_iter().filter(|s| s.effect.setuid) {
            let what = match set.targets.first() {
                Some(t) => format!("`{}`", t.value().unwrap_or_else(|| t.span.slice(file.src))),
                None => "the copied files".to_string(),
            };
            let d = cx
                .diag(
                    set.span,
                    format!("`{}` sets the setuid bit on {what}: it runs as its owner, whoever starts it", set.shown),
                )
                .with_help(
                    "do not ship setuid programs: grant the one capability the program needs (`setcap`), or do \
                     the privileged work at build time or in an init step that runs as root",
                );
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    fn setuid_modes() {
        let src = "FROM alpine\nRUN chmod u+s /usr/bin/ping && chmod 4755 /bin/x && chmod +s /bin/y\n\
                   COPY --chmod=6755 tool /usr/local/bin/tool\n";
        assert_eq!(spans("DF105", src), ["u+s", "4755", "+s", "--chmod=6755"]);
        assert_eq!(
            findings("DF105", src)[0].1,
            "`chmod u+s` sets the setuid bit on `/usr/bin/ping`: it runs as its owner, whoever starts it"
        );
    }

    #[test]
    fn setgid_and_removal_are_not_reported() {
        let src = "FROM alpine\nRUN chmod g+s /srv/shared && chmod 2775 /srv/team && chmod u-s /usr/bin/su\n\
                   RUN find / -perm /4000 -exec chmod a-s {} + && install -d -m 3777 /run/pg && chmod 755 /x\n";
        assert_eq!(spans("DF105", src), Vec::<String>::new());
    }
}
