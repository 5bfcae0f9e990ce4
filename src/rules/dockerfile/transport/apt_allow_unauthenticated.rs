//! DF325: apt told to install packages it cannot authenticate (`--allow-unauthenticated`,
//! `--force-yes`, `-o APT::Get::AllowUnauthenticated=true`, a `[trusted=yes]` source).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::cli::{self, Spec};
use crate::rules::dockerfile::package_options;
use crate::rules::dockerfile::transport::{commands, config_values, is_on, written_text};
use crate::rules::{Context, Rule};
use crate::span::Span;

pub struct AptAllowUnauthenticated;

const APT: Spec = Spec::new(package_options::APT);

const FLAGS: [&str; 4] =
    ["allow-unauthenticated", "force-yes", "allow-insecure-repositories", "allow-downgrade-to-insecure-repositories"];

/// Configuration options (for `-o` and apt.conf) with the same effect as the flags.
const OPTIONS: [&str; 3] = [
    "APT::Get::AllowUnauthenticated",
    "Acquire::AllowInsecureRepositories",
    "Acquire::AllowDowngradeToInsecureRepositories",
];

const HELP: &str = "remove it and install the repository's signing key (a keyring in /etc/apt/keyrings referenced \
                    with `signed-by=`), so apt can check what it installs";

impl Rule for AptAllowUnauthenticated {
    fn code(&self) -> &'static str {
        "DF325"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let mut found: Vec<(Span, String)> = Vec::new();
        for (_, cmd) in commands(file) {
            let Some(program @ ("apt-get" | "apt" | "aptitude")) = cmd.program() else { continue };
            for opt in cli::parse(&cmd.args, &APT).opts {
                if let Some(flag) = FLAGS.iter().find(|f| opt.is(None, &[f])) {
                    let what = if *flag == "force-yes" { " (deprecated)" } else { "" };
                    found.push((
                        opt.arg.span,
                        format!("`{program} --{flag}`{what} lets apt install packages it cannot authenticate"),
                    ));
                } else if opt.is(Some('o'), &["option"])
                    && let Some(value) = opt.value
                    && let Some(setting) = value.text.and_then(option_on)
                {
                    found.push((
                        value.arg.span,
                        format!("`-o {setting}` lets apt install packages it cannot authenticate"),
                    ));
                }
            }
        }
        for (text, span) in written_text(file) {
            if let Some(uri) = trusted_source(&text) {
                found.push((
                    span,
                    format!("`[trusted=yes]` makes apt install from `{uri}` without checking signatures"),
                ));
            } else if let Some(setting) = OPTIONS.iter().find(|o| config_values(&text, o, true).into_iter().any(is_on))
            {
                found.push((span, format!("`{setting}` lets apt install packages it cannot authenticate")));
            }
        }
        found.sort_by_key(|(s, _)| s.start);
        found.dedup_by_key(|(s, _)| *s);
        for (span, message) in found {
            let d = cx.diag(span, message).with_help(HELP);
            cx.emit(d);
        }
    }
}

/// `APT::Get::AllowUnauthenticated=true` (any case, `1`, `yes`).
fn option_on(setting: &str) -> Option<&str> {
    let (key, value) = setting.split_once('=')?;
    (OPTIONS.iter().any(|o| o.eq_ignore_ascii_case(key.trim())) && is_on(value.trim().trim_matches('"')))
        .then_some(setting)
}

/// The URI of a `deb [... trusted=yes ...] URI suite` line, unless it is a local directory
/// (`file:`, `copy:`, `cdrom:`), which the build filled itself.
fn trusted_source(text: &str) -> Option<&str> {
    for line in text.lines() {
        let Some(open) = line.find('[') else { continue };
        let Some(close) = line[open..].find(']').map(|c| open + c) else { continue };
        let head = line[..open].trim_end();
        let options = &line[open + 1..close];
        if !(head.ends_with("deb") || head.ends_with("deb-src"))
            || !options.split_whitespace().any(|o| o == "trusted=yes")
        {
            continue;
        }
        let uri = line[close + 1..].split_whitespace().next()?;
        if !["file:", "copy:", "cdrom:"].iter().any(|s| uri.starts_with(s)) {
            return Some(uri);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    fn unauthenticated_installs() {
        let src = "FROM debian\nRUN apt-get update --allow-insecure-repositories && apt-get install -y --allow-unauthenticated x\n\
                   RUN apt-get install -y --force-yes y && apt -o APT::Get::AllowUnauthenticated=true install z\n\
                   RUN echo 'deb [trusted=yes] http://repo.example/debian ./' > /etc/apt/sources.list.d/x.list\n\
                   RUN echo 'APT::Get::AllowUnauthenticated \"true\";' > /etc/apt/apt.conf.d/99x\n";
        assert_eq!(
            spans("DF325", src),
            [
                "--allow-insecure-repositories",
                "--allow-unauthenticated",
                "--force-yes",
                "APT::Get::AllowUnauthenticated=true",
                "'deb [trusted=yes] http://repo.example/debian ./'",
                "'APT::Get::AllowUnauthenticated \"true\";'",
            ]
        );
        assert_eq!(
            findings("DF325", src)[4].1,
            "`[trusted=yes]` makes apt install from `http://repo.example/debian` without checking signatures"
        );
    }

    #[test]
    fn local_repositories_and_other_options() {
        let src = "FROM debian\nRUN echo \"deb [ trusted=yes ] file://$tempDir ./\" > /etc/apt/sources.list.d/temp.list\n\
                   RUN apt-get -o Acquire::Check-Valid-Until=false update && apt-get -o APT::Get::AllowUnauthenticated=false install x\n\
                   RUN echo 'deb [signed-by=/etc/apt/keyrings/x.gpg] https://r.example stable main' > /etc/apt/sources.list.d/r.list\n";
        assert_eq!(spans("DF325", src), Vec::<String>::new());
    }
}
