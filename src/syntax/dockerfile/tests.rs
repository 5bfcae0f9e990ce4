use super::*;

/// The source text under `span`.
fn at(src: &str, span: Span) -> &str {
    span.slice(src)
}

fn texts(words: &[Word]) -> Vec<&str> {
    words.iter().map(|w| w.text.as_str()).collect()
}

fn shell(ins: &Instruction) -> &ShellText {
    ins.args.shell().expect("shell form")
}

fn errors(df: &Dockerfile) -> Vec<&str> {
    df.errors.iter().map(|e| e.message.as_str()).collect()
}

/// Structural invariants that must hold for any input.
fn check_invariants(src: &str, df: &Dockerfile) {
    let ok = |s: Span| {
        assert!(s.start <= s.end && s.end <= src.len(), "span {s:?} out of range");
        assert!(src.is_char_boundary(s.start) && src.is_char_boundary(s.end), "span {s:?} splits a char");
    };
    let no_break_at_end = |s: Span| {
        let t = at(src, s);
        assert!(!t.ends_with('\r') && !t.ends_with('\n'), "span {s:?} = {t:?} ends with a line break");
    };
    fn walk(ins: &Instruction, f: &mut dyn FnMut(&Instruction)) {
        f(ins);
        if let Some(t) = &ins.trigger {
            walk(t, f);
        }
    }
    for d in &df.directives {
        ok(d.span);
        ok(d.value_span);
    }
    for c in &df.comments {
        ok(c.span);
        no_break_at_end(c.span);
        assert!(at(src, c.span).starts_with('#'));
    }
    for e in &df.errors {
        ok(e.span);
    }
    let mut prev_end = 0;
    for top in &df.instructions {
        assert!(top.span.start >= prev_end, "instructions overlap");
        prev_end = top.span.end;
        walk(top, &mut |ins| {
            ok(ins.span);
            ok(ins.keyword);
            no_break_at_end(ins.span);
            assert!(
                at(src, ins.keyword).eq_ignore_ascii_case(ins.kind.as_str())
                    || at(src, ins.keyword).contains(df.escape),
                "keyword {:?}",
                at(src, ins.keyword)
            );
            assert!(top.span.start <= ins.span.start && ins.span.end <= top.span.end);
            for f in &ins.flags {
                ok(f.span);
                ok(f.name_span);
                if let Some(v) = f.value_span {
                    ok(v);
                }
            }
            match &ins.args {
                Args::Exec(ws) => ws.iter().for_each(|w| ok(w.span)),
                Args::Shell(t) => {
                    ok(t.span);
                    for i in 0..=t.text.len() {
                        let o = t.source_offset(i);
                        assert!(o <= src.len());
                    }
                    ins.words(df.escape).iter().for_each(|w| ok(w.span));
                }
            }
            for kv in ins.key_values(df.escape) {
                ok(kv.span);
                ok(kv.key.span);
                if let Some(v) = kv.value {
                    ok(v.span);
                }
            }
            for h in &ins.heredocs {
                ok(h.marker);
                ok(h.body);
                if let Some(t) = h.terminator {
                    ok(t);
                }
                if let Some(t) = h.terminator {
                    no_break_at_end(t);
                    assert_eq!(h.body.end, t.start);
                }
                if !h.strip_tabs {
                    assert_eq!(h.text, at(src, h.body));
                }
            }
            for s in &ins.empty_continuation_lines {
                ok(*s);
                assert!(at(src, *s).trim().is_empty());
            }
        });
    }
}

fn parse_ok(src: &str) -> Dockerfile {
    let df = parse(src);
    check_invariants(src, &df);
    assert!(df.errors.is_empty(), "unexpected errors: {:?}", df.errors);
    df
}

fn parse_checked(src: &str) -> Dockerfile {
    let df = parse(src);
    check_invariants(src, &df);
    df
}

#[test]
fn empty_and_comment_only_files() {
    for src in ["", "\n\n", "   \n\t\n", "\u{feff}", "# only\n#  comments \n", "# c"] {
        let df = parse_ok(src);
        assert!(df.instructions.is_empty(), "{src:?}");
    }
    let src = "# only\n  #  indented \r\n#\n";
    let df = parse_ok(src);
    let c: Vec<_> = df.comments.iter().map(|c| (c.text.as_str(), at(src, c.span))).collect();
    assert_eq!(c, [("only", "# only"), ("indented", "#  indented "), ("", "#")]);
}

