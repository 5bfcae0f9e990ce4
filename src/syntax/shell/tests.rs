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
    // `[ ... ]` is the `test` builtin; `if`, `then`, `fi` and the subshell are looked through.
    assert_eq!(programs(&s), ["[", "rm", "cd", "make"]);
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
fn compound_commands_are_looked_through() {
    let cases: &[(&str, &[&str])] = &[
        ("case \"$arch\" in amd64|x86_64) a=1; curl x ;; *) wget y ;; esac; echo z", &["curl", "wget", "echo"]),
        ("for f in a b c; do rm $f; done", &["rm"]),
        ("case $(uname -m) in x) ;; esac; for f in $(ls); do :; done", &["uname", "ls", ":"]),
        ("for f in a b\ndo\n  gzip \"$f\"\ndone", &["gzip"]),
        ("while read -r l; do echo \"$l\"; done < list.txt", &["read", "echo"]),
        ("f() { make; }; f", &["make", "f"]),
        ("function g { make install; }", &["make"]),
        ("! grep -q x f || { echo no; exit 1; }", &["grep", "echo", "exit"]),
        ("[[ -n $X ]] && (( n += 1 )) && tar xf a.tgz", &["tar"]),
        ("diff <(sort a) b 2>&1 >/dev/null |& tee log", &["diff", "sort", "tee"]),
        ("X=1 Y=\"a b\" make all # comment | not a pipe", &["make"]),
        ("echo `uname -m` $(dpkg --print-architecture) \"$(id -u)\"", &["echo", "uname", "dpkg", "id"]),
        ("arr=(a b c); cmd &> /dev/null & wait", &["cmd", "wait"]),
        ("cat > /f <<-EOT\n\tapt-get install x\n\tEOT\napk add y", &["cat", "apk"]),
        ("cat <<'A' <<B\nrm -rf /\nA\nrm x\nB\nls", &["cat", "ls"]),
        ("echo a\\\n b; ls", &["echo", "ls"]),
    ];
    for (text, want) in cases {
        let s = sh(text);
        assert_eq!(programs(&s), *want, "{text}");
        assert!(!s.has_error, "{text}");
    }
    let s = sh("echo 2>&1 x");
    assert_eq!(values(&s.commands[0].args), [Some("x")], "the descriptor is not an argument");
    let s = sh("a | b | c && d | e");
    let pipes: Vec<_> = s.commands.iter().map(|c| c.pipe.map(|p| (p.id, p.index, p.len))).collect();
    assert_eq!(pipes, [Some((0, 0, 3)), Some((0, 1, 3)), Some((0, 2, 3)), Some((1, 0, 2)), Some((1, 1, 2))]);
    for broken in ["echo 'open", "echo \"open", "echo $(open", "cat <<EOF\nno end", "(a && b"] {
        assert!(sh(broken).has_error, "{broken}");
    }
}

#[test]
fn shell_variables_expand_in_later_words() {
    let s = sh("DEPS=\"curl  git\" && apt-get install -y $DEPS ${DEPS}; export V=1.2; apk add x=$V \"${V:-0}\"");
    assert_eq!(
        values(&s.commands[0].args),
        [Some("install"), Some("-y"), Some("curl"), Some("git"), Some("curl"), Some("git")]
    );
    let apk = s.commands.iter().find(|c| c.is("apk")).expect("apk");
    assert_eq!(values(&apk.args), [Some("add"), Some("x=1.2"), None]);
    // A prefix assignment is for the command only; an inner shell's stay inside it; `+=` and
    // command substitutions are unknown; a script variable shadows the build's.
    let s = sh("X=1 echo $X; sh -c 'Y=2'; echo $Y; A=a; A+=b; B=$(date); PKGS=x; echo $A $B $PKGS");
    assert_eq!(values(&s.commands[0].args), [None]);
    assert_eq!(values(&s.commands[2].args), [None]);
    assert_eq!(values(&s.commands[4].args), [None, None, Some("x")]);
    assert_eq!(programs(&s), ["echo", "sh", "echo", "date", "echo"]);
}

#[test]
fn pipeline_operators_are_recorded() {
    let text = "(a; b) | { c; } && x |& y | z && sh -c 'p | q'";
    let s = sh(text);
    let ops: Vec<&str> = s.pipelines.iter().map(|p| p.slice(text)).collect();
    assert_eq!(ops, ["|", "|&", "|"]);
    // The ids of the commands' `Pipe` index the list; the last command of a subshell feeds the
    // pipeline after it.
    let ids: Vec<_> = s.commands.iter().filter_map(|c| c.pipe.map(|p| (c.program().unwrap_or("?"), p.id))).collect();
    assert_eq!(ids, [("b", 0), ("c", 0), ("x", 1), ("y", 1), ("z", 1), ("p", 2), ("q", 2)]);
    assert_eq!(s.pipelines[2].start, text.rfind('|').unwrap_or(0));
}

#[test]
fn every_truncation_of_tricky_scripts_is_scanned_without_panic() {
    let samples = [
        "case \"$(uname -m)\" in a|b) x=$((1+2)); echo `id` ;; *) ;; esac",
        "cat <<-'EOF' | sh -c \"$(curl -fsSL https://x)\" 2>&1 &>/dev/null\n\tbody $X\n\tEOF\nf() { (a && b) | { c; }; }",
        "for i in ${LIST:-a b}; do [[ -n $i ]] && printf '%s\\n' \"ü$i\"; done; arr=(1 2); echo ${arr[@]} <(sort) >(cat)",
        "echo \"unterminated $(nested \"quote' `tick",
    ];
    for text in samples {
        for (end, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let s = sh(&text[..end]);
            for c in &s.commands {
                assert!(c.span.end <= end && c.span.start <= c.span.end, "{:?}", &text[..end]);
            }
        }
    }
}
