//! DF324: `apk add --allow-untrusted`: packages installed without a valid signature.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::cli::{self, Spec};
use crate::rules::dockerfile::package_options;
use crate::rules::dockerfile::transport::{commands, own_package_file};
use crate::rules::{Context, Rule};

pub struct ApkAllowUntrusted;

const APK: Spec = Spec::new(package_options::APK);

impl Rule for ApkAllowUntrusted {
    fn code(&self) -> &'static str {
        "DF324"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for (script, cmd) in commands(file).filter(|(_, c)| c.is("apk")) {
            let parsed = cli::parse(&cmd.args, &APK);
            let Some(opt) = parsed.find(None, &["allow-untrusted"]) else { continue };
            let sub = parsed.operands.first().and_then(|a| a.value()).unwrap_or("apk");
            // `apk index` only lists local files; installing only .apk files the build made is the
            // flag's purpose (they carry no signature).
            let packages = parsed.operands.get(1..).unwrap_or_default();
            let own =
                !packages.is_empty() && packages.iter().all(|p| own_package_file(script, cmd, p, file.src, ".apk"));
            if sub == "index" || sub == "add" && own {
                continue;
            }
            let d = cx
                .diag(
                    opt.arg.span,
                    format!("`apk {sub} --allow-untrusted` accepts packages and indexes without a valid signature"),
                )
                .with_help(
                    "remove it and install the repository's signing key into /etc/apk/keys; sign packages you \
                     build yourself with `abuild-sign`",
                );
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    fn untrusted_installs() {
        let src = "FROM alpine\nRUN apk add --no-cache --allow-untrusted -X https://repo.example/main tool\n\
                   RUN wget -O /tmp/x.apk https://e.example/x.apk && apk add --allow-untrusted /tmp/x.apk\n\
                   RUN apk --allow-untrusted update\n";
        assert_eq!(spans("DF324", src), ["--allow-untrusted", "--allow-untrusted", "--allow-untrusted"]);
        assert_eq!(
            findings("DF324", src)[2].1,
            "`apk update --allow-untrusted` accepts packages and indexes without a valid signature"
        );
    }

    #[test]
    fn own_packages_and_index() {
        let src = "FROM alpine\nRUN --mount=type=bind,target=/tmp/packages,from=builder \\\n    \
                   for m in $MODS; do apk add --no-cache --allow-untrusted /tmp/packages/mod-${m}-*.apk; done\n\
                   RUN apk index --allow-untrusted -o /r/APKINDEX.tar.gz /r/*.apk && apk add --no-cache curl\n";
        assert_eq!(spans("DF324", src), Vec::<String>::new());
    }
}
