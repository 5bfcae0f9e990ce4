//! K8S311: Tiller listens on every interface, not only on localhost.

use super::flags::flag_values;
use super::tiller::tiller;
use crate::model::kubernetes::Object;
use crate::model::kubernetes::is_templated;
use crate::rules::{Context, Rule};

pub struct TillerListenerExposed;

impl Rule for TillerListenerExposed {
    fn code(&self) -> &'static str {
        "K8S311"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        for c in pod.containers() {
            if tiller(&pod, &c).is_none() {
                continue;
            }
            let listen = flag_values(&c.argv(), "listen").pop();
            let who = format!("{} of {}", c.display_name(), object.display_name());
            let (span, message) = match listen {
                Some(l) if is_templated(l.value) || is_local(l.value) => continue,
                Some(l) => (l.node.span(), format!("{who} runs Tiller with `--listen={}`", l.value)),
                None => (c.anchor(), format!("{who} runs Tiller without `--listen`: it listens on `:44134`")),
            };
            let d = cx.diag(span, format!("{message}, reachable from every pod in the cluster")).with_help(
                "pass `--listen=localhost:44134` (`helm init --override \
                     'spec.template.spec.containers[0].command'='{/tiller,--listen=localhost:44134}'`) so that only \
                     `helm` through `kubectl port-forward` reaches it, and delete the `tiller-deploy` Service",
            );
            cx.emit(d);
        }
    }
}

fn is_local(address: &str) -> bool {
    let host = address.rsplit_once(':').map_or(address, |(h, _)| h);
    matches!(host, "localhost" | "127.0.0.1" | "[::1]" | "::1")
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    fn tiller(extra: &str) -> String {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: tiller-deploy\nspec:\n  template:\n    spec:\n\
             \x20     containers:\n      - name: tiller\n        image: ghcr.io/helm/tiller:v2.17.0\n{extra}"
        )
    }

    #[test]
    fn only_a_localhost_listener_is_private() {
        assert_eq!(k8s_spans("K8S311", &tiller("")), ["tiller"]);
        assert_eq!(k8s_spans("K8S311", &tiller("        args: ['--listen=:44134']\n")), ["'--listen=:44134'"]);
        assert_eq!(k8s_spans("K8S311", &tiller("        args: [--listen, '0.0.0.0:44134']\n")), ["'0.0.0.0:44134'"]);
        for private in [
            "        command: [/tiller, --listen=localhost:44134]\n",
            "        args: [--listen, '127.0.0.1:44134']\n",
            "        args: ['--listen={{ .Values.listen }}']\n",
        ] {
            assert!(k8s_spans("K8S311", &tiller(private)).is_empty(), "{private}");
        }
    }
}
