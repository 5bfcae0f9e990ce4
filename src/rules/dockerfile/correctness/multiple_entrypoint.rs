//! DF702: more than one `ENTRYPOINT` in a stage; only the last one takes effect.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct MultipleEntrypoint;

impl Rule for MultipleEntrypoint {
    fn code(&self) -> &'static str {
        "DF702"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        super::report_overridden(cx, file, InstructionKind::Entrypoint);
    }
}
