//! Kubernetes label selectors (`matchLabels` and `matchExpressions`) as the API server matches
//! them, and which of their forms select everything or nothing.

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
        if requirements.iter().any(|r| r.key.contains("{{") || r.values.iter().any(|v| v.contains("{{"))) {
            return Err(Unjudged);
        }
        Ok(Selector { requirements })
    }

    /// A label key the selector requires, with the values it accepts (a `matchLabels` entry,
    /// an `In`): only objects with one of those labels can match, so indexes look them up by
    /// them.
    pub fn anchor(&self) -> Option<(&str, &[String])> {
        self.requirements.iter().find(|r| r.op == Op::In).map(|r| (r.key.as_str(), r.values.as_slice()))
    }

    pub fn selects_everything(&self) -> bool {
        self.requirements.is_empty()
    }

    /// Whether an object with `labels` is selected.
    pub fn matches(&self, labels: &[(String, String)]) -> bool {
        self.requirements.iter().all(|r| {
            let value = labels.iter().find(|(k, _)| *k == r.key).map(|(_, v)| v);
            match r.op {
                Op::In => value.is_some_and(|v| r.values.contains(v)),
                // A missing label is not one of the values.
                Op::NotIn => value.is_none_or(|v| !r.values.contains(v)),
                Op::Exists => value.is_some(),
                Op::DoesNotExist => value.is_none(),
            }
        })
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
