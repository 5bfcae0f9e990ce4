//! K8S120: a sysctl outside the safe set of the policy version (PSS baseline "Sysctls").

use super::versions::safe_sysctl;
use super::{Scope, known_str, pss_rule};
use crate::rules::Context;

pss_rule!(Sysctls, "K8S120", check);

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    let Some(sc) = s.pod.security_context() else { return };
    for item in sc.get("sysctls").into_iter().flat_map(|l| l.items()).filter(|i| i.is_mapping()) {
        let (at, name) = match item.get("name") {
            Some(n) => match known_str(n) {
                Some(name) => (n.span(), name),
                None => continue,
            },
            None => (item.span(), ""),
        };
        if safe_sysctl(s.version, name) {
            continue;
        }
        let msg = format!("{} sets the sysctl `{name}`, which is not in the safe set", s.pod_who());
        let help = format!(
            "remove it, or set it on the node; the safe sysctls of PSS {} are namespaced and isolated from other pods",
            s.version
        );
        s.emit(cx, at, msg, &help);
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as, pod};

    #[test]
    fn the_safe_set_grows_with_the_version() {
        let src = pod(
            "securityContext:\n  sysctls:\n  - name: kernel.msgmax\n    value: \"65536\"\n  - name: net.ipv4.tcp_keepalive_time\n    value: \"60\"\ncontainers:\n- name: a\n",
        );
        assert_eq!(k8s_spans("K8S120", &src), ["kernel.msgmax"]);
        let mut options = Options::default();
        options.kubernetes.pss_version = Some("v1.28".into());
        assert_eq!(lint_as("K8S120", "m.yaml", &src, options).len(), 2);
    }
}
