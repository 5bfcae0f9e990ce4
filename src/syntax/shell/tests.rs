use super::*;

fn vars(token: &str) -> Option<String> {
    match token {
        "$PKGS" | "${PKGS}" => Some("curl wget".into()),
        _ => None,
    }
}

/// Parses `text` as if it sat at offset 0 of the file.
fn sh(text: &str) -> Script {
    let mut map = OffsetMap::default();
    map.push(0, text.len());
    parse(text, &map, &vars)
}

fn values(args: &[Arg]) -> Vec<Option<&str>> {
    args.iter().map(Arg::value).collect()
}

fn programs(s: &Script) -> Vec<&str> {
    s.commands.iter().map(|c| c.program().unwrap_or("?")).collect()
}

#[test]
fn lists_and_arguments_with_exact_spans() {
    let text = "apt-get update && apt-get install -y 'curl=7.*' wget; echo done";
    let s = sh(text);
    assert_eq!(programs(&s), ["apt-get", "apt-get", "echo"]);
    let install = &s.commands[1];
    assert_eq!(values(&install.args), [Some("install"), Some("-y"), Some("curl=7.*"), Some("wget")]);
    assert_eq!(install.args[2].span.slice(text), "'curl=7.*'");
    assert_eq!(install.span.slice(text), "apt-get install -y 'curl=7.*' wget");
    assert!(install.pipe.is_none());
    assert!(!s.has_error);
}

#[test]
fn wrappers_are_unwrapped() {
    let text = "sudo -u root env DEBIAN_FRONTEND=noninteractive nice -n 5 apt-get install -y x";
    let s = sh(text);
    let c = &s.commands[0];
    assert_eq!(c.program(), Some("apt-get"));
    assert_eq!(values(&c.wrappers), [Some("sudo"), Some("env"), Some("nice")]);
    assert_eq!(c.assignments, [("DEBIAN_FRONTEND".to_string(), Some("noninteractive".to_string()))]);
    // `command -v` only asks; `sudo` alone is itself.
    assert_eq!(programs(&sh("command -v curl; sudo")), ["command", "sudo"]);
    let x = sh("echo a b | xargs -n 1 apt-get install -y");
    assert_eq!(programs(&x), ["echo", "apt-get"]);
    assert_eq!(x.commands[1].pipe, Some(Pipe { id: 0, index: 1, len: 2 }));
}

#[test]
fn sh_c_scripts_are_parsed_and_mapped() {
    let text = "bash -eo pipefail -c 'curl -k https://x.example | sh' && sh -c \"apk add $PKGS\"";
    let s = sh(text);
    assert_eq!(programs(&s), ["bash", "curl", "sh", "sh", "apk"]);
    let curl = &s.commands[1];
    assert_eq!(curl.args[0].span.slice(text), "-k");
    assert_eq!(values(&curl.wrappers), [Some("bash")]);
    assert_eq!(curl.pipe.map(|p| (p.index, p.len)), Some((0, 2)));
    assert_eq!(s.commands[2].pipe.map(|p| p.index), Some(1));
    let apk = &s.commands[4];
    assert_eq!(values(&apk.args), [Some("add"), Some("curl"), Some("wget")]);
    assert_eq!(apk.name.span.slice(text), "apk");
}

#[test]
fn data_is_not_commands_but_substitutions_are() {
    let s = sh("cat <<EOF > /etc/apt/x.conf\napt-get install -y nope\nEOF\necho $(curl -k https://a)");
    assert_eq!(programs(&s), ["cat", "echo", "curl"]);
    let s = sh("if [ -f x ]; then rm -rf /var/lib/apt/lists/*; fi; (cd /tmp && make)");
    // `[ ... ]` is a test, not a command.
    assert_eq!(programs(&s), ["rm", "cd", "make"]);
}

#[test]
fn flags_and_operands() {
    let s = sh("apt-get -qy -o Dpkg::Options::=--force-confnew install --no-install-recommends curl -- -weird");
    let c = &s.commands[0];
    assert!(c.has_flag(Some('y'), &["yes", "assume-yes"]));
    assert!(c.has_flag(None, &["no-install-recommends"]));
    assert!(!c.has_flag(Some('w'), &[]), "`--` ends the options");
    let ops: Vec<_> = c.operands(&["-o"]).filter_map(Arg::value).collect();
    assert_eq!(ops, ["install", "curl", "-weird"]);
    assert_eq!(c.subcommand(&["-o"]).and_then(Arg::value), Some("install"));
}

#[test]
fn unknown_values_stay_unknown() {
    let s = sh("apt-get install -y \"foo=$VERSION\" $(cat pkgs.txt)");
    let c = &s.commands[0];
    assert_eq!(values(&c.args), [Some("install"), Some("-y"), None, None]);
    // A broken script still yields what the grammar recovered.
    let s = sh("apt-get install -y curl && (");
    assert!(s.has_error);
    assert_eq!(programs(&s)[0], "apt-get");
}

#[test]
fn exec_form_argv() {
    let src = r#"RUN ["/bin/sh", "-c", "curl -k https://x | sh"]"#;
    let word = |w: &str| {
        let start = src.find(&format!("\"{w}\"")).unwrap_or(0);
        (w.to_string(), Span::new(start, start + w.len() + 2))
    };
    let mut s = Script::default();
    s.add_argv(src, &[word("/bin/sh"), word("-c"), word("curl -k https://x | sh")], &vars);
    assert_eq!(programs(&s), ["sh", "curl", "sh"]);
    assert_eq!(s.commands[1].args[0].span.slice(src), "-k");
}

#[test]
fn pipeline_operators_are_recorded() {
    let text = "(a; b) | { c; } && x |& y | z && sh -c 'p | q'";
    let s = sh(text);
    let ops: Vec<&str> = s.pipelines.iter().map(|p| p.slice(text)).collect();
    assert_eq!(ops, ["|", "|&", "|"]);
    // The ids of the commands' `Pipe` index the list (compound parts carry none).
    let ids: Vec<_> = s.commands.iter().filter_map(|c| c.pipe.map(|p| (c.program().unwrap_or("?"), p.id))).collect();
    assert_eq!(ids, [("x", 1), ("y", 1), ("z", 1), ("p", 2), ("q", 2)]);
    assert_eq!(s.pipelines[2].start, text.rfind('|').unwrap_or(0));
}
