//! DC105: a service's root filesystem is writable (no `read_only: true`). Opt-in.

use super::{Flag, Lookup, add_to_service, effective, flag, note_merge, owned, scalar_text, services};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct WritableRootFilesystem;

const HELP: &str = "set `read_only: true` and give the paths the service writes a volume or a `tmpfs:` mount \
                    (e.g. `tmpfs: [/tmp]`)";

impl Rule for WritableRootFilesystem {
    fn code(&self) -> &'static str {
        "DC105"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for service in services(file) {
            let (d, edit) = match effective(service, "read_only") {
                Lookup::Missing => (
                    cx.diag(
                        service.key.span(),
                        format!("service `{}` has a writable root filesystem: no `read_only: true`", service.name),
                    ),
                    add_to_service(cx.src, service, &["read_only: true"]),
                ),
                // `true`, interpolated (decided at `docker compose up`) or a value Compose rejects.
                Lookup::Set(s) if flag(s.value) == Flag::False => {
                    let written = s.value.str().unwrap_or("false");
                    let d = cx.diag(
                        s.value.span(),
                        format!("service `{}` has a writable root filesystem (`read_only: {written}`)", service.name),
                    );
                    let edit = scalar_text(s.value)
                        .filter(|_| owned(service, s.value))
                        .map(|span| Edit { span, replacement: "true".into() });
                    (note_merge(d, &s, service), edit)
                }
                Lookup::Set(_) | Lookup::Unknown => continue,
            };
            let mut d = d.with_help(HELP);
            if let Some(edit) = edit {
                d = d.with_fix(Fix {
                    message: "set `read_only: true`; the service then fails where it writes outside its volumes \
                              and `tmpfs:` mounts"
                        .into(),
                    applicability: Applicability::Unsafe,
                    edits: vec![edit],
                });
            }
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::{compose_spans, fixed_as, lint_as};

    fn spans(src: &str) -> Vec<String> {
        compose_spans("DC105", src)
    }

    #[test]
    fn points_at_the_service_or_the_false_value() {
        let src = "services:\n  web:\n    image: x\n  db:\n    read_only: no\n  ok:\n    read_only: \"TRUE\"\n  \
                   var:\n    read_only: ${READ_ONLY}\n  x-tpl:\n    image: x\n  child:\n    extends: ok\n  \
                   other:\n    extends: {file: b.yaml, service: s}\n";
        assert_eq!(spans(src), ["web", "no"]);
    }

    #[test]
    fn fixes_keep_quoting_and_comments() {
        let src =
            "services:\n  web:\n    image: x # app\n  db:\n    read_only: \"false\" # why\n  c:\n    read_only: Off\n";
        assert_eq!(
            fixed_as("DC105", "compose.yaml", src),
            "services:\n  web:\n    image: x # app\n    read_only: true\n  db:\n    read_only: \"true\" # why\n  c:\n    read_only: true\n"
        );
    }

    #[test]
    fn inherited_false_is_reported_but_fixed_where_written() {
        let src = "services:\n  base:\n    read_only: false\n  child:\n    extends: base\n";
        let d = lint_as("DC105", "compose.yaml", src, Options::default());
        assert_eq!(d.len(), 2);
        assert!(d[0].fix.is_some() && d[1].fix.is_none());
        assert!(d[1].message.contains("service `child`"));
    }
}
