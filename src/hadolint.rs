//! `.hadolint.yaml` beside the files, read as a caulk configuration layer so a team can switch
//! without rewriting its configuration: `ignored`, `override`, `failure-threshold`,
//! `trustedRegistries`, `label-schema` and `strict-labels` are mapped, codes through the catalog's
//! alias table. hadolint codes caulk has no
//! rule for are skipped (ShellCheck `SCxxxx` codes included).

use std::collections::HashMap;

use crate::catalog::catalog;
use crate::config::{IgnoreItem, LabelType, Options};
use crate::syntax::yaml::{self, NodeRef};

pub const FILE_NAMES: [&str; 2] = [".hadolint.yaml", ".hadolint.yml"];

/// The caulk options a `.hadolint.yaml` means.
pub fn options(text: &str) -> Result<Options, String> {
    let tree = yaml::parse(text, &yaml::Limits::default());
    if let Some(e) = tree.errors.iter().find(|e| e.kind.is_fatal()) {
        return Err(e.message.clone());
    }
    let mut opts = Options::default();
    let Some(root) = tree.documents.first().and_then(|d| tree.root(d)) else { return Ok(opts) };
    let codes = |n: Option<NodeRef<'_>>| -> Vec<String> {
        n.into_iter().flat_map(|n| n.items()).filter_map(|i| i.str()).filter(|c| known(c)).map(str::to_string).collect()
    };
    opts.ignore = codes(root.get("ignored")).into_iter().map(IgnoreItem::Rule).collect();
    if let Some(ov) = root.get("override") {
        let mut severity = HashMap::new();
        for (level, caulk_level) in [("error", "error"), ("warning", "warning"), ("info", "info"), ("style", "info")] {
            for code in codes(ov.get(level)) {
                severity.insert(code, caulk_level.to_string());
            }
        }
        opts.severity = severity;
    }
    if let Some(t) = root.get("failure-threshold").and_then(|n| n.str()) {
        opts.fail_on = match t {
            "error" | "warning" | "info" => Some(t.to_string()),
            "style" => Some("info".to_string()),
            // `ignore`/`none` never fail in hadolint; the closest caulk level is `error`.
            _ => Some("error".to_string()),
        };
    }
    match root.get("trustedRegistries") {
        Some(n) if n.is_sequence() => {
            opts.dockerfile.trusted_registries = n.items().filter_map(|i| i.str()).map(str::to_string).collect();
        }
        Some(n) => opts.dockerfile.trusted_registries = n.str().map(|s| vec![s.to_string()]).unwrap_or_default(),
        None => {}
    }
    if let Some(schema) = root.get("label-schema") {
        for (k, v) in schema.entries() {
            let (Some(key), Some(ty)) = (k.str(), v.str()) else { continue };
            let ty = LabelType::parse(ty).ok_or_else(|| format!("label-schema: unknown type `{ty}` for `{key}`"))?;
            opts.dockerfile.label_schema.insert(key.to_string(), ty);
        }
    }
    opts.dockerfile.strict_labels = root.get("strict-labels").and_then(|n| n.as_bool());
    Ok(opts)
}

fn known(code: &str) -> bool {
    catalog().lookup(code).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_hadolint_settings() {
        let opts = options(
            "ignored:\n  - DL3002\n  - SC2086\n  - DL9999\noverride:\n  style: [DL3002]\n\
             failure-threshold: style\ntrustedRegistries:\n  - docker.io\n  - my.registry\n",
        )
        .unwrap();
        let ignored: Vec<_> = opts
            .ignore
            .iter()
            .filter_map(|i| match i {
                IgnoreItem::Rule(r) => Some(r.as_str()),
                IgnoreItem::Entry(_) => None,
            })
            .collect();
        assert_eq!(ignored, vec!["DL3002"]);
        assert_eq!(opts.severity.get("DL3002").map(String::as_str), Some("info"));
        assert_eq!(opts.fail_on.as_deref(), Some("info"));
        assert_eq!(opts.dockerfile.trusted_registries, vec!["docker.io", "my.registry"]);
        assert!(options("trustedRegistries: one.io\n").unwrap().dockerfile.trusted_registries == vec!["one.io"]);
        assert!(options("ignored: [\n").is_err());
        let labels = options("label-schema:\n  author: text\n  created: rfc3339\nstrict-labels: true\n").unwrap();
        let schema: Vec<_> = labels.dockerfile.label_schema.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(schema, vec![("author", LabelType::Text), ("created", LabelType::Rfc3339)]);
        assert_eq!(labels.dockerfile.strict_labels, Some(true));
        assert!(options("label-schema:\n  author: colour\n").unwrap_err().contains("colour"));
    }
}
