//! DF729: `FROM ... as name` where `AS` is not cased like `FROM`.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct FromAsCasing;

impl Rule for FromAsCasing {
    fn code(&self) -> &'static str {
        "DF729"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for stage in &file.stages {
            let Some((as_word, _)) = super::stage_alias(file, stage) else { continue };
            let keyword = stage.from.keyword.slice(cx.src);
            // BuildKit's rule: a mixed-case `From` is another rule's business.
            let (want, case) = if keyword == keyword.to_ascii_lowercase() {
                ("as", "lower")
            } else if keyword == keyword.to_ascii_uppercase() {
                ("AS", "upper")
            } else {
                continue;
            };
            if as_word.text == want {
                continue;
            }
            let d = cx
                .diag(as_word.span, format!("`{}` is not cased like `{keyword}`", as_word.text))
                .with_label(stage.from.keyword, format!("{case}-case keyword"))
                .with_help(format!("write `{keyword} ... {want} name`: the keywords of one instruction share a case"))
                .with_fix(Fix {
                    message: format!("write `{want}`"),
                    applicability: Applicability::Safe,
                    edits: vec![Edit { span: as_word.span, replacement: want.into() }],
                });
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{fixed, spans};

    #[test]
    fn follows_the_keyword_case() {
        let src = "FROM a as x\nfrom b AS y\nFrom c as z\nFROM d AS w\nfrom e as v\nFROM f aS u\n";
        assert_eq!(spans("DF729", src), ["as", "AS", "aS"]);
        assert_eq!(
            fixed("DF729", src),
            "FROM a AS x\nfrom b as y\nFrom c as z\nFROM d AS w\nfrom e as v\nFROM f AS u\n"
        );
    }
}
