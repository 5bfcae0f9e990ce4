//! DF326: RPM package signatures not checked (`yum/dnf --nogpgcheck`, `--setopt=gpgcheck=0`,
//! `zypper --no-gpg-checks`, `rpm -i --nosignature`, `gpgcheck=0` written into a repository file).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::cli::{self, Opt, Spec};
use crate::rules::dockerfile::package_options;
use crate::rules::dockerfile::transport::{commands, config_values, is_off, own_package_file, written_text};
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::shell::{Arg, Command, Script};

pub struct GpgCheckDisabled;

const YUM: [&str; 6] = ["yum", "dnf", "dnf5", "microdnf", "tdnf", "yum-config-manager"];
const YUM_SPEC: Spec = Spec::new(package_options::RPM);
const ZYPPER: Spec = Spec::new(package_options::ZYPPER);
const RPM: Spec = Spec::new(&[
    "-D",
    "-E",
    "-r",
    "--define",
    "--eval",
    "--root",
    "--dbpath",
    "--excludepath",
    "--prefix",
    "--relocate",
]);

const HELP: &str = "remove it and import the repository's signing key (`rpm --import KEY`, or `gpgkey=` in the \
                    repository file) so the package manager checks what it installs";

impl Rule for GpgCheckDisabled {
    fn code(&self) -> &'static str {
        "DF326"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        let mut found: Vec<(Span, String)> = Vec::new();
        for (script, cmd) in commands(file) {
            let Some(program) = cmd.program() else { continue };
            let spec = match program {
                p if YUM.contains(&p) => &YUM_SPEC,
                "zypper" => &ZYPPER,
                "rpm" => &RPM,
                _ => continue,
            };
            let parsed = cli::parse(&cmd.args, spec);
            let off = parsed.opts.iter().find_map(|o| disables(program, o, &parsed.opts));
            let Some((span, what)) = off else { continue };
            // yum/dnf/zypper take the subcommand as their first operand; rpm has none.
            let packages =
                if program == "rpm" { &parsed.operands[..] } else { parsed.operands.get(1..).unwrap_or_default() };
            if own_packages(script, cmd, packages, file.src) {
                continue;
            }
            found.push((span, format!("`{program} {what}` installs packages without checking their signatures")));
        }
        for (text, span) in written_text(file) {
            if config_values(&text, "gpgcheck", false).into_iter().any(is_off) {
                found.push((span, "`gpgcheck=0` turns off signature checks for the repository's packages".to_string()));
            }
        }
        for (span, message) in found {
            let d = cx.diag(span, message).with_help(HELP);
            cx.emit(d);
        }
    }
}

/// The word and text of an option that turns the check off.
fn disables<'c>(program: &str, opt: &Opt<'c>, all: &[Opt<'c>]) -> Option<(Span, String)> {
    let word = || opt.arg.value().unwrap_or_default().to_string();
    match program {
        "rpm" => {
            // Only when installing: `rpm -qp --nosignature` reads a package without installing it.
            let installs = all.iter().any(|o| {
                o.is(Some('i'), &["install"])
                    || o.is(Some('U'), &["upgrade", "reinstall"])
                    || o.is(Some('F'), &["freshen"])
            }) && !all.iter().any(|o| o.is(Some('q'), &["query"]) || o.is(Some('V'), &["verify"]));
            (installs && opt.is(None, &["nosignature", "nodigest"])).then(|| (opt.arg.span, word()))
        }
        "zypper" => opt.is(None, &["no-gpg-checks", "allow-unsigned-rpm"]).then(|| (opt.arg.span, word())),
        _ => {
            if opt.is(None, &["nogpgcheck", "no-gpgchecks"]) {
                return Some((opt.arg.span, word()));
            }
            let value = opt.value.filter(|_| opt.is(None, &["setopt"]))?;
            let (key, v) = value.text?.split_once('=')?;
            let gpg = key == "gpgcheck" || key.ends_with(".gpgcheck");
            (gpg && is_off(v)).then(|| (value.arg.span, format!("--setopt={key}={v}")))
        }
    }
}

/// Every package is a local file the build made: the check has nothing to verify.
fn own_packages(script: &Script, cmd: &Command, packages: &[&Arg], src: &str) -> bool {
    !packages.is_empty() && packages.iter().all(|p| own_package_file(script, cmd, p, src, ".rpm"))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    fn signature_checks_off() {
        let src = "FROM rockylinux:9\nRUN dnf install -y --nogpgcheck tool && yum --setopt=*.gpgcheck=0 install -y x\n\
                   RUN zypper --no-gpg-checks in -y y && rpm -ivh --nosignature https://r.example/z.rpm\n\
                   RUN curl -o /tmp/w.rpm https://r.example/w.rpm && rpm -Uvh --nodigest /tmp/w.rpm\n\
                   RUN sed -i 's/gpgcheck=1/gpgcheck=0/' /etc/yum.repos.d/x.repo\n\
                   RUN cat <<EOF > /etc/yum.repos.d/r.repo\n[r]\nbaseurl=https://r.example\ngpgcheck=0\nEOF\n";
        assert_eq!(
            spans("DF326", src),
            [
                "--nogpgcheck",
                "--setopt=*.gpgcheck=0",
                "--no-gpg-checks",
                "--nosignature",
                "--nodigest",
                "'s/gpgcheck=1/gpgcheck=0/'",
                "gpgcheck=0",
            ]
        );
        assert_eq!(
            findings("DF326", src)[0].1,
            "`dnf --nogpgcheck` installs packages without checking their signatures"
        );
    }

    #[test]
    fn checks_on_queries_and_own_packages() {
        let src = "FROM rockylinux:9\nRUN dnf install -y x && rpm -qp --nosignature /tmp/a.rpm && rpm -K --nosignature b.rpm\n\
                   RUN sed -i 's/gpgcheck=0/gpgcheck=1/' /etc/yum.repos.d/x.repo && echo 'repo_gpgcheck=0' >> /etc/dnf/dnf.conf\n\
                   COPY --from=build /out/*.rpm /tmp/rpms/\nRUN dnf install -y --nogpgcheck /tmp/rpms/*.rpm\n";
        assert_eq!(spans("DF326", src), Vec::<String>::new());
    }
}
