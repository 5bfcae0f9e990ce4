//! DF401: `EXPOSE` includes the SSH port 22.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct ExposeSshPort;

const SSH: u32 = 22;

impl Rule for ExposeSshPort {
    fn code(&self) -> &'static str {
        "DF401"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            for (at, instr) in stage.instructions.iter().enumerate() {
                if instr.kind != InstructionKind::Expose {
                    continue;
                }
                let scope = file.scope_at(stage, at);
                for word in instr.words(file.ast.escape) {
                    let Some(spec) = scope.expand(&word.text) else { continue };
                    // `EXPOSE $PORTS` may expand to several ports.
                    for port in spec.split_whitespace().filter(|p| includes_ssh(p)) {
                        let message = if port.split('/').next() == Some("22") {
                            format!("`EXPOSE {port}` exposes the SSH port")
                        } else {
                            format!("`EXPOSE {port}` includes the SSH port 22")
                        };
                        let d = cx.diag(word.span, message).with_help(
                            "do not run an SSH server in a container: get a shell with `docker exec` or \
                             `kubectl exec`/`kubectl debug`, and copy files with `docker cp`; an image that is an \
                             SSH server by design can suppress this finding with a reason",
                        );
                        cx.emit(d);
                    }
                }
            }
        }
    }
}

/// `22`, `22/tcp`, a range such as `20-30/tcp`; not `22/udp` (SSH is TCP). A host part
/// (`127.0.0.1:2222:22`) is dropped, as Docker uses the container port.
fn includes_ssh(spec: &str) -> bool {
    let spec = spec.rsplit(':').next().unwrap_or(spec);
    let (ports, proto) = spec.split_once('/').unwrap_or((spec, "tcp"));
    if !proto.eq_ignore_ascii_case("tcp") {
        return false;
    }
    let (lo, hi) = ports.split_once('-').unwrap_or((ports, ports));
    match (lo.parse::<u32>(), hi.parse::<u32>()) {
        (Ok(lo), Ok(hi)) => lo <= SSH && SSH <= hi,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::includes_ssh;
    use crate::rules::testing::findings;

    #[test]
    fn port_specs() {
        for yes in ["22", "22/tcp", "22/TCP", "20-30", "1-1024/tcp", "0.0.0.0:2222:22"] {
            assert!(includes_ssh(yes), "{yes}");
        }
        for no in ["2222", "22/udp", "220", "23-30", "8022/tcp", "x", ""] {
            assert!(!includes_ssh(no), "{no}");
        }
    }

    #[test]
    fn resolves_variables() {
        let src = "FROM alpine:3\nARG SSH_PORT=22\nEXPOSE 80 ${SSH_PORT}/tcp\nEXPOSE $UNKNOWN 2222\nENV P=\"8080 22\"\nEXPOSE $P\n";
        let got = findings("DF401", src);
        assert_eq!(
            got,
            vec![
                ("${SSH_PORT}/tcp".to_string(), "`EXPOSE 22/tcp` exposes the SSH port".to_string()),
                ("$P".to_string(), "`EXPOSE 22` exposes the SSH port".to_string()),
            ]
        );
    }
}
