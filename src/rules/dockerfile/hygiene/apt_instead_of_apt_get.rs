//! DF615: `apt` in a RUN: its interface is meant for people and may change between releases.

use super::packages::APT_VALUED;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::span::Span;

pub struct AptInsteadOfAptGet;

/// Subcommands `apt-get` has under the same name and with the same effect.
const SAME_IN_APT_GET: &[&str] = &[
    "update",
    "install",
    "remove",
    "purge",
    "autoremove",
    "clean",
    "autoclean",
    "source",
    "build-dep",
    "download",
    "changelog",
    "satisfy",
];
/// Subcommands that belong to `apt-cache`.
const APT_CACHE: &[&str] = &["show", "search", "policy", "depends", "rdepends", "showsrc"];

impl Rule for AptInsteadOfAptGet {
    fn code(&self) -> &'static str {
        "DF615"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            for cmd in run.commands().filter(|c| c.is("apt")) {
                let verb = cmd.subcommand(APT_VALUED).and_then(|a| a.value()).unwrap_or("");
                let tool = match verb {
                    v if APT_CACHE.contains(&v) => "`apt-cache`",
                    "list" => "`dpkg-query -W` or `apt-cache`",
                    _ => "`apt-get`",
                };
                let mut d = cx
                    .diag(cmd.name.span, "`apt` is meant for interactive use; its output and behaviour may change")
                    .with_help(format!("use {tool}, whose interface is stable for scripts"));
                // `apt upgrade` installs new dependencies that `apt-get upgrade` holds back.
                let applicability = if SAME_IN_APT_GET.contains(&verb) {
                    Some(Applicability::Safe)
                } else if verb == "upgrade" {
                    Some(Applicability::Unsafe)
                } else {
                    None
                };
                let literal = cmd.name.value().is_some_and(|v| cmd.name.span.slice(cx.src) == v);
                if let Some(applicability) = applicability.filter(|_| literal) {
                    d = d.with_fix(Fix {
                        message: "use `apt-get`".into(),
                        applicability,
                        edits: vec![Edit { span: Span::point(cmd.name.span.end), replacement: "-get".into() }],
                    });
                }
                cx.emit(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed, spans as hits};

    const CODE: &str = "DF615";

    #[test]
    fn reports_every_apt_command() {
        assert_eq!(hits(CODE, "FROM ubuntu\nRUN apt update && apt install -y curl\n"), ["apt", "apt"]);
        assert_eq!(hits(CODE, "FROM ubuntu\nRUN /usr/bin/apt list --installed\n"), ["/usr/bin/apt"]);
        assert!(hits(CODE, "FROM ubuntu\nRUN apt-get update && apt-cache policy curl\n").is_empty());
        assert!(hits(CODE, "FROM ubuntu\nRUN apt-get install -y apt\n").is_empty());
    }

    #[test]
    fn the_fix_renames_only_what_apt_get_does_the_same() {
        assert_eq!(
            fixed(CODE, "FROM ubuntu\nRUN apt update && apt -y install curl && apt list\n"),
            "FROM ubuntu\nRUN apt-get update && apt-get -y install curl && apt list\n"
        );
        assert_eq!(
            fixed(CODE, "FROM ubuntu\nRUN /usr/bin/apt upgrade -y\n"),
            "FROM ubuntu\nRUN /usr/bin/apt-get upgrade -y\n"
        );
        assert_eq!(fixed(CODE, "FROM ubuntu\nRUN apt search curl\n"), "FROM ubuntu\nRUN apt search curl\n");
    }
}
