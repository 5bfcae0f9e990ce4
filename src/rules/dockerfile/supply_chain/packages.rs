//! Package installations: for one shell command, the package manager it runs (`apt-get install`,
//! `apk add`, `pip install`, `npm install`, ...), the words that name packages, and whether each
//! names a version in that manager's syntax. The pinning rules DF330-DF338 differ only in the
//! manager they report, so they all call [`report_unpinned`].

use crate::model::dockerfile::DockerfileModel;
use crate::rules::Context;
use crate::rules::dockerfile::cli::{self, Spec};
use crate::rules::dockerfile::package_options;
use crate::syntax::shell::{Arg, Command};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Manager {
    /// `apt-get` and `apt`.
    Apt,
    Apk,
    /// `pip`, `pip3`, `python3 -m pip`.
    Pip,
    /// `npm`, `yarn`, `pnpm`: the npm registry.
    Npm,
    Gem,
    /// `go install`.
    Go,
    Yum,
    /// `dnf` and `microdnf`.
    Dnf,
    Zypper,
}

/// One package word of an install command.
#[derive(Debug)]
pub struct Package<'c> {
    pub arg: &'c Arg,
    /// The package as the manager sees it (variables expanded), or the raw word when only the
    /// shell knows it.
    pub name: &'c str,
    pub pinned: bool,
}

#[derive(Debug)]
pub struct Install<'c> {
    pub manager: Manager,
    /// The program as invoked (`apt-get`, `pip3`, `microdnf`, `yarn`; `pip` for `python -m pip`).
    pub program: &'c str,
    /// The words that name packages (or local package files). A word the shell completes counts
    /// when its literal part names the package (`linux-headers-$(uname -r)`); one that may be
    /// anything (`$(cat list)`, an undefined `$PKGS`) is left out.
    pub packages: Vec<Package<'c>>,
}

/// The package installation `cmd` runs, if it is one (`src` is the file, for the raw words).
pub fn install<'c>(src: &'c str, cmd: &'c Command) -> Option<Install<'c>> {
    let name = cmd.program()?;
    let manager = match name {
        "apt-get" | "apt" => Manager::Apt,
        "apk" => Manager::Apk,
        "npm" | "yarn" | "pnpm" => Manager::Npm,
        "gem" => Manager::Gem,
        "go" => Manager::Go,
        "yum" => Manager::Yum,
        "dnf" | "microdnf" => Manager::Dnf,
        "zypper" => Manager::Zypper,
        p if versioned(p, "pip") || versioned(p, "python") => Manager::Pip,
        _ => return None,
    };
    let (program, args) =
        if versioned(name, "python") { ("pip", python_m_pip(&cmd.args)?) } else { (name, cmd.args.as_slice()) };
    let parsed = cli::parse(args, &options(manager));
    // A dry run installs nothing (`apt-get install -s x` probes whether a package exists).
    if parsed.has(dry_run(manager)) {
        return None;
    }
    let operands = &parsed.operands;
    // The subcommand is read from the known words (`apt-get $OPTS install x` still installs).
    let known: Vec<(usize, &str)> = operands.iter().enumerate().filter_map(|(i, a)| Some((i, a.value()?))).collect();
    let sub = subcommands(program)
        .iter()
        .find(|sub| sub.len() <= known.len() && sub.iter().zip(&known).all(|(s, (_, v))| s == v))?;
    let first_package = known.get(sub.len().checked_sub(1)?).map_or(0, |(i, _)| i + 1);
    // `yum module install nodejs:18` installs module streams, pinned by their `:stream`.
    let module = sub.first() == Some(&"module");
    let all_pinned = match manager {
        // A constraints file decides the versions (hadolint agrees).
        Manager::Pip => parsed.has(&["-c", "--constraint"]),
        // `gem install x -v 1.2`: the version applies to the one gem it may name.
        Manager::Gem => parsed.has(&["-v", "--version"]),
        _ => false,
    };
    let packages = operands
        .get(first_package..)
        .unwrap_or(&[])
        .iter()
        .filter_map(|&arg| {
            let (name, versioned) = match arg.value() {
                Some(name) => (name, pinned(manager, module, name)),
                None => (arg.span.slice(src), unknown_pinned(manager, module, arg.span.slice(src))?),
            };
            Some(Package { arg, name, pinned: all_pinned || versioned })
        })
        // `dnf install @development-tools` names a group; groups have no version.
        .filter(|p| !(matches!(manager, Manager::Yum | Manager::Dnf) && p.name.starts_with('@')))
        .collect();
    Some(Install { manager, program, packages })
}

/// Whether a word the shell completes (`"curl=${V}"`, `linux-headers-$(uname -r)`) is pinned,
/// read from its source text; `None` when the expansion may be the whole package (`$PKGS`).
fn unknown_pinned(manager: Manager, module: bool, raw: &str) -> Option<bool> {
    let literal = raw.trim_matches(['"', '\'']);
    // `httpd-$VERSION`: for rpm managers the expansion may well be the version.
    if literal.is_empty() || literal.starts_with(['$', '`', '<']) || matches!(manager, Manager::Yum | Manager::Dnf) {
        return None;
    }
    // The literal part names the package (or a file); the pin, if any, is written around it.
    Some(pinned(manager, module, literal))
}

