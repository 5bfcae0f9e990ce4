//! The `LABEL` pairs of a stage with keys and values resolved through its `ARG`s and `ENV`s, for
//! the label rules.

use crate::model::dockerfile::{DockerfileModel, Stage};
use crate::rules::dockerfile::correctness::for_each_scoped;
use crate::span::Span;
use crate::syntax::dockerfile::InstructionKind;

pub struct Label {
    /// `None` when the key uses a variable that cannot be resolved.
    pub key: Option<String>,
    pub key_span: Span,
    /// `None` when the value uses a variable that cannot be resolved.
    pub value: Option<String>,
    pub value_span: Span,
}

/// Every label the stage's own `LABEL` instructions set, in order.
pub fn of_stage(file: &DockerfileModel<'_>, stage: &Stage<'_>) -> Vec<Label> {
    let mut out = Vec::new();
    for_each_scoped(file, stage, |_, ins, scope| {
        if ins.kind != InstructionKind::Label {
            return;
        }
        for kv in ins.key_values(file.ast.escape) {
            let (value, value_span) = match &kv.value {
                Some(v) => (scope.expand(&v.text), v.span),
                None => (Some(String::new()), kv.span),
            };
            out.push(Label { key: scope.expand(&kv.key.text), key_span: kv.key.span, value, value_span });
        }
    });
    out
}
