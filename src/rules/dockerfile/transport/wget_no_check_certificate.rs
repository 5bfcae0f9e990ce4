//! DF321: `wget --no-check-certificate`: TLS certificate verification turned off.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::cli::{self, WGET};
use crate::rules::dockerfile::transport::{commands, config_values, is_off, written_text};
use crate::rules::{Context, Rule};

pub struct WgetNoCheckCertificate;

const HELP: &str = "remove it: without the check anyone on the network path can serve the download; for a \
                    server with a private CA pass it with `--ca-certificate=ca.pem` or add it to the system store \
                    (`update-ca-certificates`)";

impl Rule for WgetNoCheckCertificate {
    fn code(&self) -> &'static str {
        "DF321"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for (_, cmd) in commands(file).filter(|(_, c)| c.is("wget") || c.is("wget2")) {
            let parsed = cli::parse(&cmd.args, &WGET);
            // `--check-certificate=quiet` only stops complaining; `off`/`no` turn it off.
            let off = parsed.opts.iter().find(|o| {
                o.is(None, &["no-check-certificate"])
                    || o.is(None, &["check-certificate"]) && o.value_text().is_some_and(|v| is_off(v) || v == "quiet")
            });
            let Some(opt) = off else { continue };
            let word = opt.arg.value().unwrap_or_default();
            let d =
                cx.diag(opt.arg.span, format!("`wget {word}` turns off TLS certificate verification")).with_help(HELP);
            cx.emit(d);
        }
        // `check_certificate = off` written into a wgetrc.
        for (text, span) in written_text(file) {
            if config_values(&text, "check_certificate", false).into_iter().any(|v| is_off(v) || v == "quiet") {
                let d = cx
                    .diag(span, "`check_certificate = off` turns off TLS certificate verification for wget")
                    .with_help(HELP);
                cx.emit(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::spans;

    #[test]
    fn disabled_checks() {
        let src = "FROM debian\nRUN wget --no-check-certificate https://x -O a && wget -q --check-certificate=off https://y\n\
                   RUN echo 'check_certificate = off' >> /etc/wgetrc\n";
        assert_eq!(
            spans("DF321", src),
            ["--no-check-certificate", "--check-certificate=off", "'check_certificate = off'"]
        );
    }

    #[test]
    fn checks_left_on() {
        let src = "FROM debian\nRUN wget -q --check-certificate=on https://x && wget -O- https://y | tar x\n\
                   RUN wget --ca-certificate=/ca.pem https://z && curl --no-check-certificate x\n";
        assert_eq!(spans("DF321", src), Vec::<String>::new());
    }
}
