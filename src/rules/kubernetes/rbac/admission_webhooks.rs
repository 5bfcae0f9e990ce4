//! K8S812: a ClusterRole can create, change or delete admission webhook configurations.

use super::model::{Access, Resource};
use super::{At, Concern};

const ADMISSION: &str = "admissionregistration.k8s.io";

static WRITE_WEBHOOKS: Access = Access {
    resources: &[
        Resource { group: ADMISSION, name: "mutatingwebhookconfigurations", cluster_scoped: true },
        Resource { group: ADMISSION, name: "validatingwebhookconfigurations", cluster_scoped: true },
    ],
    verbs: &["create", "update", "patch", "delete", "deletecollection"],
};

/// Named configurations are no limit: `update` on one can rewrite its rules to intercept any object.
pub static ADMISSION_WEBHOOKS: Concern = Concern {
    code: "K8S812",
    access: &WRITE_WEBHOOKS,
    at: At::Resource,
    names_narrow: false,
    what: "can change admission webhooks, and so see, alter or let through every API request",
    help: "let a dedicated certificate injector (e.g. cert-manager's cainjector) own webhook configurations, \
           or grant `get` only",
};

#[cfg(test)]
mod tests {
    use crate::rules::kubernetes::rbac::role;
    use crate::rules::testing::k8s_spans;

    #[test]
    fn writing_webhook_configurations_even_named_ones() {
        let src = role(
            "ClusterRole",
            "- apiGroups: [admissionregistration.k8s.io]\n  resources: [validatingwebhookconfigurations]\n  resourceNames: [mine]\n  verbs: [get, update]\n",
        );
        assert_eq!(k8s_spans("K8S812", &src), ["validatingwebhookconfigurations"]);
    }

    #[test]
    fn reading_them_is_silent() {
        let src = role(
            "ClusterRole",
            "- apiGroups: [admissionregistration.k8s.io]\n  resources: [mutatingwebhookconfigurations]\n  verbs: [get, list, watch]\n",
        );
        assert!(k8s_spans("K8S812", &src).is_empty());
    }
}
