//! Where each pod-bearing kind keeps its pod spec: the built-in kinds and common CRDs, plus
//! `[kubernetes] pod-templates` from config (`"example.com/Widget=spec.podTemplate.spec"`).

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodTemplate {
    /// API group without version; empty for the core group.
    pub group: String,
    pub kind: String,
    /// Mapping keys from the object root to the pod spec.
    pub path: Vec<String>,
}

impl PodTemplate {
    /// Reads `group/Kind=dotted.path` (the core group is written `/Kind=...` or `Kind=...`).
    pub fn parse(s: &str) -> Result<PodTemplate, String> {
        let bad = || format!("pod template `{s}`: expected `group/Kind=path.to.pod.spec`");
        let (gk, path) = s.split_once('=').ok_or_else(bad)?;
        let (group, kind) = gk.trim().rsplit_once('/').unwrap_or(("", gk.trim()));
        let path: Vec<String> = path.trim().split('.').map(str::to_string).collect();
        if kind.is_empty() || path.iter().any(String::is_empty) {
            return Err(bad());
        }
        Ok(PodTemplate { group: group.to_string(), kind: kind.to_string(), path })
    }
}

/// Built-in kinds: `(groups, kind, path)`.
const BUILT_IN: &[(&[&str], &str, &[&str])] = &[
    (&[""], "Pod", &["spec"]),
    (&[""], "PodTemplate", &["template", "spec"]),
    (&[""], "ReplicationController", TEMPLATE),
    (&["apps", "extensions"], "Deployment", TEMPLATE),
    (&["apps", "extensions"], "ReplicaSet", TEMPLATE),
    (&["apps", "extensions"], "DaemonSet", TEMPLATE),
    (&["apps"], "StatefulSet", TEMPLATE),
    (&["batch"], "Job", TEMPLATE),
    (&["batch"], "CronJob", &["spec", "jobTemplate", "spec", "template", "spec"]),
    // Common CRDs that embed a PodTemplateSpec.
    (&["argoproj.io"], "Rollout", TEMPLATE),
    (&["apps.kruise.io"], "CloneSet", TEMPLATE),
    (&["apps.kruise.io"], "StatefulSet", TEMPLATE),
    (&["apps.kruise.io"], "DaemonSet", TEMPLATE),
    (&["apps.kruise.io"], "BroadcastJob", TEMPLATE),
    (&["keda.sh"], "ScaledJob", &["spec", "jobTargetRef", "template", "spec"]),
    (&["serving.knative.dev"], "Service", TEMPLATE),
    (&["serving.knative.dev"], "Configuration", TEMPLATE),
    (&["apps.openshift.io"], "DeploymentConfig", TEMPLATE),
];

const TEMPLATE: &[&str] = &["spec", "template", "spec"];

/// The table in force for one file: config entries first, so they can override a built-in.
#[derive(Clone, Debug, Default)]
pub struct PodTemplates {
    configured: Vec<PodTemplate>,
}

impl PodTemplates {
    pub fn new(configured: Vec<PodTemplate>) -> Self {
        PodTemplates { configured }
    }

    pub fn find(&self, group: &str, kind: &str) -> Option<Vec<&str>> {
        if let Some(t) = self.configured.iter().find(|t| t.group == group && t.kind == kind) {
            return Some(t.path.iter().map(String::as_str).collect());
        }
        BUILT_IN.iter().find(|(groups, k, _)| *k == kind && groups.contains(&group)).map(|(_, _, path)| path.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_entries_parse_and_override_built_ins() {
        let t = PodTemplate::parse("example.com/Widget = spec.pod.spec").unwrap();
        assert_eq!((t.group.as_str(), t.kind.as_str()), ("example.com", "Widget"));
        let table = PodTemplates::new(vec![t, PodTemplate::parse("argoproj.io/Rollout=spec.x").unwrap()]);
        assert_eq!(table.find("example.com", "Widget"), Some(vec!["spec", "pod", "spec"]));
        assert_eq!(table.find("argoproj.io", "Rollout"), Some(vec!["spec", "x"]));
        assert_eq!(table.find("keda.sh", "ScaledJob"), Some(vec!["spec", "jobTargetRef", "template", "spec"]));
        assert_eq!(table.find("", "Deployment"), None);
        assert!(PodTemplate::parse("Widget").is_err());
        assert!(PodTemplate::parse("x/Widget=spec..spec").is_err());
    }
}