/// Reports every package that `manager` installs without a version in the file's RUN instructions.
pub fn report_unpinned(cx: &mut Context<'_>, file: &DockerfileModel<'_>, manager: Manager) {
    for run in file.runs() {
        for cmd in run.commands() {
            let Some(install) = install(cx.src, cmd).filter(|i| i.manager == manager) else { continue };
            for p in install.packages.iter().filter(|p| !p.pinned) {
                let raw = p.arg.span.slice(cx.src);
                // A package that came from a variable (`$PKGS`) is named with its source.
                let from = if raw.contains('$') && raw != p.name { format!(" (from `{raw}`)") } else { String::new() };
                let what = if p.name.ends_with("@latest") {
                    ": `@latest` is not a version pin"
                } else {
                    " without pinning its version"
                };
                let message = format!("{} installs `{}`{from}{what}", install.program, p.name);
                let d = cx.diag(p.arg.span, message).with_help(help(manager, install.program, p.name));
                cx.emit(d);
            }
        }
    }
}

/// How to pin `name` with this manager.
fn help(manager: Manager, program: &str, name: &str) -> String {
    let bare = name.strip_suffix("@latest").unwrap_or(name);
    match manager {
        Manager::Apt => format!(
            "pin the version: `{program} install {bare}=<version>` (`apt-cache policy {bare}` lists them); \
             a build argument keeps it in one place: `{bare}=${{VERSION}}`"
        ),
        Manager::Apk => format!(
            "pin the version: `apk add {bare}=<version>`, or `{bare}~<major.minor>` to take only patch releases"
        ),
        Manager::Pip => format!(
            "pin the version: `{program} install {bare}==<version>`, or install from a requirements or \
             constraints file that pins it (`-r requirements.txt`, `-c constraints.txt`)"
        ),
        Manager::Npm => format!(
            "pin the version: `{program} {} {bare}@<version>`",
            if program == "npm" { "install" } else { "add" }
        ),
        Manager::Gem => format!("pin the version: `gem install {bare}:<version>` or `gem install {bare} -v <version>`"),
        Manager::Go => format!("pin the module version: `go install {bare}@v<version>`"),
        Manager::Yum | Manager::Dnf => format!("pin the version: `{program} install {bare}-<version>`"),
        Manager::Zypper => format!(
            "pin the version: `zypper install '{bare}=<version>'` (quoted: the shell reads an unquoted `<` or \
             `>` as a redirection)"
        ),
    }
}

/// The options of each manager that take a value: their value is not a package (`-t release`,
/// `--virtual .build-deps`, `-r requirements.txt`).
fn options(manager: Manager) -> Spec {
    match manager {
        Manager::Apt => Spec::new(package_options::APT),
        Manager::Apk => Spec::new(package_options::APK),
        Manager::Pip => Spec::new(package_options::PIP),
        Manager::Npm => Spec::new(&[
            "--prefix",
            "--registry",
            "--cache",
            "--loglevel",
            "--tag",
            "-w",
            "--workspace",
            "--omit",
            "--include",
            "--userconfig",
            "--location",
            "--install-strategy",
            "--save-prefix",
            // yarn and pnpm
            "--cwd",
            "--network-timeout",
            "--modules-folder",
            "--cache-folder",
            "--global-folder",
            "-C",
            "--dir",
            "-F",
            "--filter",
            "--store-dir",
        ]),
        Manager::Gem => Spec::new(&[
            "-v",
            "--version",
            "-i",
            "--install-dir",
            "-n",
            "--bindir",
            "-s",
            "--source",
            "--platform",
            "-P",
            "--trust-policy",
            "--build-root",
            "-g",
            "--file",
        ]),
        Manager::Go => Spec::single_dash(&[
            "-C",
            "-p",
            "-asmflags",
            "-buildmode",
            "-buildvcs",
            "-compiler",
            "-gccgoflags",
            "-gcflags",
            "-installsuffix",
            "-ldflags",
            "-mod",
            "-modfile",
            "-overlay",
            "-pgo",
            "-pkgdir",
            "-tags",
            "-toolexec",
            "-o",
        ]),
        Manager::Yum | Manager::Dnf => Spec::new(package_options::RPM),
        Manager::Zypper => Spec::new(package_options::ZYPPER),
    }
}

/// The options that make an install a dry run.
fn dry_run(manager: Manager) -> &'static [&'static str] {
    match manager {
        Manager::Apt => &["-s", "--simulate", "--dry-run", "--just-print", "--recon", "--no-act"],
        Manager::Apk => &["-s", "--simulate"],
        Manager::Pip | Manager::Npm => &["--dry-run"],
        Manager::Go => &["-n"],
        Manager::Yum | Manager::Dnf => &["--assumeno"],
        Manager::Zypper => &["-D", "--dry-run"],
        Manager::Gem => &[],
    }
}