#[test]
fn bom_crlf_and_no_final_newline() {
    let src = "\u{feff}FROM alpine:3.19\r\nRUN echo hi \\\r\n  && echo there\r\nUSER app";
    let df = parse_ok(src);
    assert_eq!(df.instructions.len(), 3);
    let [from, run, user] = &df.instructions[..] else { unreachable!() };
    assert_eq!(from.kind, InstructionKind::From);
    assert_eq!(from.keyword.start, 3, "offsets are absolute, BOM included");
    assert_eq!(at(src, from.span), "FROM alpine:3.19");
    assert_eq!(at(src, run.span), "RUN echo hi \\\r\n  && echo there");
    assert_eq!(shell(run).text, "echo hi   && echo there");
    assert_eq!(texts(&run.words('\\')), ["echo", "hi", "&&", "echo", "there"]);
    assert_eq!(at(src, user.span), "USER app");
    assert_eq!(shell(user).text, "app");
}

#[test]
fn parser_directives() {
    let src = "# syntax=docker/dockerfile:1\n#ESCAPE = `\n  # check=skip=all;error=true\nFROM x";
    let df = parse_ok(src);
    let d: Vec<_> = df.directives.iter().map(|d| (d.name.as_str(), d.value.as_str(), at(src, d.value_span))).collect();
    assert_eq!(
        d,
        [
            ("syntax", "docker/dockerfile:1", "docker/dockerfile:1"),
            ("escape", "`", "`"),
            ("check", "skip=all;error=true", "skip=all;error=true")
        ]
    );
    assert_eq!(at(src, df.directives[1].span), "#ESCAPE = `");
    assert_eq!(df.escape, '`');
    assert_eq!(df.instructions.len(), 1);

    // A comment, a blank line or an instruction ends directive scanning.
    for src in ["# hello\n# escape=`\nFROM x", "\n# escape=`\nFROM x", "FROM x\n# escape=`\n"] {
        let df = parse_ok(src);
        assert!(df.directives.is_empty(), "{src:?}");
        assert_eq!(df.escape, '\\');
        assert!(df.comments.iter().any(|c| c.text == "escape=`"));
    }

    // Invalid escape and duplicated directives are errors.
    let df = parse_checked("# escape=x\nFROM a");
    assert_eq!(errors(&df), ["invalid escape token 'x' does not match ` or \\"]);
    assert_eq!(df.escape, '\\');
    let df = parse_checked("# syntax=a\n# syntax=b\nFROM a");
    assert_eq!(errors(&df), ["only one syntax parser directive can be used"]);
}

#[test]
fn repeated_escape_directive_after_valid_one() {
    let src = "# escape=`\n# escape=\\\nFROM a";
    let df = parse_checked(src);
    assert_eq!(errors(&df), ["only one escape parser directive can be used"]);
    assert_eq!(df.escape, '`');
}

#[test]
fn backtick_escape_keeps_backslashes_literal() {
    let src = "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nCOPY testfile.txt c:\\\nRUN dir c:\\ `\n    && echo `\"done`\"\nWORKDIR C:\\Users\\app\\\n";
    let df = parse_ok(src);
    assert_eq!(df.escape, '`');
    let kinds: Vec<_> = df.instructions.iter().map(|i| i.kind).collect();
    use InstructionKind::*;
    assert_eq!(kinds, [From, Copy, Run, Workdir]);
    let copy = &df.instructions[1];
    assert_eq!(texts(&copy.words('`')), ["testfile.txt", "c:\\"]);
    let run = &df.instructions[2];
    assert_eq!(shell(run).text, "dir c:\\     && echo `\"done`\"");
    assert_eq!(texts(&run.words('`')), ["dir", "c:\\", "&&", "echo", "\"done\""]);
    assert_eq!(at(src, run.span), "RUN dir c:\\ `\n    && echo `\"done`\"");
    // A trailing backslash is not a continuation with the backtick escape.
    assert_eq!(shell(&df.instructions[3]).text, "C:\\Users\\app\\");
}

#[test]
fn comments_and_blank_lines_inside_continuations() {
    let src = "RUN apt-get update \\\n    # install things\n\n  \t\n    && apt-get install -y curl \\\n# trailing comment \\\n    && rm -rf /var/lib/apt/lists/*\nCMD [\"x\"]\n";
    let df = parse_ok(src);
    assert_eq!(df.instructions.len(), 2);
    let run = &df.instructions[0];
    assert_eq!(shell(run).text, "apt-get update     && apt-get install -y curl     && rm -rf /var/lib/apt/lists/*");
    assert_eq!(
        at(src, run.span),
        "RUN apt-get update \\\n    # install things\n\n  \t\n    && apt-get install -y curl \\\n# trailing comment \\\n    && rm -rf /var/lib/apt/lists/*"
    );
    let blank: Vec<_> = run.empty_continuation_lines.iter().map(|s| at(src, *s)).collect();
    assert_eq!(blank, ["", "  \t"]);
    let c: Vec<_> = df.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(c, ["install things", "trailing comment \\"]);
    // Word spans map back across the removed line breaks.
    let words = run.words('\\');
    let curl = words.iter().find(|w| w.text == "curl").unwrap();
    assert_eq!(at(src, curl.span), "curl");
    let t = shell(run);
    let amp = t.text.find("&&").unwrap();
    assert_eq!(at(src, t.source_span(amp, amp + 2)), "&&");
    // A span across a line join covers the source between.
    let upd = t.text.find("update").unwrap();
    assert_eq!(at(src, t.source_span(upd, amp + 2)), "update \\\n    # install things\n\n  \t\n    &&");
}

