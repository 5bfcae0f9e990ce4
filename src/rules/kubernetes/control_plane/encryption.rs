//! K8S934: an `EncryptionConfiguration` (the file `--encryption-provider-config` names) that
//! writes resources to etcd in plain text (CIS Kubernetes Benchmark v1.9/v1.10 1.2.28).

use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct IdentityEncryptionProvider;

impl Rule for IdentityEncryptionProvider {
    fn code(&self) -> &'static str {
        "K8S934"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        if object.kind != "EncryptionConfiguration" || object.group() != "apiserver.config.k8s.io" {
            return;
        }
        let Some(resources) = object.root.get("resources") else { return };
        for entry in resources.items() {
            // The first provider encrypts new writes; the others only decrypt.
            let Some(first) = entry.get("providers").and_then(|p| p.items().next()) else { continue };
            let Some((key, _)) = first.entry("identity") else { continue };
            let names: Vec<&str> =
                entry.get("resources").into_iter().flat_map(|r| r.items()).filter_map(|r| r.str()).collect();
            let what = if names.is_empty() { "resources".to_string() } else { format!("`{}`", names.join("`, `")) };
            let d = cx
                .diag(key.span(), format!("{} writes {what} to etcd unencrypted: its first provider is `identity`", super::config_name(object)))
                .with_help("put `kms` (v2), `secretbox`, `aesgcm` or `aescbc` first; keep `identity` after it only while existing data is re-encrypted");
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    #[test]
    fn only_the_first_provider_counts() {
        let head = "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n- resources: [secrets]\n  providers:\n";
        let plain = format!("{head}  - identity: {{}}\n  - aescbc: {{keys: [{{name: k, secret: c2VjcmV0}}]}}\n");
        assert_eq!(k8s_spans("K8S934", &plain), ["identity"]);
        // identity kept last to read data written before encryption was turned on: fine.
        let migrating = format!("{head}  - aescbc: {{keys: [{{name: k, secret: c2VjcmV0}}]}}\n  - identity: {{}}\n");
        assert!(k8s_spans("K8S934", &migrating).is_empty());
    }
}
