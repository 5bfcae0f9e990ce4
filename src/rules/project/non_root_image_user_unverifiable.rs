//! K8S430: a container requires `runAsNonRoot` without `runAsUser`, and the Dockerfile its image
//! is built from ends with a named user or root: the kubelet refuses to start it.

use super::image_users::{Images, is_named};
use super::{Project, ProjectRule};
use crate::diagnostic::Diagnostic;
use crate::project::FinalUser;

pub struct NonRootImageUserUnverifiable;

impl ProjectRule for NonRootImageUserUnverifiable {
    fn code(&self) -> &'static str {
        "K8S430"
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<Diagnostic>) {
        let index = project.index;
        let findings = super::Findings::of(self.code());
        let images = Images::new(index);
        for w in &index.workloads {
            for c in w.containers.iter().filter(|c| c.run_as_non_root && !c.run_as_user) {
                let Some(dockerfile) = images.dockerfile(c) else { continue };
                let why = match (&dockerfile.final_user, is_named(&dockerfile.final_user)) {
                    (_, Some(user)) => format!(
                        "its image's Dockerfile `{}` ends with `USER {user}`, a name the kubelet cannot check is \
                         not root (\"image has non-numeric user\")",
                        dockerfile.path
                    ),
                    (FinalUser::Root, None) => {
                        format!(
                            "its image's Dockerfile `{}` runs as root (\"image will run as root\")",
                            dockerfile.path
                        )
                    }
                    _ => continue,
                };
                let message = format!(
                    "container `{}` of {} {}/{} requires runAsNonRoot without runAsUser, and the kubelet will \
                     not start it: {why}",
                    c.name, w.kind, w.namespace, w.name
                );
                if let Some(d) = findings.at(&w.path, c.image_span, c.source.as_ref(), message) {
                    out.push(d.with_help(
                        "set a numeric non-root `runAsUser` (e.g. 10001) in the container's securityContext, or end \
                         the Dockerfile with a numeric `USER 10001:10001`",
                    ));
                }
            }
        }
    }
}