#[test]
fn continuation_details() {
    // Joined without a separator; the continuation line keeps its indentation.
    let df = parse_ok("RUN echo a\\\nb \\\n   c");
    assert_eq!(shell(&df.instructions[0]).text, "echo ab    c");
    // A doubled escape at the end is not a continuation.
    let src = "RUN echo a\\\\\nUSER x";
    let df = parse_ok(src);
    assert_eq!(df.instructions.len(), 2);
    assert_eq!(shell(&df.instructions[0]).text, "echo a\\\\");
    // Spaces and tabs after the escape char still continue.
    let df = parse_ok("RUN a \\ \t\r\n b");
    assert_eq!(shell(&df.instructions[0]).text, "a  b");
    // A continuation that runs into EOF ends there (also through comments and blank lines).
    for src in ["RUN a \\", "RUN a \\\n", "RUN a \\\n# c\n\n"] {
        let df = parse_ok(src);
        let run = &df.instructions[0];
        assert_eq!(shell(run).text, "a");
        assert_eq!(at(src, run.span), "RUN a \\");
    }
    // The keyword itself can be split.
    let src = "RU\\\nN echo";
    let df = parse_ok(src);
    assert_eq!(df.instructions[0].kind, InstructionKind::Run);
    assert_eq!(at(src, df.instructions[0].keyword), "RU\\\nN");
    // A lone escape line starts a logical line.
    let df = parse_ok("\\\nRUN x");
    assert_eq!(shell(&df.instructions[0]).text, "x");
    // Leading whitespace before an instruction and lower-case keywords.
    let src = "  \tfrom alpine AS build\n\trun true";
    let df = parse_ok(src);
    assert_eq!(at(src, df.instructions[0].keyword), "from");
    assert_eq!(df.instructions[1].kind, InstructionKind::Run);
}

