//! K8S314: git-sync told to run another program as `git` (`GITSYNC_GIT`, `--git`).

use super::flags::flag_values;
use super::images::container_image;
use crate::model::kubernetes::Object;
use crate::model::kubernetes::is_templated;
use crate::rules::{Context, Rule};
use crate::span::Span;

pub struct GitSyncCustomGit;

/// git-sync v4 reads `GITSYNC_GIT`, and `GIT_SYNC_GIT` as v3 did.
const ENV: [&str; 2] = ["GITSYNC_GIT", "GIT_SYNC_GIT"];
/// The default, and where the git-sync image has it.
const DEFAULT_GIT: [&str; 2] = ["git", "/usr/bin/git"];

impl Rule for GitSyncCustomGit {
    fn code(&self) -> &'static str {
        "K8S314"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        for c in pod.containers() {
            let mut found: Vec<(Span, String)> = Vec::new();
            // The variable names are git-sync's own, whatever the image is called.
            for env in c.list("env") {
                let Some((key, name)) = env.entry("name") else { continue };
                let Some(var) = name.str().filter(|n| ENV.contains(n)) else { continue };
                match env.entry("value").filter(|(_, v)| !v.is_null()) {
                    Some((k, v)) => {
                        if let Some(git) =
                            v.str().filter(|s| !s.trim().is_empty() && !is_default(s) && !is_templated(s))
                        {
                            found.push((k.span().cover(v.span()), format!("`{var}={git}`")));
                        }
                    }
                    None if env.get("valueFrom").is_some() => {
                        found.push((key.span().cover(name.span()), format!("`{var}` from `valueFrom`")))
                    }
                    None => {}
                }
            }
            // A `--git` flag is only git-sync's when the image is git-sync.
            if container_image(&c).is_some_and(|i| i.image.name() == "git-sync") {
                for f in flag_values(&c.argv(), "git") {
                    if !is_default(f.value) && !is_templated(f.value) {
                        found.push((f.flag.span().cover(f.node.span()), format!("`--git={}`", f.value)));
                    }
                }
            }
            for (span, how) in found {
                let d = cx
                    .diag(
                        span,
                        format!(
                            "{} of {} sets git-sync's git command with {how}: git-sync runs that program on every sync",
                            c.display_name(),
                            object.display_name()
                        ),
                    )
                    .with_help(
                        "remove the override and use the image's `git`: a path into the synced repository or a \
                         shared volume lets whoever can push there, or edit the source of the value, run code in \
                         the pod with its service account (Akamai, 2024)",
                    );
                cx.emit(d);
            }
        }
    }
}

fn is_default(git: &str) -> bool {
    DEFAULT_GIT.contains(&git.trim())
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;
    use crate::rules::testing::pod;

    #[test]
    fn git_command_overrides() {
        let src = pod("containers:\n\
                       - name: sync\n  image: registry.k8s.io/git-sync/git-sync:v4.2.1\n\
                       \x20 args: ['--repo=https://example.com/r', '--git=/tmp/git/repo/hook']\n\
                       \x20 env:\n\
                       \x20 - {name: GITSYNC_GIT, value: /git/bin/git}\n\
                       \x20 - {name: GIT_SYNC_GIT, valueFrom: {configMapKeyRef: {name: c, key: git}}}\n\
                       \x20 - {name: GITSYNC_GIT_CONFIG, value: 'safe.directory:*'}\n\
                       - name: app\n  image: nginx:1.27\n  args: [--git=/x]\n\
                       \x20 env: [{name: GITSYNC_GIT, value: git}]\n");
        assert_eq!(
            k8s_spans("K8S314", &src),
            ["'--git=/tmp/git/repo/hook'", "value: /git/bin/git", "name: GIT_SYNC_GIT"]
        );
    }
}
