//! DF106: the final stage works in a system directory (`WORKDIR /usr/bin`, `/etc`, ...).

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct WorkdirSystemDirectory;

/// Directories of the operating system itself. `/` (the default working directory, often set
/// again to reset it), `/root`, `/tmp`, `/opt`, `/srv` and application directories under `/var`
/// or `/usr/local` are not in the list.
const SYSTEM_DIRS: [&str; 22] = [
    "/bin",
    "/sbin",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/usr",
    "/usr/bin",
    "/usr/sbin",
    "/usr/lib",
    "/usr/lib32",
    "/usr/lib64",
    "/usr/libexec",
    "/usr/local/bin",
    "/usr/local/sbin",
    "/etc",
    "/boot",
    "/dev",
    "/proc",
    "/sys",
    "/run",
    "/var",
];

impl Rule for WorkdirSystemDirectory {
    fn code(&self) -> &'static str {
        "DF106"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        // Only the image that is built runs with this directory; a builder stage's is scratch space.
        let Some(stage) = file.final_stage() else { return };
        // The working directory so far; `None` when it comes from the base image or is unknown.
        let mut cwd: Option<String> = None;
        for (at, instr) in stage.instructions.iter().enumerate() {
            if instr.kind != InstructionKind::Workdir {
                continue;
            }
            let Some(word) = instr.words(file.ast.escape).into_iter().next() else { continue };
            let path = file.scope_at(stage, at).expand(&word.text).and_then(|p| {
                if p.starts_with('/') {
                    Some(normalize(&p))
                } else {
                    cwd.as_deref().map(|c| normalize(&format!("{c}/{p}")))
                }
            });
            if let Some(dir) = path.as_deref().filter(|d| SYSTEM_DIRS.contains(d)) {
                let d = cx
                    .diag(word.span, format!("`WORKDIR {dir}` makes a system directory the working directory"))
                    .with_help(
                        "work in a directory of the application's own, such as `/app`: relative paths in later \
                         `COPY`, `ADD` and `RUN` steps, and every file the process writes by a relative path, land \
                         among the system's files, where they can replace or shadow them",
                    );
                cx.emit(d);
            }
            cwd = path;
        }
    }
}

/// An absolute path without `.`, `..`, repeated or trailing slashes.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use crate::rules::testing::findings;

    #[test]
    fn normalizes() {
        assert_eq!(normalize("/usr//bin/"), "/usr/bin");
        assert_eq!(normalize("/app/../etc/./"), "/etc");
        assert_eq!(normalize("/.."), "/");
    }

    #[test]
    fn final_stage_system_directories() {
        let src = "FROM golang:1.23 AS build\nWORKDIR /usr/bin\nFROM alpine:3\nWORKDIR /\nWORKDIR /usr\n\
                   WORKDIR local/bin\nARG D=/etc/\nWORKDIR $D\nWORKDIR /var/www/html\nWORKDIR /root\nWORKDIR $HOME\n\
                   WORKDIR bin\n";
        let got: Vec<(String, String)> = findings("DF106", src);
        assert_eq!(
            got,
            vec![
                ("/usr".to_string(), "`WORKDIR /usr` makes a system directory the working directory".to_string()),
                (
                    "local/bin".to_string(),
                    "`WORKDIR /usr/local/bin` makes a system directory the working directory".to_string()
                ),
                ("$D".to_string(), "`WORKDIR /etc` makes a system directory the working directory".to_string()),
            ]
        );
    }
}