#[test]
fn exec_and_shell_forms() {
    let src = r#"CMD ["nginx", "-g", "daemon off;"]
ENTRYPOINT ["/bin/sh","-c" , "echo \"hi\" \u00e9\n"]
RUN [ "a" ]  
CMD []
RUN ["unterminated
CMD ['single', 'quotes']
ENTRYPOINT ["a"] && b
RUN [not json
SHELL ["powershell", "-Command"]
VOLUME ["/data", "/logs"]
VOLUME /a /b
COPY ["a b", "/dst/"]
"#;
    let df = parse_ok(src);
    let ins = &df.instructions;
    let Args::Exec(w) = &ins[0].args else { panic!() };
    assert_eq!(texts(w), ["nginx", "-g", "daemon off;"]);
    assert_eq!(at(src, w[2].span), "\"daemon off;\"");
    let Args::Exec(w) = &ins[1].args else { panic!() };
    assert_eq!(texts(w), ["/bin/sh", "-c", "echo \"hi\" é\n"]);
    assert_eq!(at(src, w[2].span), r#""echo \"hi\" \u00e9\n""#);
    assert!(matches!(&ins[2].args, Args::Exec(w) if texts(w) == ["a"]));
    assert!(matches!(&ins[3].args, Args::Exec(w) if w.is_empty()));
    assert_eq!(shell(&ins[4]).text, "[\"unterminated");
    assert_eq!(texts(&ins[5].words('\\')), ["[single,", "quotes]"]);
    assert_eq!(shell(&ins[6]).text, "[\"a\"] && b");
    assert_eq!(shell(&ins[7]).text, "[not json");
    assert!(ins[8].args.is_exec());
    assert!(ins[9].args.is_exec());
    assert_eq!(texts(&ins[10].words('\\')), ["/a", "/b"]);
    assert!(matches!(&ins[11].args, Args::Exec(w) if texts(w) == ["a b", "/dst/"]));
    // JSON forms only for the instructions that take them.
    let df = parse_ok("USER [\"root\"]\nLABEL [\"a\"]=b");
    assert!(!df.instructions[0].args.is_exec());
    assert!(!df.instructions[1].args.is_exec());
}

#[test]
fn exec_form_across_continuation_lines() {
    let src = "CMD [\"nginx\", \\\n  # comment\n     \"-g\", \"daemon \\\noff;\"]\n";
    let df = parse_ok(src);
    let Args::Exec(w) = &df.instructions[0].args else { panic!("exec form expected") };
    assert_eq!(texts(w), ["nginx", "-g", "daemon off;"]);
    assert_eq!(at(src, w[1].span), "\"-g\"");
    assert_eq!(at(src, w[2].span), "\"daemon \\\noff;\"");
    assert_eq!(df.comments[0].text, "comment");
}

#[test]
fn json_that_is_not_a_string_array_is_an_error() {
    let df = parse_checked("CMD [1, \"a\"]\nRUN [\"a\", [\"b\"], {\"c\": null}]\nCMD [\"a\",]\n");
    assert_eq!(errors(&df).len(), 2, "{:?}", df.errors);
    assert!(errors(&df).iter().all(|e| e.contains("must be comprised of strings")));
    // Trailing comma is invalid JSON: shell form, no error.
    assert_eq!(shell(&df.instructions[2]).text, "[\"a\",]");
    // Surrogate pairs and lone surrogates.
    let df = parse_ok(r#"CMD ["\ud83d\ude00", "\ud800x"]"#);
    assert!(matches!(&df.instructions[0].args, Args::Exec(w) if texts(w) == ["😀", "\u{fffd}x"]));
    // Deep nesting does not overflow the stack.
    let deep = format!("CMD [{}]", "[".repeat(200_000));
    let df = parse_ok(&deep);
    assert!(!df.instructions[0].args.is_exec());
    let deep = format!("CMD [{}{}]", "[".repeat(5000), "]".repeat(5000));
    let df = parse_checked(&deep);
    assert_eq!(df.errors.len(), 1);
}

#[test]
fn flags() {
    let src = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=secret,id=npmrc,dst=/root/.npmrc \\\n    --network=none go build ./...\nCOPY --from=build --chown=app:app --chmod=0755 --link /out/app /usr/bin/app\nADD --checksum=sha256:abc --keep-git-dir=true https://x/y.git /src\nCOPY --from=\"build stage\" -- --weird /dst\nHEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -f http://localhost/ || exit 1\n";
    let df = parse_ok(src);
    let ins = &df.instructions;
    let f = &ins[0].flags[0];
    assert_eq!((f.name.as_str(), f.value.as_deref()), ("platform", Some("$BUILDPLATFORM")));
    assert_eq!(at(src, f.span), "--platform=$BUILDPLATFORM");
    assert_eq!(at(src, f.name_span), "platform");
    assert_eq!(at(src, f.value_span.unwrap()), "$BUILDPLATFORM");
    assert_eq!(texts(&ins[0].words('\\')), ["golang:1.22", "AS", "build"]);

    let run = &ins[1];
    let mounts: Vec<_> = run.flags.iter().filter(|f| f.name == "mount").map(|f| f.value.as_deref().unwrap()).collect();
    assert_eq!(mounts, ["type=cache,target=/root/.cache/go-build", "type=secret,id=npmrc,dst=/root/.npmrc"]);
    assert_eq!(run.flag("network").and_then(|f| f.value.as_deref()), Some("none"));
    assert_eq!(at(src, run.flags[2].span), "--network=none");
    assert_eq!(shell(run).text, "go build ./...");

    let copy = &ins[2];
    let names: Vec<_> = copy.flags.iter().map(|f| (f.name.as_str(), f.value.as_deref())).collect();
    assert_eq!(names, [("from", Some("build")), ("chown", Some("app:app")), ("chmod", Some("0755")), ("link", None)]);
    assert_eq!(texts(&copy.words('\\')), ["/out/app", "/usr/bin/app"]);

    assert_eq!(ins[3].flag("keep-git-dir").unwrap().value.as_deref(), Some("true"));

    let quoted = &ins[4];
    assert_eq!(quoted.flags[0].value.as_deref(), Some("build stage"));
    assert_eq!(at(src, quoted.flags[0].value_span.unwrap()), "\"build stage\"");
    assert_eq!(shell(quoted).text, "--weird /dst", "`--` ends the flags");

    let hc = &ins[5];
    assert_eq!(hc.flags.len(), 3);
    assert_eq!(shell(hc).text, "CMD curl -f http://localhost/ || exit 1");
}

#[test]
fn flag_errors() {
    let df = parse_checked(
        "COPY --form=a b c\nCMD --x\nRUN --network\nCOPY --link=maybe a b\nCOPY --from=a --from=b x y\nSTOPSIGNAL --x SIGTERM\n",
    );
    assert_eq!(
        errors(&df),
        [
            "unknown flag: form (for COPY)",
            "unknown flag: x (for CMD)",
            "missing a value on flag: network",
            "expecting boolean value for flag link, not: maybe",
            "duplicate flag specified: from",
        ]
    );
    assert_eq!(df.instructions.len(), 6, "instructions with flag errors are kept");
}

#[test]
fn onbuild() {
    let src = "ONBUILD RUN --mount=type=cache,target=/x make\nonbuild copy [\"a\", \"b\"]\nONBUILD ONBUILD RUN x\nONBUILD FROM x\nONBUILD\nONBUILD NOPE x\n";
    let df = parse_checked(src);
    let t = df.instructions[0].trigger.as_deref().unwrap();
    assert_eq!(t.kind, InstructionKind::Run);
    assert_eq!(at(src, t.keyword), "RUN");
    assert_eq!(t.flags[0].value.as_deref(), Some("type=cache,target=/x"));
    assert_eq!(shell(t).text, "make");
    assert_eq!(at(src, t.span), "RUN --mount=type=cache,target=/x make");
    assert_eq!(shell(&df.instructions[0]).text, "RUN --mount=type=cache,target=/x make");
    let t = df.instructions[1].trigger.as_deref().unwrap();
    assert!(matches!(&t.args, Args::Exec(w) if texts(w) == ["a", "b"]));
    // Forbidden triggers parse (rule DF728 reports them), they are no syntax error here.
    let kinds: Vec<_> = df.instructions[2..4].iter().map(|i| i.trigger.as_deref().map(|t| t.kind)).collect();
    assert_eq!(kinds, [Some(InstructionKind::Onbuild), Some(InstructionKind::From)]);
    assert_eq!(errors(&df), ["ONBUILD requires at least one argument", "unknown instruction: NOPE"]);
    // A long ONBUILD chain is not parsed recursively.
    let chain = format!("{}RUN x", "ONBUILD ".repeat(100_000));
    let df = parse_checked(&chain);
    assert_eq!(df.instructions.len(), 1);
}

#[test]
fn env_arg_label() {
    let src = "ARG BASE=alpine:3.19\nARG VERSION\nFROM $BASE\nENV PATH /usr/local/bin:$PATH  extra\nENV a=1 b=\"x y\" c='$z' d=e\\ f g=\nLABEL org.opencontainers.image.title=\"caulk\" version=1\nARG A=1 B\n";
    let df = parse_ok(src);
    let kv = |i: usize| -> Vec<(String, Option<String>, bool)> {
        df.instructions[i]
            .key_values(df.escape)
            .into_iter()
            .map(|k| (k.key.text, k.value.map(|v| v.text), k.legacy))
            .collect()
    };
    let s = |x: &str| x.to_string();
    assert_eq!(kv(0), [(s("BASE"), Some(s("alpine:3.19")), false)]);
    assert_eq!(kv(1), [(s("VERSION"), None, false)]);
    assert_eq!(kv(3), [(s("PATH"), Some(s("/usr/local/bin:$PATH  extra")), true)]);
    assert_eq!(
        kv(4),
        [
            (s("a"), Some(s("1")), false),
            (s("b"), Some(s("x y")), false),
            (s("c"), Some(s("$z")), false),
            (s("d"), Some(s("e f")), false),
            (s("g"), Some(s("")), false),
        ]
    );
    assert_eq!(
        kv(5),
        [(s("org.opencontainers.image.title"), Some(s("caulk")), false), (s("version"), Some(s("1")), false)]
    );
    assert_eq!(kv(6), [(s("A"), Some(s("1")), false), (s("B"), None, false)]);
    let env = df.instructions[4].key_values('\\');
    assert_eq!(at(src, env[1].span), "b=\"x y\"");
    assert_eq!(at(src, env[1].key.span), "b");
    assert_eq!(at(src, env[1].value.as_ref().unwrap().span), "\"x y\"");
    assert_eq!(env[4].value.as_ref().unwrap().span, Span::point(env[4].span.end));
    let legacy = df.instructions[3].key_values('\\');
    assert_eq!(at(src, legacy[0].value.as_ref().unwrap().span), "/usr/local/bin:$PATH  extra");
    // Errors.
    let df = parse_checked("ENV\nENV PATH\nENV a=1 b\nARG\nARG =x\nLABEL\n");
    assert_eq!(
        errors(&df),
        [
            "ENV requires at least one argument",
            "ENV must have two arguments",
            "Syntax error - can't find = in \"b\". Must be of the form: name=value",
            "ARG requires at least one argument",
            "ARG names can not be blank",
            "LABEL requires at least one argument",
        ]
    );
}

#[test]
fn unknown_instruction_recovery() {
    let src = "FROM alpine\nFOO bar \\\n  RUN not-an-instruction\nRUN=x\nRUN echo ok\n  WRONG\nUSER app\n";
    let df = parse_checked(src);
    let kinds: Vec<_> = df.instructions.iter().map(|i| i.kind).collect();
    use InstructionKind::*;
    assert_eq!(kinds, [From, Run, User]);
    let e: Vec<_> = df.errors.iter().map(|e| (e.message.as_str(), at(src, e.span))).collect();
    assert_eq!(
        e,
        [
            ("unknown instruction: FOO", "FOO"),
            ("unknown instruction: RUN=x", "RUN=x"),
            ("unknown instruction: WRONG", "WRONG")
        ]
    );
}

#[test]
fn missing_arguments() {
    let src = "FROM\nFROM a b\nFROM a AS 1x\nUSER\nWORKDIR \nCOPY x\nADD\nEXPOSE\nVOLUME\nSTOPSIGNAL\nMAINTAINER\nSHELL /bin/sh -c\nSHELL []\nVOLUME [\"\"]\nCOPY a <<EOF\nEOF\nRUN\nCMD\n";
    let df = parse_checked(src);
    assert_eq!(
        errors(&df),
        [
            "FROM requires either one or three arguments",
            "FROM requires either one or three arguments",
            "invalid name for build stage: \"1x\", name can't start with a number or contain symbols",
            "USER requires exactly one argument",
            "WORKDIR requires exactly one argument",
            "COPY requires at least two arguments, but only one was provided. Destination could not be determined",
            "ADD requires at least two arguments, but only one was provided. Destination could not be determined",
            "EXPOSE requires at least one argument",
            "VOLUME requires at least one argument",
            "STOPSIGNAL requires exactly one argument",
            "MAINTAINER requires exactly one argument",
            "SHELL requires the arguments to be in JSON form",
            "SHELL requires at least one argument",
            "VOLUME specified can not be an empty string",
            "COPY cannot accept a heredoc as a destination",
        ]
    );
    assert_eq!(df.instructions.len(), 17, "instructions with argument errors are kept");
    assert_eq!(at(src, df.errors[0].span), "FROM");
}

#[test]
fn healthcheck() {
    let df = parse_checked(
        "HEALTHCHECK NONE\nHEALTHCHECK CMD [\"curl\", \"-f\", \"x\"]\nHEALTHCHECK\nHEALTHCHECK CMD\nHEALTHCHECK CONNECT x\nHEALTHCHECK NONE x\nHEALTHCHECK --retries=3 NONE\n",
    );
    assert_eq!(shell(&df.instructions[1]).text, "CMD [\"curl\", \"-f\", \"x\"]");
    assert_eq!(
        errors(&df),
        [
            "HEALTHCHECK requires at least one argument",
            "Missing command after HEALTHCHECK CMD",
            "Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)",
            "HEALTHCHECK NONE takes no arguments",
        ]
    );
}

#[test]
fn heredoc_basic_forms() {
    let src = "FROM alpine\nRUN <<EOF\napk add curl\necho $HOME\nEOF\nRUN <<\"END\" bash\necho '$x'\nEND\nRUN python3 <<'PY'\nprint(1)\nPY\nUSER app\n";
    let df = parse_ok(src);
    let kinds: Vec<_> = df.instructions.iter().map(|i| i.kind).collect();
    use InstructionKind::*;
    assert_eq!(kinds, [From, Run, Run, Run, User]);
    let r = &df.instructions[1];
    let h = &r.heredocs[0];
    assert_eq!((h.delimiter.as_str(), h.quoted, h.strip_tabs), ("EOF", false, false));
    assert_eq!(at(src, h.marker), "<<EOF");
    assert_eq!(h.text, "apk add curl\necho $HOME\n");
    assert_eq!(at(src, h.body), h.text);
    assert_eq!(at(src, h.terminator.unwrap()), "EOF");
    assert_eq!(at(src, r.span), "RUN <<EOF\napk add curl\necho $HOME\nEOF");
    assert_eq!(shell(r).text, "<<EOF");
    let h = &df.instructions[2].heredocs[0];
    assert_eq!((h.delimiter.as_str(), h.quoted), ("END", true));
    assert_eq!(at(src, h.marker), "<<\"END\"");
    assert_eq!(h.text, "echo '$x'\n");
    let h = &df.instructions[3].heredocs[0];
    assert_eq!((h.delimiter.as_str(), h.quoted, h.text.as_str()), ("PY", true, "print(1)\n"));
    assert_eq!(at(src, df.instructions[4].span), "USER app");
}

#[test]
fn heredoc_strip_tabs_several_and_copy() {
    let src = "RUN <<-EOT cat <<B > /b\n\t\techo one\n\tEOT\nbody b\n\tB\nB\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\nCOPY --chmod=755 <<-\"A\" <<B /dst/\n\tx\n\t\tA\n\nB\nCMD x\n";
    let df = parse_ok(src);
    assert_eq!(df.instructions.len(), 4);
    let run = &df.instructions[0];
    assert_eq!(run.heredocs.len(), 2);
    let (a, b) = (&run.heredocs[0], &run.heredocs[1]);
    assert_eq!((a.delimiter.as_str(), a.strip_tabs), ("EOT", true));
    assert_eq!(at(src, a.body), "\t\techo one\n");
    assert_eq!(a.text, "echo one\n");
    assert_eq!(a.source_offset(0), src.find("echo one").unwrap());
    assert_eq!(at(src, a.terminator.unwrap()), "\tEOT");
    // Without `-`, a tab-indented delimiter does not terminate.
    assert_eq!((b.delimiter.as_str(), b.text.as_str()), ("B", "body b\n\tB\n"));
    assert_eq!(b.source_offset(3), src.find("y b").unwrap());
    assert_eq!(shell(run).text, "<<-EOT cat <<B > /b");

    let copy = &df.instructions[1];
    assert_eq!(copy.heredocs[0].text, "key=value\n");
    assert_eq!(texts(&copy.words('\\')), ["<<EOF", "/etc/app.conf"]);
    let copy2 = &df.instructions[2];
    let h: Vec<_> = copy2.heredocs.iter().map(|h| (h.delimiter.as_str(), h.quoted, h.text.as_str())).collect();
    assert_eq!(h, [("A", true, "x\n"), ("B", false, "\n")]);
    assert_eq!(df.instructions[3].kind, InstructionKind::Cmd);
}

#[test]
fn heredoc_edge_cases() {
    // Not heredocs: quoted, here-string, glued to a word, exec form, other instructions.
    let src = "RUN echo \"<<EOF\" '<<X'\nRUN cat <<<EOF\nRUN cat<<EOF\nRUN [\"sh\", \"<<EOF\"]\nCMD cat <<EOF\nENV A=<<EOF\nUSER x\n";
    let df = parse_ok(src);
    assert_eq!(df.instructions.len(), 7);
    assert!(df.instructions.iter().all(|i| i.heredocs.is_empty()));

    // Marker on a continued line: the body starts after the logical line.
    let src = "RUN --mount=type=secret,id=t \\\n  cat <<EOF \\\n  > /x\nsecret\nEOF\nUSER u";
    let df = parse_ok(src);
    let run = &df.instructions[0];
    assert_eq!(run.heredocs[0].text, "secret\n");
    assert_eq!(at(src, run.heredocs[0].marker), "<<EOF");
    assert_eq!(df.instructions[1].kind, InstructionKind::User);

    // CRLF bodies and terminators; the terminator may be the last line without a newline.
    let src = "RUN <<EOF\r\necho a\r\nEOF\r\nRUN <<X\r\nb\r\nX";
    let df = parse_ok(src);
    assert_eq!(df.instructions[0].heredocs[0].text, "echo a\r\n");
    assert_eq!(at(src, df.instructions[0].span), "RUN <<EOF\r\necho a\r\nEOF");
    assert_eq!(at(src, df.instructions[1].heredocs[0].terminator.unwrap()), "X");

    // Bodies are raw: comments, escapes and instruction keywords are content.
    let src = "RUN <<EOF\n# not a comment \\\nFROM x\nEOF\n";
    let df = parse_ok(src);
    assert!(df.comments.is_empty());
    assert_eq!(df.instructions.len(), 1);

    // ONBUILD triggers may carry heredocs.
    let src = "ONBUILD RUN <<EOF\necho hi\nEOF\nUSER x\n";
    let df = parse_ok(src);
    let t = df.instructions[0].trigger.as_deref().unwrap();
    assert_eq!(t.heredocs[0].text, "echo hi\n");
    assert_eq!(at(src, df.instructions[0].span), "ONBUILD RUN <<EOF\necho hi\nEOF");
    assert_eq!(at(src, t.span), "RUN <<EOF\necho hi\nEOF");

    // File-descriptor prefix and an empty body.
    let df = parse_ok("RUN cat 3<<EOF\nEOF\n");
    assert_eq!(df.instructions[0].heredocs[0].delimiter, "EOF");
    assert_eq!(df.instructions[0].heredocs[0].text, "");
}

#[test]
fn heredoc_unterminated() {
    let src = "RUN <<EOF cat <<TWO\nline\nUSER x\n";
    let df = parse_checked(src);
    assert_eq!(df.instructions.len(), 1);
    let run = &df.instructions[0];
    assert_eq!(run.heredocs.len(), 2);
    assert_eq!(run.heredocs[0].text, "line\nUSER x\n");
    assert_eq!(run.heredocs[0].terminator, None);
    assert_eq!(run.heredocs[1].body, Span::point(src.len()));
    assert_eq!(at(src, run.span), "RUN <<EOF cat <<TWO\nline\nUSER x");
    let e: Vec<_> = df.errors.iter().map(|e| (e.message.as_str(), at(src, e.span))).collect();
    assert_eq!(e, [("unterminated heredoc", "<<EOF"), ("unterminated heredoc", "<<TWO")]);
    // At EOF right after the marker.
    let df = parse_checked("RUN <<EOF");
    assert_eq!(errors(&df), ["unterminated heredoc"]);
}

#[test]
fn shell_words() {
    let src = r#"RUN a 'b c' "d \"e\" \$f \g" h\ i j\"k '' "" x"y"z 'unterminated"#;
    let df = parse_ok(src);
    let w = df.instructions[0].words('\\');
    assert_eq!(texts(&w), ["a", "b c", r#"d "e" $f \g"#, "h i", "j\"k", "", "", "xyz", "unterminated"]);
    assert_eq!(at(src, w[1].span), "'b c'");
    assert_eq!(at(src, w[8].span), "'unterminated");
    // Unterminated double quote swallows the rest.
    let df = parse_ok("RUN a \"b c");
    assert_eq!(texts(&df.instructions[0].words('\\')), ["a", "b c"]);
}

#[test]
fn odd_bytes_never_panic() {
    let inputs = [
        "FROM a\0b\nRUN \0\n\0\n",
        "RUN é\\\nü ☃ <<É\nbody\nÉ\n",
        "\u{feff}\u{feff}FROM x",
        "RUN \u{a0}x\nFROM\u{a0}x\n",
        "\r\r\r\nRUN x\r",
        "\\",
        "\\\n",
        "#",
        "# escape=`\n`",
        "RUN [\"\\u12\"]",
        "RUN [\"\\",
        "RUN [",
        "COPY --",
        "COPY --a\\",
        "COPY --a='",
        "COPY '--a' b",
        "ENV \"a=b",
        "ENV a\\",
        "RUN <<",
        "RUN <<-",
        "RUN <<'EOF",
        "RUN <<\"\"",
        "ONBUILD ONBUILD",
        "HEALTHCHECK CMD [1]",
        "FROM a\n\u{2028}RUN x\u{2029}",
    ];
    for src in inputs {
        let df = parse_checked(src);
        let _ = format!("{df:?}");
    }
}

/// A small deterministic fuzzer over Dockerfile-ish fragments: no panics, invariants hold.
#[test]
fn fuzz_fragments() {
    let frags = [
        "RUN ",
        "FROM ",
        "COPY ",
        "ONBUILD ",
        "ENV ",
        "ARG ",
        "HEALTHCHECK ",
        "CMD ",
        "\\",
        "`",
        "\n",
        "\r\n",
        " ",
        "\t",
        "#",
        "# escape=`\n",
        "<<EOF",
        "<<-X",
        "EOF",
        "\tX",
        "\"",
        "'",
        "[",
        "]",
        "\"a\"",
        ",",
        "--mount=",
        "--",
        "=",
        "é",
        "\0",
        "x",
        "$",
        "{",
        "\\u00",
        "NONE",
        "\u{feff}",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let n = (next() % 40) as usize;
        let src: String = (0..n).map(|_| frags[(next() % frags.len() as u64) as usize]).collect();
        let df = parse(&src);
        check_invariants(&src, &df);
    }
}

#[test]
fn huge_single_line() {
    let mut src = String::from("RUN echo ");
    while src.len() < 1 << 20 {
        src.push_str("abc \"d e\" 'f' --x=y <<< ");
    }
    src.push_str("\nUSER x\n");
    let t = std::time::Instant::now();
    let df = parse_ok(&src);
    assert_eq!(df.instructions.len(), 2);
    assert!(df.instructions[0].words('\\').len() > 100_000);
    // Pathological repetitions stay linear.
    for unit in ["--link ", "<<A ", "\\\n", "#\n", "\n", "[", "[\"a\",", "ONBUILD ", "a=b "] {
        let src = format!("COPY {}", unit.repeat((1 << 20) / unit.len()));
        let df = parse_checked(&src);
        for ins in &df.instructions {
            let _ = ins.words('\\');
        }
    }
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}

#[test]
fn instruction_kind_keywords() {
    for k in InstructionKind::ALL {
        assert_eq!(InstructionKind::from_keyword(k.as_str()), Some(k));
        assert_eq!(InstructionKind::from_keyword(&k.as_str().to_lowercase()), Some(k));
    }
    assert_eq!(InstructionKind::from_keyword("HealthCheck"), Some(InstructionKind::Healthcheck));
    assert_eq!(InstructionKind::from_keyword("RUNS"), None);
    assert_eq!(InstructionKind::from_keyword(""), None);
}

/// Parses every file of the shared corpus: no panics; lists the files with errors.
#[test]
fn corpus() {
    let dir = std::path::Path::new("/work/shared/corpus/dockerfile");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("corpus dir {} absent; skipping", dir.display());
        return;
    };
    let mut files: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let (mut total, mut bad) = (0, 0);
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let src = String::from_utf8_lossy(&bytes);
        total += 1;
        let df = std::panic::catch_unwind(|| parse(&src));
        let Ok(df) = df else {
            panic!("parser panicked on {}", path.display());
        };
        check_invariants(&src, &df);
        if !df.errors.is_empty() {
            bad += 1;
            println!("{}", path.display());
            for e in &df.errors {
                let text: String = e.span.slice(&src).chars().take(80).collect();
                println!("    {}: {text:?}", e.message);
            }
        }
    }
    println!("{bad} of {total} files have parse errors");
}
