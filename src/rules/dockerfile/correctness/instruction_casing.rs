//! DF720: an instruction keyword whose case differs from the file's majority (BuildKit
//! `ConsistentInstructionCasing`).

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};
use crate::span::Span;

pub struct InstructionCasing;

impl Rule for InstructionCasing {
    fn code(&self) -> &'static str {
        "DF720"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        // ONBUILD's trigger keyword counts too.
        let keywords: Vec<Span> = file
            .ast
            .instructions
            .iter()
            .flat_map(|i| std::iter::once(i.keyword).chain(i.trigger.as_ref().map(|t| t.keyword)))
            .filter(|k| k.slice(cx.src).bytes().all(|b| b.is_ascii_alphabetic()))
            .collect();
        let (mut lower, mut upper) = (0, 0);
        for k in &keywords {
            let text = k.slice(cx.src);
            if text == text.to_ascii_lowercase() {
                lower += 1;
            } else if text == text.to_ascii_uppercase() {
                upper += 1;
            }
        }
        // BuildKit: a tie goes to upper case.
        let majority_lower = lower > upper;
        for k in keywords {
            let text = k.slice(cx.src);
            let want = if majority_lower { text.to_ascii_lowercase() } else { text.to_ascii_uppercase() };
            if text == want {
                continue;
            }
            let case = if majority_lower { "lower case" } else { "upper case" };
            let d = cx
                .diag(k, format!("`{text}` is not in {case}, like the majority of this file's instructions"))
                .with_help(format!("write `{want}`: one case for every instruction keeps the file easy to scan"))
                .with_fix(Fix {
                    message: format!("write `{want}`"),
                    applicability: Applicability::Safe,
                    edits: vec![Edit { span: k, replacement: want }],
                });
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed as test_fix, spans as test_spans};

    #[test]
    fn majority_case() {
        assert_eq!(test_spans("DF720", "FROM a\nrun b\nCOPY c d\n"), vec!["run"]);
        assert_eq!(test_spans("DF720", "from a\nrun b\nCOPY c d\n"), vec!["COPY"]);
        // Mixed case is never a majority; a tie goes to upper case.
        assert_eq!(test_spans("DF720", "From a\nRun b\nCopy c d\n"), vec!["From", "Run", "Copy"]);
        assert_eq!(test_spans("DF720", "from a\nRUN b\n"), vec!["from"]);
        // ONBUILD's trigger.
        assert_eq!(test_spans("DF720", "FROM a\nONBUILD run b\n"), vec!["run"]);
        assert!(test_spans("DF720", "from a\nrun b\nonbuild copy c d\n").is_empty());
        assert_eq!(test_fix("DF720", "FROM a\nrun b\nCmd c\n"), "FROM a\nRUN b\nCMD c\n");
    }
}
