//! K8S104: a container keeps the NET_RAW capability (neither `NET_RAW` nor `ALL` is dropped).

use super::security_context::{missing_field_at, who};
use crate::model::kubernetes::{Container, Object};
use crate::rules::{Context, Rule};
use crate::syntax::yaml::NodeRef;

pub struct NetRawNotDropped;

const HELP: &str = "add `NET_RAW` (or `ALL`) to `securityContext.capabilities.drop`";

impl Rule for NetRawNotDropped {
    fn code(&self) -> &'static str {
        "K8S104"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        // Capabilities are a Linux notion.
        if pod.targets_windows() {
            return;
        }
        for c in pod.containers() {
            check(cx, object, &c);
        }
    }
}

fn check(cx: &mut Context<'_>, object: &Object<'_>, c: &Container<'_>) {
    let caps = c.security_context.and_then(|sc| sc.entry("capabilities")).filter(|(_, v)| !v.is_null());
    let drop = caps.and_then(|(_, v)| v.entry("drop")).filter(|(_, v)| !v.is_null());
    let Some((drop_key, list)) = drop else {
        let at = caps.map_or_else(|| missing_field_at(c), |(k, _)| k.span());
        let d = cx.diag(at, format!("{} keeps the NET_RAW capability: no `capabilities.drop`", who(c, object)));
        cx.emit(d.with_help(HELP));
        return;
    };
    // A templated list, or an item that is not a plain name: unknown.
    if !list.is_sequence() || list.items().any(|i| i.str().is_none()) {
        return;
    }
    // Dropped: NET_RAW is gone, unless it is added back, which the capabilities rule reports.
    if c.capabilities("drop").any(|i| removes_net_raw(i)) {
        return;
    }
    let names: Vec<&str> = c.capabilities("drop").filter_map(|i| i.str()).collect();
    let dropped = if names.is_empty() {
        "its `capabilities.drop` is empty".to_string()
    } else {
        format!("it drops only [{}]", names.join(", "))
    };
    let d =
        cx.diag(drop_key.span(), format!("{} keeps the NET_RAW capability: {dropped}", who(c, object))).with_help(HELP);
    cx.emit(d);
}

/// `NET_RAW` or `ALL`, as the runtimes read a capability name: any case, `CAP_` prefix optional.
fn removes_net_raw(item: NodeRef<'_>) -> bool {
    let Some(name) = item.str() else { return false };
    let upper = name.to_ascii_uppercase();
    let bare = upper.strip_prefix("CAP_").unwrap_or(&upper);
    bare == "NET_RAW" || bare == "ALL"
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn points_at_drop_capabilities_or_the_container() {
        let src = pod(concat!(
            "containers:\n- name: a\n",
            "- name: b\n  securityContext:\n    capabilities:\n      drop: [SYS_ADMIN]\n",
            "- name: c\n  securityContext:\n    capabilities:\n      add: [NET_BIND_SERVICE]\n",
            "- name: d\n  securityContext:\n    runAsUser: 1\n",
        ));
        assert_eq!(k8s_spans("K8S104", &src), ["a", "drop", "capabilities", "securityContext"]);
    }

    #[test]
    fn any_spelling_of_all_or_net_raw_counts() {
        for name in ["ALL", "all", "NET_RAW", "CAP_NET_RAW", "net_raw"] {
            let src =
                pod(&format!("containers:\n- name: a\n  securityContext:\n    capabilities:\n      drop: [{name}]\n"));
            assert!(k8s_spans("K8S104", &src).is_empty(), "{name}");
        }
        // A name merely containing NET_RAW is another capability.
        let src = pod("containers:\n- name: a\n  securityContext:\n    capabilities:\n      drop: [NET_RAWX]\n");
        assert_eq!(k8s_spans("K8S104", &src), ["drop"]);
    }

    #[test]
    fn templated_lists_and_windows_pods_are_not_guessed() {
        let src =
            pod("containers:\n- name: a\n  securityContext:\n    capabilities:\n      drop: \"{{ .Values.drop }}\"\n");
        assert!(k8s_spans("K8S104", &src).is_empty());
        let src = pod("os: {name: windows}\ncontainers:\n- name: a\n");
        assert!(k8s_spans("K8S104", &src).is_empty());
    }
}
