//! DF703: more than one `HEALTHCHECK` in a stage; only the last one takes effect.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct MultipleHealthcheck;

impl Rule for MultipleHealthcheck {
    fn code(&self) -> &'static str {
        "DF703"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        super::report_overridden(cx, file, InstructionKind::Healthcheck);
    }
}
