//! K8S431: a container sets no `runAsUser`, and the Dockerfile its image is built from runs as
//! root.

use super::image_users::Images;
use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;
use crate::project::FinalUser;

pub struct ImageRunsAsRoot;

impl ProjectRule for ImageRunsAsRoot {
    fn code(&self) -> &'static str {
        "K8S431"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let index = project.index;
        let findings = super::Findings::of(self.code());
        let images = Images::new(index);
        for w in &index.workloads {
            // With runAsNonRoot the kubelet refuses to start it instead: K8S430's.
            for c in w.containers.iter().filter(|c| !c.run_as_user && !c.run_as_non_root) {
                let Some(dockerfile) = images.dockerfile(c).filter(|d| d.final_user == FinalUser::Root) else {
                    continue;
                };
                let message = format!(
                    "container `{}` of {} {}/{} runs as root: it sets no runAsUser and its image's Dockerfile `{}` \
                     runs as root",
                    c.name, w.kind, w.namespace, w.name, dockerfile.path
                );
                if let Some(d) = findings.at(&w.path, c.image_span, c.source.as_ref(), message) {
                    out.push(d.with_help(
                        "end the Dockerfile with `USER 10001:10001` (a numeric non-root user) and set `runAsNonRoot: \
                         true` and `runAsUser: 10001` in the container's securityContext",
                    ));
                }
            }
        }
    }
}
