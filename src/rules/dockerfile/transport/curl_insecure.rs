//! DF320: `curl -k` / `--insecure`: TLS certificate verification turned off.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::cli::{self, CURL, Name};
use crate::rules::dockerfile::transport::commands;
use crate::rules::{Context, Rule};

pub struct CurlInsecure;

/// `--proxy-insecure` and `--doh-insecure` skip the same check for the proxy and the DNS server.
const INSECURE: [&str; 3] = ["insecure", "proxy-insecure", "doh-insecure"];

impl Rule for CurlInsecure {
    fn code(&self) -> &'static str {
        "DF320"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for (_, cmd) in commands(file).filter(|(_, c)| c.is("curl")) {
            let parsed = cli::parse(&cmd.args, &CURL);
            let Some(opt) = parsed.find(Some('k'), &INSECURE) else { continue };
            let word = opt.arg.value().unwrap_or_default();
            let flag = match opt.name {
                Name::Long(l) => format!("--{l}"),
                Name::Short(_) => "-k".to_string(),
            };
            let shown = if word == flag { format!("`curl {flag}`") } else { format!("`curl {word}` (`{flag}`)") };
            let d = cx.diag(opt.arg.span, format!("{shown} turns off TLS certificate verification")).with_help(
                "remove it: without the check anyone on the network path can serve the download; for a \
                     server with a private CA pass it with `--cacert ca.pem` or add it to the system store \
                     (`update-ca-certificates`)",
            );
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    fn insecure_flags() {
        let src = "FROM alpine\nRUN curl -fsSLk https://x | sh && curl --insecure -o a https://y\n\
                   RUN sh -c 'curl -k https://z' && curl --proxy-insecure -x https://p https://w\n";
        assert_eq!(spans("DF320", src), ["-fsSLk", "--insecure", "-k", "--proxy-insecure"]);
        assert_eq!(findings("DF320", src)[0].1, "`curl -fsSLk` (`-k`) turns off TLS certificate verification");
    }

    #[test]
    fn look_alikes() {
        let src = "FROM alpine\nRUN curl -fsSL https://x -o k && curl -o -k https://y && curl -H 'X: -k' https://z\n\
                   RUN curl --insecure-x https://v && wget -k https://w && echo curl -k\n";
        assert_eq!(spans("DF320", src), Vec::<String>::new());
    }
}
