//! DF701: more than one `CMD` in a stage; only the last one takes effect.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Format, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct MultipleCmd;

impl Rule for MultipleCmd {
    fn code(&self) -> &'static str {
        "DF701"
    }

    fn formats(&self) -> &'static [Format] {
        &[Format::Dockerfile]
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        super::report_overridden(cx, file, InstructionKind::Cmd);
    }
}
