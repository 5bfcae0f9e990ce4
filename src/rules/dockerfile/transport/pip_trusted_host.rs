//! DF322: `pip install --trusted-host HOST` (or `PIP_TRUSTED_HOST`, `pip config set
//! global.trusted-host`): pip accepts that host over plain HTTP or with any certificate.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::cli::{self, Spec};
use crate::rules::dockerfile::package_options;
use crate::rules::dockerfile::transport::{commands, config_values, env_sets, pip_args, written_text};
use crate::rules::{Context, Rule};
use crate::span::Span;

pub struct PipTrustedHost;

const PIP: Spec = Spec::new(package_options::PIP);

const HELP: &str = "remove it and serve the index over HTTPS with a valid certificate; for a private CA pass \
                    `--cert ca.pem` (or set PIP_CERT)";

impl Rule for PipTrustedHost {
    fn code(&self) -> &'static str {
        "DF322"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let mut found: Vec<(Span, String)> = Vec::new();
        for (_, cmd) in commands(file) {
            if let Some(args) = pip_args(cmd) {
                let parsed = cli::parse(args, &PIP);
                for opt in parsed.opts.iter().filter(|o| o.is(None, &["trusted-host"])) {
                    found.push((opt.arg.span, trusts(opt.value_text(), "--trusted-host")));
                }
                // pip config [--global|--user|--site] set global.trusted-host HOST
                let words: Vec<_> = parsed.operands.iter().filter_map(|a| a.value()).collect();
                if let ["config", "set", key, rest @ ..] = words.as_slice()
                    && key.ends_with(".trusted-host")
                    && let Some(key_arg) = parsed.operands.get(2)
                {
                    found.push((key_arg.span, trusts(rest.first().copied(), &format!("pip config set {key}"))));
                }
            } else if cmd.is("uv") {
                let opt = cmd.flag(None, &["allow-insecure-host", "trusted-host"]);
                if let Some(opt) = opt {
                    let flag = opt.value().unwrap_or_default().split('=').next().unwrap_or_default();
                    found.push((
                        opt.span,
                        format!("`uv {flag}` lets uv reach a host over plain HTTP or with any certificate"),
                    ));
                }
            }
        }
        for set in env_sets(file, &["PIP_TRUSTED_HOST", "UV_INSECURE_HOST"]) {
            found.push((set.span, trusts(set.value.as_deref(), &set.name)));
        }
        for (text, span) in written_text(file) {
            if let Some(host) = config_values(&text, "trusted-host", false).first() {
                found.push((span, trusts(Some(host), "trusted-host")));
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

fn trusts(host: Option<&str>, how: &str) -> String {
    match host {
        Some(h) => format!("`{how} {h}` lets pip download from `{h}` over plain HTTP or with any certificate"),
        None => format!("`{how}` lets pip download from a host over plain HTTP or with any certificate"),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    fn trusted_hosts() {
        let src = "FROM python:3.12\nRUN pip install --trusted-host pypi.org -r req.txt && python3 -m pip install --trusted-host=files.example x\n\
                   RUN pip3 config set global.trusted-host pypi.internal\nENV PIP_TRUSTED_HOST=pypi.internal\n\
                   RUN PIP_TRUSTED_HOST=h pip install y && uv pip install --allow-insecure-host h z\n\
                   RUN printf '[global]\\ntrusted-host = pypi.internal\\n' > /etc/pip.conf\n";
        assert_eq!(
            spans("DF322", src),
            [
                "--trusted-host",
                "--trusted-host=files.example",
                "global.trusted-host",
                "PIP_TRUSTED_HOST=h",
                "--allow-insecure-host",
                "'[global]\\ntrusted-host = pypi.internal\\n'",
            ]
        );
        assert_eq!(
            findings("DF322", src)[0].1,
            "`--trusted-host pypi.org` lets pip download from `pypi.org` over plain HTTP or with any certificate"
        );
    }

    #[test]
    fn other_options() {
        let src = "FROM python:3.12\nRUN pip install --index-url https://pypi.internal/simple --cert /ca.pem x\n\
                   RUN pip install -r trusted-host.txt && echo --trusted-host && pip config set global.index-url https://x\n";
        assert_eq!(spans("DF322", src), Vec::<String>::new());
    }
}
