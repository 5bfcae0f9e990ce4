//! K8S117: a custom SELinux type, user or role (PSS baseline "SELinux").

use super::versions::allowed_selinux_type;
use super::{Scope, known_str, pair, pss_rule};
use crate::rules::Context;

pss_rule!(SeLinux, "K8S117", check);

fn check(s: &Scope<'_, '_>, cx: &mut Context<'_>) {
    for (c, sc) in s.security_contexts() {
        let Some(options) = sc.get("seLinuxOptions").filter(|o| o.is_mapping()) else { continue };
        let owner = s.owner(c.as_ref());
        if let Some((k, v)) = options.entry("type").filter(|(_, v)| !v.is_null())
            && let Some(t) = known_str(v).filter(|t| !allowed_selinux_type(s.version, t))
        {
            let msg = format!("{owner} sets the SELinux type `{t}`");
            let help = if s.since(31) {
                "leave `seLinuxOptions.type` unset or use container_t, container_init_t, container_kvm_t or container_engine_t"
            } else {
                "leave `seLinuxOptions.type` unset or use container_t, container_init_t or container_kvm_t"
            };
            s.emit(cx, pair(k, v), msg, help);
        }
        for field in ["user", "role"] {
            let Some((k, v)) = options.entry(field).filter(|(_, v)| !v.is_null()) else { continue };
            let Some(value) = known_str(v).filter(|x| !x.is_empty()) else { continue };
            let msg = format!("{owner} sets the SELinux {field} `{value}`");
            s.emit(
                cx,
                pair(k, v),
                msg,
                &format!("remove `seLinuxOptions.{field}`: a custom SELinux {field} is forbidden"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{k8s_spans, lint_as, pod};

    #[test]
    fn type_user_and_role() {
        let src = pod(
            "securityContext:\n  seLinuxOptions:\n    type: spc_t\n    level: s0:c1\ncontainers:\n- name: a\n  securityContext:\n    seLinuxOptions: {user: system_u, role: \"\", type: container_t}\n",
        );
        assert_eq!(k8s_spans("K8S117", &src), ["type: spc_t", "user: system_u"]);
    }

    #[test]
    fn container_engine_t_from_v1_31() {
        let src = pod("containers:\n- name: a\n  securityContext:\n    seLinuxOptions: {type: container_engine_t}\n");
        assert!(k8s_spans("K8S117", &src).is_empty());
        let mut options = Options::default();
        options.kubernetes.pss_version = Some("v1.30".into());
        assert_eq!(lint_as("K8S117", "m.yaml", &src, options).len(), 1);
    }
}
