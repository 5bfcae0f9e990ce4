//! DF716: `FROM --platform=<constant>` (BuildKit `FromPlatformFlagConstDisallowed`).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::dockerfile::correctness::var_refs;
use crate::rules::{Context, Rule};

pub struct ConstantPlatform;

impl Rule for ConstantPlatform {
    fn code(&self) -> &'static str {
        "DF716"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            let Some(flag) = stage.from.flag("platform") else { continue };
            let (Some(value), Some(span)) = (flag.value.as_deref(), flag.value_span) else { continue };
            if !var_refs::in_flag_value(span, cx.src, file.ast.escape).is_empty() {
                continue;
            }
            let Some((os, arch)) = parse_platform(value) else { continue };
            // BuildKit's exception: a stage named for its platform (`AS build-arm64`) is meant
            // to be platform-specific.
            let name = stage.name.as_deref().unwrap_or("");
            if !name.is_empty() && (name.contains(os) || arch.is_some_and(|a| name.contains(a))) {
                continue;
            }
            let d = cx.diag(span, format!("`--platform={value}` pins this stage to one platform")).with_help(
                "drop `--platform` and choose the platform with `docker build --platform`, or use \
                     `$BUILDPLATFORM` for a stage that runs on the build machine; a stage that must target \
                     one platform can say so in its name (`AS build-amd64`)",
            );
            cx.emit(d);
        }
    }
}

/// `os[/arch[/variant]]` or a lone architecture, as containerd's `platforms.Parse` reads them:
/// the OS and the normalised architecture, or `None` when it does not parse (the build fails on
/// it anyway).
fn parse_platform(value: &str) -> Option<(&'static str, Option<&'static str>)> {
    let lower = value.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split('/').collect();
    match parts.as_slice() {
        [one] => match (os(one), arch(one)) {
            (Some(os), _) => Some((os, None)),
            (None, Some(arch)) => Some(("linux", Some(arch))),
            _ => None,
        },
        [o, a] | [o, a, _] => Some((os(o)?, Some(arch(a)?))),
        _ => None,
    }
}

fn os(s: &str) -> Option<&'static str> {
    const KNOWN: [&str; 12] = [
        "linux", "windows", "darwin", "freebsd", "netbsd", "openbsd", "solaris", "illumos", "android", "ios", "aix",
        "plan9",
    ];
    KNOWN.into_iter().find(|k| *k == s).or((s == "macos").then_some("darwin"))
}

fn arch(s: &str) -> Option<&'static str> {
    Some(match s {
        "amd64" | "x86_64" | "x86-64" => "amd64",
        "arm64" | "aarch64" | "armv8" => "arm64",
        "arm" | "armhf" | "armel" | "armv6l" | "armv7l" => "arm",
        "386" | "i386" | "i686" | "x86" => "386",
        "ppc64le" => "ppc64le",
        "ppc64" => "ppc64",
        "s390x" => "s390x",
        "riscv64" => "riscv64",
        "mips64le" => "mips64le",
        "mips64" => "mips64",
        "loong64" => "loong64",
        "wasm" => "wasm",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    fn found(src: &str) -> Vec<String> {
        crate::rules::testing::spans("DF716", src)
    }

    #[test]
    fn constant_platforms() {
        assert_eq!(found("FROM --platform=linux/amd64 alpine AS base\n"), vec!["linux/amd64"]);
        assert_eq!(found("FROM --platform=\"linux/arm64/v8\" alpine\n"), vec!["\"linux/arm64/v8\""]);
        assert_eq!(found("FROM --platform=aarch64 alpine\n"), vec!["aarch64"]);
    }

    #[test]
    fn variables_and_platform_stages_are_fine() {
        assert!(found("FROM --platform=$BUILDPLATFORM alpine\n").is_empty());
        assert!(found("ARG ARCH=amd64\nFROM --platform=linux/${ARCH} alpine\n").is_empty());
        // BuildKit's own example: stages named for their platform.
        assert!(found("FROM --platform=linux/amd64 alpine AS build_amd64\n").is_empty());
        assert!(found("FROM --platform=linux/aarch64 alpine AS build-arm64\n").is_empty());
        assert!(found("FROM --platform=windows/amd64 img AS windows-build\n").is_empty());
        assert_eq!(found("FROM --platform=windows/amd64 img AS win\n"), vec!["windows/amd64"]);
        // Not a platform: the build fails on it, this rule has nothing to add.
        assert!(found("FROM --platform=nonsense alpine\n").is_empty());
        assert!(found("FROM alpine\n").is_empty());
    }
}