/// The leading operands that make an install, per program.
fn subcommands(program: &str) -> &'static [&'static [&'static str]] {
    match program {
        "apk" => &[&["add"]],
        "npm" => &[&["install"], &["i"], &["in"], &["add"]],
        "yarn" => &[&["add"], &["global", "add"]],
        "pnpm" => &[&["add"]],
        "gem" => &[&["install"], &["i"]],
        // hadolint reports `go get` too: outside a module it installs like `go install`.
        "go" => &[&["install"], &["get"]],
        "yum" | "dnf" | "microdnf" => &[&["install"], &["module", "install"]],
        "zypper" => &[&["install"], &["in"]],
        _ => &[&["install"]],
    }
}

/// Whether `p` names a version (or a fixed file) in the manager's syntax.
fn pinned(manager: Manager, module: bool, p: &str) -> bool {
    match manager {
        // `pkg=1.2-3`; a local `.deb` is a fixed file.
        Manager::Apt => p.contains('=') || is_path(p) || p.ends_with(".deb"),
        // `pkg=1.2-r0`, `pkg~1.2` (hadolint accepts both); `.apk` files.
        Manager::Apk => p.contains(['=', '~']) || p.ends_with(".apk"),
        Manager::Pip => pip_pinned(p),
        Manager::Npm => npm_pinned(p),
        Manager::Gem => p.contains(':') || p.ends_with(".gem"),
        Manager::Go => go_pinned(p),
        Manager::Yum | Manager::Dnf if module => p.contains(':'),
        Manager::Yum | Manager::Dnf => p.ends_with(".rpm") || rpm_versioned(p),
        // `'pkg=1.2'`, `'pkg>=1.2'`; `.rpm` files.
        Manager::Zypper => p.contains(['=', '<', '>']) || p.ends_with(".rpm"),
    }
}

fn is_path(p: &str) -> bool {
    p == "." || p == ".." || ["/", "./", "../", "~/"].iter().any(|s| p.starts_with(s))
}

/// A version specifier (`==`, `~=`, `>=`, ... as hadolint accepts them), a VCS URL with `@ref`, a
/// local path, URL, wheel or sdist.
fn pip_pinned(p: &str) -> bool {
    const VCS: [&str; 5] = ["git+", "hg+", "svn+", "bzr+", "git://"];
    if VCS.iter().any(|s| p.starts_with(s)) {
        // `git+https://host/org/repo@v1.2#egg=x`: the ref follows the path (`git@host` is a user).
        let path = p.split_once("://").map_or(p, |(_, rest)| rest);
        return path.split_once('/').is_some_and(|(_, path)| path.contains('@'));
    }
    ["==", "~=", "!=", ">=", "<=", "<", ">"].iter().any(|s| p.contains(s))
        || p.contains('/')
        || is_path(p)
        || p.ends_with(".whl")
        || p.ends_with(".tar.gz")
}

/// `pkg@1.2` (`@scope/pkg@1.2`; `@latest` follows every release), a git URL with `#ref`, a
/// tarball or a folder.
fn npm_pinned(p: &str) -> bool {
    const GIT: [&str; 7] = ["git://", "git+ssh://", "git+http://", "git+https://", "github:", "gitlab:", "bitbucket:"];
    if GIT.iter().any(|g| p.starts_with(g)) {
        return p.contains('#');
    }
    if [".tar", ".tar.gz", ".tgz"].iter().any(|s| p.ends_with(s)) || is_path(p) {
        return true;
    }
    let unscoped = if p.starts_with('@') { p.split_once('/').map_or("", |(_, rest)| rest) } else { p };
    unscoped.split_once('@').is_some_and(|(_, version)| !version.is_empty() && version != "latest")
}

/// `module/path@v1.2.3` (not `@latest`); a package of the current module (`./...`) is pinned by
/// its `go.mod`.
fn go_pinned(p: &str) -> bool {
    p.starts_with(['.', '/']) || p.rsplit_once('@').is_some_and(|(_, version)| version != "latest")
}

/// `name-version[-release]`: the last `-` part starts with a digit (`httpd-2.4.37`,
/// `nodejs-18.19.0-1.el9`), unlike a name with a number inside (`java-11-openjdk`).
fn rpm_versioned(p: &str) -> bool {
    p.rsplit_once('-').is_some_and(|(name, last)| !name.is_empty() && last.starts_with(|c: char| c.is_ascii_digit()))
}

/// `pip`, `pip3`, `pip3.12`; `python`, `python3.12`.
fn versioned(program: &str, base: &str) -> bool {
    program.strip_prefix(base).is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// The arguments pip gets in `python3 [options] -m pip ARGS`.
fn python_m_pip(args: &[Arg]) -> Option<&[Arg]> {
    let mut i = 0;
    while let Some(v) = args.get(i)?.value() {
        match v {
            "-m" => {
                let module = args.get(i + 1)?.value()?;
                return if versioned(module, "pip") { args.get(i + 2..) } else { None };
            }
            // Options with a value.
            "-W" | "-X" => i += 2,
            // `-c` runs a string; anything else that is not an option is a script.
            _ if v.starts_with('-') && !v.contains('c') => i += 1,
            _ => return None,
        }
    }
    None
}
