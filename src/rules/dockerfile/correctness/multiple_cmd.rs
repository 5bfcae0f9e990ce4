//! DF701: more than one `CMD` in a stage; only the last one takes effect.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct MultipleCmd;

impl Rule for MultipleCmd {
    fn code(&self) -> &'static str {
        "DF701"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        super::report_overridden(cx, file, InstructionKind::Cmd);
    }
}
