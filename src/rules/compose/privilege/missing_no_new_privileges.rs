//! DC106: a service's processes may gain privileges (`security_opt` has no `no-new-privileges`).

use super::security_opt::opts;
use super::{add_to_service, append_item, item_indent, lists, own, owned, scalar_text, services};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::compose::ComposeFile;
use crate::rules::{Context, Rule};

pub struct MissingNoNewPrivileges;

const OPTION: &str = "no-new-privileges";
const HELP: &str = "turn on `no-new-privileges:true` in the service's `security_opt:`";

impl Rule for MissingNoNewPrivileges {
    fn code(&self) -> &'static str {
        "DC106"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for service in services(file) {
            // `extends` adds the service's own list to its base's.
            let (lists, complete) = lists(service, "security_opt");
            if lists.iter().any(|s| !s.value.is_sequence() && !s.value.is_null()) {
                continue;
            }
            let opts: Vec<_> = lists.iter().flat_map(|s| opts(s.value)).collect();
            // The daemon reads the entries in order: the last one decides.
            let (d, edit) = match opts.iter().rev().find(|o| o.may_set(OPTION)) {
                Some(opt) => {
                    let Some((_, value)) = &opt.parsed else { continue };
                    // A bare `no-new-privileges` is `true`; a value the daemon cannot parse fails the start.
                    if value.as_deref().is_none_or(|v| go_bool(v) != Some(false)) {
                        continue;
                    }
                    let written = opt.node.str().unwrap_or_default();
                    let d = cx.diag(
                        opt.node.span(),
                        format!(
                            "service `{}` lets its processes gain privileges (`security_opt: {written}`)",
                            service.name
                        ),
                    );
                    let sep = if written.contains('=') { '=' } else { ':' };
                    let edit = scalar_text(opt.node)
                        .filter(|_| owned(service, opt.node))
                        .map(|span| Edit { span, replacement: format!("{OPTION}{sep}true") });
                    (d, edit)
                }
                None if !complete => continue,
                None => match own(service, "security_opt") {
                    Some(s) => (
                        cx.diag(
                            s.key.span(),
                            format!(
                                "service `{}` lets its processes gain privileges: no `{OPTION}:true` in `security_opt:`",
                                service.name
                            ),
                        ),
                        Some(s.value)
                            .filter(|&v| v.is_sequence() && owned(service, v))
                            .and_then(|v| append_item(cx.src, v, "no-new-privileges:true")),
                    ),
                    None => {
                        let item = format!("{}- {OPTION}:true", item_indent(cx.src, file));
                        (
                            cx.diag(
                                service.key.span(),
                                format!(
                                    "service `{}` lets its processes gain privileges: no `security_opt: [{OPTION}:true]`",
                                    service.name
                                ),
                            ),
                            add_to_service(cx.src, service, &["security_opt:", &item]),
                        )
                    }
                },
            };
            let mut d = d.with_help(HELP);
            if let Some(edit) = edit {
                d = d.with_fix(Fix {
                    message: format!(
                        "set `{OPTION}:true`; setuid programs (`sudo`, `su`, `ping` on some images) then run without \
                         their privileges"
                    ),
                    applicability: Applicability::Unsafe,
                    edits: vec![edit],
                });
            }
            cx.emit(d);
        }
    }
}

/// Go's `strconv.ParseBool`, which the daemon reads the value with.
fn go_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{compose_spans, fixed_as};

    fn spans(src: &str) -> Vec<String> {
        compose_spans("DC106", src)
    }

    #[test]
    fn every_form_of_the_option_counts() {
        let src = "services:\n  a:\n    security_opt: [no-new-privileges]\n  b:\n    security_opt: [\"no-new-privileges:true\"]\n  \
                   c:\n    security_opt:\n      - no-new-privileges=1\n  d:\n    security_opt: [\"${SEC_OPT}\"]\n  \
                   e:\n    security_opt: [no-new-privileges:yes]\n  x-f:\n    image: x\n  g:\n    extends: a\n  \
                   h:\n    extends: {file: base.yaml, service: s}\n";
        assert!(spans(src).is_empty(), "{:?}", spans(src));
    }

    #[test]
    fn points_at_the_service_the_list_or_the_false_entry() {
        let src = "services:\n  a:\n    image: x\n  b:\n    security_opt: [apparmor=docker-default]\n  \
                   c:\n    security_opt:\n      - no-new-privileges:true\n      - no-new-privileges=false\n  \
                   d:\n    security_opt: [no-new-privileges=false, no-new-privileges]\n";
        assert_eq!(spans(src), ["a", "security_opt", "no-new-privileges=false"]);
    }

    #[test]
    fn fixes_create_append_or_flip() {
        let src = "services:\n  a:\n    image: x\n  b:\n    security_opt:\n      - \"label=type:svirt_t\" # selinux\n  \
                   c:\n    security_opt: [seccomp=./p.json]\n  d:\n    security_opt: ['no-new-privileges=false']\n";
        assert_eq!(
            fixed_as("DC106", "compose.yaml", src),
            "services:\n  a:\n    image: x\n    security_opt:\n      - no-new-privileges:true\n  b:\n    security_opt:\n      \
             - \"label=type:svirt_t\" # selinux\n      - \"no-new-privileges:true\"\n  c:\n    \
             security_opt: [seccomp=./p.json, no-new-privileges:true]\n  d:\n    security_opt: ['no-new-privileges=true']\n"
        );
    }

    #[test]
    fn a_base_service_in_the_file_counts() {
        let src = "services:\n  base:\n    security_opt: [no-new-privileges:true]\n  web:\n    extends: base\n    \
                   security_opt: [seccomp=./p.json]\n";
        assert!(spans(src).is_empty());
    }
}
