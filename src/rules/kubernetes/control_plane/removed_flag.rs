//! K8S990: a control-plane flag or admission plugin that the target Kubernetes version
//! (`[kubernetes] version`) no longer has; the component refuses to start.

use super::target::Target;
use super::versions::{REMOVALS, Removed};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct RemovedControlPlaneFlag;

impl Rule for RemovedControlPlaneFlag {
    fn code(&self) -> &'static str {
        "K8S990"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let version = cx.settings.kube_version;
        for t in Target::all(object) {
            let Some(line) = t.flags() else { continue };
            for r in REMOVALS.iter().filter(|r| r.component == t.component && version.minor >= r.removed_in) {
                let binary = t.component.binary();
                let (found, error) = match r.what {
                    Removed::Flag(name) => (line.last(name), "unknown flag"),
                    Removed::AdmissionPlugin(name) => (
                        line.all("enable-admission-plugins")
                            .filter(|f| f.known().is_some_and(|v| v.split(',').any(|p| p.trim() == name)))
                            .last(),
                        "plugin is unknown",
                    ),
                };
                let Some(f) = found else { continue };
                let what = match r.what {
                    Removed::Flag(_) => format!("`{}`", f.shown),
                    Removed::AdmissionPlugin(name) => format!("the `{name}` admission plugin"),
                };
                let d = cx
                    .diag(
                        f.span,
                        format!(
                            "{} sets {what}, removed in Kubernetes v1.{}: {binary} refuses to start on the target version {version} (`{error}`)",
                            t.who, r.removed_in
                        ),
                    )
                    .with_help(format!("remove it; instead use {}", r.instead));
                cx.emit(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::lint_as;

    fn spans(src: &str, version: &str) -> Vec<String> {
        let mut options = Options::default();
        options.kubernetes.version = Some(version.into());
        lint_as("K8S990", "m.yaml", src, options).iter().map(|d| d.span.slice(src).to_string()).collect()
    }

    #[test]
    fn depends_on_the_target_version() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata: {name: kube-apiserver}\nspec:\n  containers:\n  - name: kube-apiserver\n    command: [kube-apiserver, --insecure-port=0, '--enable-admission-plugins=NodeRestriction,PodSecurityPolicy']\n";
        assert_eq!(spans(src, "1.23"), Vec::<String>::new());
        assert_eq!(spans(src, "1.24"), ["--insecure-port=0"]);
        assert_eq!(
            spans(src, "1.25"),
            ["--insecure-port=0", "'--enable-admission-plugins=NodeRestriction,PodSecurityPolicy'"]
        );
    }

    #[test]
    fn a_flag_of_another_component_is_not_removed() {
        // kube-apiserver still has `--bind-address`; the scheduler lost `--address`, the kubelet
        // still has `--address`.
        let src = "apiVersion: v1\nkind: Pod\nmetadata: {name: k}\nspec:\n  containers:\n  - name: kubelet\n    command: [kubelet, --address=0.0.0.0]\n";
        assert!(spans(src, "latest").is_empty());
    }
}
