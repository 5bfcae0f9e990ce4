//! DF741: `cd` in RUN instead of `WORKDIR`.

use crate::model::dockerfile::DockerfileModel;
use crate::rules::{Context, Rule};

pub struct CdInsteadOfWorkdir;

impl Rule for CdInsteadOfWorkdir {
    fn code(&self) -> &'static str {
        "DF741"
    }

    fn dockerfile(&self, cx: &mut Context<'_>, file: &DockerfileModel<'_>) {
        for run in file.runs() {
            let mut cds = run.commands().filter(|c| c.is("cd"));
            let Some(cd) = cds.next() else { continue };
            let target = cd.args.iter().find(|a| a.value().is_none_or(|v| !v.starts_with('-') || v == "-"));
            let shown = match target {
                Some(t) => format!("cd {}", t.value().unwrap_or_else(|| t.span.slice(file.src))),
                None => "cd".to_string(),
            };
            let more = match cds.count() {
                0 => String::new(),
                1 => " (and 1 more `cd` in this RUN)".to_string(),
                n => format!(" (and {n} more `cd` in this RUN)"),
            };
            let d = cx.diag(cd.name.span, format!("`{shown}` changes directory inside RUN{more}")).with_help(
                "set the directory with `WORKDIR`, which later instructions keep too; a `cd` lasts only \
                     until the end of its RUN",
            );
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, spans};

    #[test]
    fn cd_anywhere_in_run() {
        let src = "FROM debian\nRUN cd /usr/src/app && make && cd - && cd ..\nRUN (cd \"$dir\" && make)\n\
                   RUN sh -c 'cd /x; ls'\n";
        assert_eq!(spans("DF741", src), ["cd", "cd", "cd"]);
        assert_eq!(
            findings("DF741", src)[0].1,
            "`cd /usr/src/app` changes directory inside RUN (and 2 more `cd` in this RUN)"
        );
        assert_eq!(findings("DF741", src)[1].1, "`cd \"$dir\"` changes directory inside RUN");
    }

    #[test]
    fn cd_as_data() {
        let src = "FROM debian\nWORKDIR /usr/src/app\nRUN make -C sub && echo cd /x && git commit -m 'cd fix'\n";
        assert_eq!(spans("DF741", src), Vec::<String>::new());
    }
}
