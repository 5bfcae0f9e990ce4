//! DF327: npm, pnpm or yarn told not to verify the registry's certificate (`npm config set
//! strict-ssl false`, `--strict-ssl=false`, `NPM_CONFIG_STRICT_SSL=false`).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::transport::{commands, config_values, env_sets, is_off, written_text};
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::shell::{Arg, Command};

pub struct NpmStrictSslDisabled;

/// The setting's names: npm and pnpm (also yarn 1), and yarn 2+.
const KEYS: [&str; 2] = ["strict-ssl", "enableStrictSsl"];
const ENV: [&str; 4] = ["NPM_CONFIG_STRICT_SSL", "npm_config_strict_ssl", "YARN_ENABLE_STRICT_SSL", "YARN_STRICT_SSL"];

const HELP: &str = "remove it; for a registry with a private CA point the client at the CA (`npm config set \
                    cafile /path/ca.pem`, or NODE_EXTRA_CA_CERTS)";

impl Rule for NpmStrictSslDisabled {
    fn code(&self) -> &'static str {
        "DF327"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let mut found: Vec<(Span, String)> = Vec::new();
        for (_, cmd) in commands(file) {
            let Some(program @ ("npm" | "pnpm" | "yarn")) = cmd.program() else { continue };
            if let Some((span, shown)) = config_set(cmd).or_else(|| flag(cmd)) {
                found.push((
                    span,
                    format!("`{program} {shown}` turns off TLS certificate verification for the registry"),
                ));
            }
        }
        for set in env_sets(file, &ENV) {
            if set.value.as_deref().is_some_and(is_off) {
                let shown = format!("{}={}", set.name, set.value.unwrap_or_default());
                found.push((set.span, format!("`{shown}` turns off TLS certificate verification for the registry")));
            }
        }
        for (text, span) in written_text(file) {
            if KEYS.iter().any(|k| config_values(&text, k, true).into_iter().any(is_off)) {
                found.push((span, "`strict-ssl=false` turns off TLS certificate verification for the registry".into()));
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

/// `config set strict-ssl false`, `set strict-ssl=false`, `c set --global strict-ssl false`: the
/// span from the key to the value, and the words.
fn config_set(cmd: &Command) -> Option<(Span, String)> {
    let words: Vec<&Arg> = cmd.args.iter().filter(|a| a.value().is_some_and(|v| !v.starts_with('-'))).collect();
    let at = match words.iter().filter_map(|a| a.value()).collect::<Vec<_>>().as_slice() {
        ["config" | "c", "set", ..] => 2,
        ["set", ..] => 1,
        _ => return None,
    };
    let key = words.get(at)?;
    let (name, value, last) = match key.value()?.split_once('=') {
        Some((k, v)) => (k, v, *key),
        None => {
            let value = words.get(at + 1)?;
            (key.value()?, value.value()?, *value)
        }
    };
    (KEYS.contains(&name) && is_off(value)).then(|| (key.span.cover(last.span), format!("config set {name} {value}")))
}

/// `--strict-ssl=false`, `--strict-ssl false`, `--no-strict-ssl` on any npm command.
fn flag(cmd: &Command) -> Option<(Span, String)> {
    for (i, a) in cmd.args.iter().enumerate() {
        let Some(v) = a.value() else { continue };
        if v == "--no-strict-ssl" {
            return Some((a.span, v.to_string()));
        }
        if let Some(value) = v.strip_prefix("--strict-ssl=").filter(|x| is_off(x)) {
            return Some((a.span, format!("--strict-ssl={value}")));
        }
        if v == "--strict-ssl"
            && let Some(next) = cmd.args.get(i + 1).filter(|n| n.value().is_some_and(is_off))
        {
            return Some((a.span.cover(next.span), format!("--strict-ssl {}", next.value().unwrap_or_default())));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    fn strict_ssl_off() {
        let src = "FROM node:22\nRUN npm config set strict-ssl false && npm set strict-ssl=false\n\
                   RUN yarn config set strict-ssl false && yarn config set enableStrictSsl false\n\
                   RUN npm install --strict-ssl=false && npm ci --no-strict-ssl && pnpm i --strict-ssl false\n\
                   ENV NPM_CONFIG_STRICT_SSL=false\nRUN echo 'strict-ssl=false' >> ~/.npmrc\n";
        assert_eq!(
            spans("DF327", src),
            [
                "strict-ssl false",
                "strict-ssl=false",
                "strict-ssl false",
                "enableStrictSsl false",
                "--strict-ssl=false",
                "--no-strict-ssl",
                "--strict-ssl false",
                "'strict-ssl=false'",
            ]
        );
        assert_eq!(
            findings("DF327", src)[0].1,
            "`npm config set strict-ssl false` turns off TLS certificate verification for the registry"
        );
    }

    #[test]
    fn strict_ssl_on() {
        let src = "FROM node:22\nRUN npm config set strict-ssl true && npm config get strict-ssl && npm set registry https://r\n\
                   ENV NPM_CONFIG_STRICT_SSL=true\nRUN npm install strict-ssl false-package && npm config set cafile /ca.pem\n";
        assert_eq!(spans("DF327", src), Vec::<String>::new());
    }
}
