//! DF120: `USER` names a user instead of a numeric UID.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::syntax::dockerfile::InstructionKind;

pub struct NonNumericUser;

impl Rule for NonNumericUser {
    fn code(&self) -> &'static str {
        "DF120"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            // Windows users (ContainerUser) have no numeric form.
            if file.is_windows(stage) {
                continue;
            }
            for (at, instr) in stage.instructions.iter().enumerate() {
                if instr.kind != InstructionKind::User {
                    continue;
                }
                let Some(word) = instr.words(file.ast.escape).into_iter().next() else { continue };
                // A variable the file does not define (e.g. set by the base image) is not guessed.
                let Some(value) = file.scope_at(stage, at).expand(&word.text) else { continue };
                let user = value.split(':').next().unwrap_or(&value);
                if user.is_empty() || user.bytes().all(|b| b.is_ascii_digit()) {
                    continue;
                }
                let d = cx.diag(word.span, format!("`USER {value}` names a user, not a numeric UID")).with_help(
                    "use the numeric UID (and GID), e.g. `USER 10001:10001`: Kubernetes can only verify \
                         `runAsNonRoot` for a numeric user, and the host cannot resolve names from the image",
                );
                cx.emit(d);
            }
        }
    }
}
