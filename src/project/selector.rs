//! Kubernetes label selectors (`matchLabels` and `matchExpressions`) as the API server matches
//! them, and which of their forms select everything or nothing.

use crate::model::kubernetes::is_templated;
use crate::syntax::yaml::NodeRef;

/// One `matchExpressions` operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub key: String,
    pub op: Op,
    pub values: Vec<String>,
}

/// A parsed selector. Every requirement must hold (they are ANDed); none selects everything
/// (`{}`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selector {
    pub requirements: Vec<Requirement>,
}

/// Why a selector cannot be judged: it is templated, or written so the API server rejects it
/// (an unknown operator, `In` without values, a non-string label value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unjudged;

impl Selector {
    /// `{}` or an absent-but-required selector: every object.
    pub fn everything() -> Selector {
        Selector::default()
    }

    /// A `LabelSelector` node (`matchLabels`, `matchExpressions`). `null` and `{}` select
    /// everything, as an empty selector does.
    pub fn parse(node: NodeRef<'_>) -> Result<Selector, Unjudged> {
        if node.is_null() {
            return Ok(Selector::everything());
        }
        if !node.is_mapping() {
            return Err(Unjudged);
        }
        let mut requirements = Vec::new();
        if let Some(labels) = node.get("matchLabels").filter(|l| !l.is_null()) {
            if !labels.is_mapping() {
                return Err(Unjudged);
            }
            for (k, v) in labels.entries() {
                let (Some(key), Some(value)) = (k.str(), v.str()) else { return Err(Unjudged) };
                requirements.push(Requirement { key: key.into(), op: Op::In, values: vec![value.into()] });
            }
        }
        if let Some(exprs) = node.get("matchExpressions").filter(|e| !e.is_null()) {
            if !exprs.is_sequence() {
                return Err(Unjudged);
            }
            for e in exprs.items() {
                requirements.push(requirement(e)?);
            }
        }
        if requirements.iter().any(|r| is_templated(&r.key) || r.values.iter().any(|v| is_templated(v))) {
            return Err(Unjudged);
        }
        Ok(Selector { requirements })
    }

    /// The selector of a Service's `selector` mapping (every pair required).
    pub fn of_labels(pairs: &[(String, String)]) -> Selector {
        let requirements =
            pairs.iter().map(|(k, v)| Requirement { key: k.clone(), op: Op::In, values: vec![v.clone()] }).collect();
        Selector { requirements }
    }

    /// A label key the selector requires, with the values it accepts (a `matchLabels` entry,
    /// an `In`): only objects with one of those labels can match, so indexes look them up by
    /// them. Not a key controllers set: pod templates do not carry it.
    pub fn anchor(&self) -> Option<(&str, &[String])> {
        self.requirements
            .iter()
            .find(|r| r.op == Op::In && !CONTROLLER_KEYS.iter().any(|keys| keys.contains(&r.key.as_str())))
            .map(|r| (r.key.as_str(), r.values.as_slice()))
    }

    pub fn selects_everything(&self) -> bool {
        self.requirements.is_empty()
    }

    /// Whether an object with `labels` is selected.
    pub fn matches(&self, labels: &[(String, String)]) -> bool {
        self.requirements.iter().all(|r| r.holds(labels))
    }

    /// Which pods of a workload whose template has `labels` are selected, given the label keys
    /// its controller adds to each pod (`controller`, see [`controller_keys`]): a value of those
    /// differs from pod to pod, so a requirement on one selects some pods (`In`, `NotIn`).
    pub fn selects_pods(&self, labels: &[(String, String)], controller: &[&str]) -> Pods {
        let mut out = Pods::All;
        for r in &self.requirements {
            let per_pod = controller.contains(&r.key.as_str()) && !labels.iter().any(|(k, _)| *k == r.key);
            let this = match (per_pod, r.op) {
                (true, Op::In | Op::NotIn) => Pods::Some,
                (true, Op::Exists) => Pods::All,
                (true, Op::DoesNotExist) => Pods::None,
                (false, _) if r.holds(labels) => Pods::All,
                (false, _) => Pods::None,
            };
            out = out.min(this);
        }
        out
    }
}

/// How many of a workload's pods a selector selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pods {
    None,
    /// Some, by a label the controller sets per pod (a StatefulSet's pod name).
    Some,
    All,
}

impl Requirement {
    fn holds(&self, labels: &[(String, String)]) -> bool {
        let value = labels.iter().find(|(k, _)| *k == self.key).map(|(_, v)| v);
        match self.op {
            Op::In => value.is_some_and(|v| self.values.contains(v)),
            // A missing label is not one of the values.
            Op::NotIn => value.is_none_or(|v| !self.values.contains(v)),
            Op::Exists => value.is_some(),
            Op::DoesNotExist => value.is_none(),
        }
    }
}

/// The label keys each workload controller adds to the pods it creates, beyond its template's.
const CONTROLLER_KEYS: [&[&str]; 4] = [DEPLOYMENT_KEYS, DAEMONSET_KEYS, STATEFULSET_KEYS, JOB_KEYS];
const DEPLOYMENT_KEYS: &[&str] = &["pod-template-hash"];
const DAEMONSET_KEYS: &[&str] = &["controller-revision-hash", "pod-template-generation"];
const STATEFULSET_KEYS: &[&str] =
    &["controller-revision-hash", "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index"];
const JOB_KEYS: &[&str] = &[
    "job-name",
    "controller-uid",
    "batch.kubernetes.io/job-name",
    "batch.kubernetes.io/controller-uid",
    "batch.kubernetes.io/job-completion-index",
];

/// The label keys the controller of `kind` adds to each pod: selectors may name them (a Service
/// for one StatefulSet pod), though no manifest shows them.
pub fn controller_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "Deployment" => DEPLOYMENT_KEYS,
        "DaemonSet" => DAEMONSET_KEYS,
        "StatefulSet" => STATEFULSET_KEYS,
        "Job" | "CronJob" => JOB_KEYS,
        _ => &[],
    }
}

fn requirement(e: NodeRef<'_>) -> Result<Requirement, Unjudged> {
    let key = e.get("key").and_then(|k| k.str()).ok_or(Unjudged)?;
    let op = match e.get("operator").and_then(|o| o.str()) {
        Some("In") => Op::In,
        Some("NotIn") => Op::NotIn,
        Some("Exists") => Op::Exists,
        Some("DoesNotExist") => Op::DoesNotExist,
        _ => return Err(Unjudged),
    };
    let values: Vec<String> = match e.get("values").filter(|v| !v.is_null()) {
        Some(v) if v.is_sequence() => {
            v.items().map(|i| i.str().map(str::to_string).ok_or(Unjudged)).collect::<Result<_, _>>()?
        }
        Some(_) => return Err(Unjudged),
        None => Vec::new(),
    };
    // The API server's validation: In/NotIn need values, Exists/DoesNotExist must have none.
    let valid = match op {
        Op::In | Op::NotIn => !values.is_empty(),
        Op::Exists | Op::DoesNotExist => values.is_empty(),
    };
    if !valid {
        return Err(Unjudged);
    }
    Ok(Requirement { key: key.into(), op, values })
}

/// `key: value` pairs of a labels mapping (non-string values left out: the API rejects them).
pub fn labels(node: Option<NodeRef<'_>>) -> Vec<(String, String)> {
    node.filter(|n| n.is_mapping())
        .map(|n| n.entries().filter_map(|(k, v)| Some((k.str()?.to_string(), v.str()?.to_string()))).collect())
        .unwrap_or_default()
}
