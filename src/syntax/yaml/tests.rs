use std::time::{Duration, Instant};

use super::*;

fn p(src: &str) -> YamlFile {
    parse(src, &Limits::default())
}

fn first_root(file: &YamlFile) -> NodeRef<'_> {
    let doc = file.documents.first().expect("a document");
    file.root(doc).expect("a root")
}

fn kinds(file: &YamlFile) -> Vec<YamlErrorKind> {
    file.errors.iter().map(|e| e.kind).collect()
}

#[test]
fn spans_of_keys_and_values() {
    let src = "apiVersion: v1\nkind: 'Pod'\nmetadata:\n  name: \"web\"\n  labels: {app: web, tier: [a, b]}\n";
    let file = p(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let root = first_root(&file);
    assert!(root.is_mapping());
    let (k, v) = root.entry("kind").unwrap();
    assert_eq!(k.span().slice(src), "kind");
    assert_eq!(v.span().slice(src), "'Pod'");
    assert_eq!(v.str(), Some("Pod"));
    assert_eq!(v.style(), Some(ScalarStyle::SingleQuoted));
    let name = root.path(&["metadata", "name"]).unwrap();
    assert_eq!(name.span().slice(src), "\"web\"");
    assert_eq!(name.style(), Some(ScalarStyle::DoubleQuoted));
    let labels = root.path(&["metadata", "labels"]).unwrap();
    assert_eq!(labels.span().slice(src), "{app: web, tier: [a, b]}");
    let tier = labels.get("tier").unwrap();
    assert_eq!(tier.span().slice(src), "[a, b]");
    let items: Vec<_> = tier.items().map(|n| n.str().unwrap()).collect();
    assert_eq!(items, ["a", "b"]);
    let metadata = root.get("metadata").unwrap();
    assert_eq!(metadata.span().slice(src), "name: \"web\"\n  labels: {app: web, tier: [a, b]}");
    assert_eq!(root.span().slice(src), src.trim_end());
    let keys: Vec<_> = root.entries().map(|(k, _)| k.str().unwrap()).collect();
    assert_eq!(keys, ["apiVersion", "kind", "metadata"]);
    assert_eq!(root.get("nope").map(|n| n.id()), None);
    assert!(root.path(&["metadata", "name", "x"]).is_none());
}

#[test]
fn block_sequences_and_nulls() {
    let src = "containers:\n- name: a\n  args:\n  - x\n  - 'y'\n- name: b\n  empty:\n  tilde: ~\n";
    let file = p(src);
    let root = first_root(&file);
    let containers = root.get("containers").unwrap();
    assert_eq!(containers.items().count(), 2);
    assert!(containers.span().slice(src).starts_with("- name: a"));
    assert!(containers.span().slice(src).ends_with("tilde: ~"));
    let b = containers.items().nth(1).unwrap();
    let empty = b.get("empty").unwrap();
    assert_eq!(empty.str(), Some(""));
    assert!(empty.is_null());
    assert!(empty.span().is_empty());
    assert!(b.get("tilde").unwrap().is_null());
    let args = containers.items().next().unwrap().get("args").unwrap();
    assert_eq!(args.span().slice(src), "- x\n  - 'y'");

    let src = "- - a\n  - b\n- c\n";
    let file = p(src);
    let outer = first_root(&file);
    assert_eq!(outer.span().slice(src), src.trim_end());
    assert_eq!(outer.items().next().unwrap().span().slice(src), "- a\n  - b");
}

#[test]
fn block_scalars_and_tags() {
    let src = "a: |\n  line1\n  line2\n\nb: >-\n  folded\n  text\nc: !!str 123\nd: !Ref x\ne: |+ # keep\n  k\n\nf: !custom\n  - 1\n";
    let file = p(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let root = first_root(&file);
    let a = root.get("a").unwrap();
    assert_eq!(a.style(), Some(ScalarStyle::Literal));
    assert_eq!(a.str(), Some("line1\nline2\n"));
    assert_eq!(a.span().slice(src), "|\n  line1\n  line2");
    let b = root.get("b").unwrap();
    assert_eq!(b.style(), Some(ScalarStyle::Folded));
    assert_eq!(b.str(), Some("folded text"));
    assert_eq!(b.span().slice(src), ">-\n  folded\n  text");
    let c = root.get("c").unwrap();
    assert_eq!(c.tag(), Some("!!str"));
    assert_eq!(c.span().slice(src), "123");
    assert_eq!(c.as_i64(), None, "!!str is a string");
    assert_eq!(root.get("d").unwrap().tag(), Some("!Ref"));
    let e = root.get("e").unwrap();
    assert_eq!(e.str(), Some("k\n\n"));
    assert_eq!(e.span().slice(src), "|+ # keep\n  k");
    let f = root.get("f").unwrap();
    assert_eq!(f.tag(), Some("!custom"));
    assert!(f.is_sequence());
    assert_eq!(file.comments.len(), 1);
    assert_eq!(file.comments[0].span.slice(src), "# keep");
}

#[test]
fn block_scalar_after_comment_and_in_sequence() {
    let src = "k: # note\n  |\n  body\nlist:\n- >\n  x\n- |2\n   y\n";
    let file = p(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let root = first_root(&file);
    assert_eq!(root.get("k").unwrap().span().slice(src), "|\n  body");
    let spans: Vec<_> = root.get("list").unwrap().items().map(|n| n.span().slice(src).to_owned()).collect();
    assert_eq!(spans, [">\n  x", "|2\n   y"]);
}

#[test]
fn comments_in_file_order_and_inside_documents() {
    let src = "# head\n---\n# Source: chart/templates/a.yaml\napiVersion: v1 # trailing\nkind: ConfigMap\ndata:\n  x: |  # after header\n    y\n# end\n";
    let file = p(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let texts: Vec<_> = file.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, [" head", " Source: chart/templates/a.yaml", " trailing", " after header", " end"]);
    for c in &file.comments {
        assert_eq!(c.span.slice(src), format!("#{}", c.text));
    }
    let doc = &file.documents[0];
    assert!(doc.explicit_start);
    assert_eq!(doc.span.start, src.find("---").unwrap());
    let source = &file.comments[1];
    assert!(doc.span.start <= source.span.start && source.span.end <= doc.span.end);
    assert!(!doc.span.contains(file.comments[0].span.start));
}

#[test]
fn anchors_and_aliases() {
    let src = "base: &b {x: 1}\nname: &n web\nuse: *b\nlist: [*n, *b]\n";
    let file = p(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let root = first_root(&file);
    let base = root.get("base").unwrap();
    assert_eq!(base.anchor(), Some("b"));
    let used = root.get("use").unwrap();
    assert!(used.is_alias());
    assert_eq!(used.id(), base.id());
    assert_eq!(used.span().slice(src), "{x: 1}");
    assert_eq!(used.alias_span().unwrap().slice(src), "*b");
    assert_eq!(used.get("x").unwrap().as_i64(), Some(1));
    let list: Vec<_> = root.get("list").unwrap().items().collect();
    assert_eq!(list[0].str(), Some("web"));
    assert!(list[1].is_mapping());
    assert_eq!(list[0].alias_span().unwrap().slice(src), "*n");
}

#[test]
fn merge_single_and_override() {
    let src = "defaults: &d\n  image: nginx\n  pull: Always\nsvc:\n  <<: *d\n  pull: IfNotPresent\n";
    let file = p(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let svc = first_root(&file).get("svc").unwrap();
    assert_eq!(svc.get("pull").unwrap().str(), Some("IfNotPresent"));
    assert_eq!(svc.get("image").unwrap().str(), Some("nginx"));
    let entries: Vec<_> = svc.entries().map(|(k, v)| (k.str().unwrap(), v.str().unwrap())).collect();
    assert_eq!(entries, [("pull", "IfNotPresent"), ("image", "nginx")]);
    let NodeKind::Mapping(raw) = svc.kind() else { panic!() };
    let merged: Vec<_> = raw.iter().filter_map(|e| e.merged_from).collect();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].slice(src), "<<");
    // The merged value's span is where it is written.
    assert_eq!(svc.get("image").unwrap().span().slice(src), "nginx");
    assert!(svc.get("<<").is_none());
}

#[test]
fn merge_list_earlier_sources_win() {
    let src = "a: &a {x: a1, y: a2}\nb: &b {x: b1, z: b3}\nc:\n  <<: [*a, *b, {w: inline}]\n  y: own\n";
    let file = p(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let c = first_root(&file).get("c").unwrap();
    let entries: Vec<_> = c.entries().map(|(k, v)| (k.str().unwrap(), v.str().unwrap())).collect();
    assert_eq!(entries, [("y", "own"), ("x", "a1"), ("z", "b3"), ("w", "inline")]);
}

#[test]
fn merge_of_merged_mapping_and_bad_merge() {
    let src = "a: &a {x: 1}\nb: &b\n  <<: *a\n  y: 2\nc:\n  <<: *b\nd:\n  <<: scalar\n  k: v\ne:\n  <<: [*a, [1]]\n";
    let file = p(src);
    let root = first_root(&file);
    let c = root.get("c").unwrap();
    assert_eq!(c.get("x").unwrap().as_i64(), Some(1));
    assert_eq!(c.get("y").unwrap().as_i64(), Some(2));
    assert_eq!(kinds(&file), [YamlErrorKind::BadMerge, YamlErrorKind::BadMerge]);
    assert_eq!(file.errors[0].span.slice(src), "scalar");
    assert_eq!(file.errors[1].span.slice(src), "[1]");
    assert!(!file.has_fatal_errors());
    assert_eq!(root.get("d").unwrap().len(), 1);
    assert_eq!(root.get("e").unwrap().get("x").unwrap().as_i64(), Some(1));
}

#[test]
fn quoted_merge_key_is_a_plain_key() {
    let file = p("a: &a {x: 1}\nb:\n  '<<': *a\n");
    assert!(file.errors.is_empty());
    let b = first_root(&file).get("b").unwrap();
    assert!(b.get("<<").is_some());
    assert!(b.get("x").is_none());
}

#[test]
fn duplicate_keys() {
    let src = "a: 1\nb: 2\na: 3\na: 4\n";
    let file = p(src);
    assert_eq!(kinds(&file), [YamlErrorKind::DuplicateKey, YamlErrorKind::DuplicateKey]);
    assert!(!file.errors[0].kind.is_fatal());
    assert_eq!(file.errors[0].span, Span::new(10, 11));
    assert_eq!(file.errors[0].related, Some(Span::new(0, 1)));
    assert_eq!(file.errors[1].span, Span::new(15, 16));
    assert_eq!(file.errors[1].related, Some(Span::new(0, 1)));
    let root = first_root(&file);
    assert_eq!(root.get("a").unwrap().as_i64(), Some(4));
    let entries: Vec<_> = root.entries().map(|(k, v)| (k.str().unwrap(), v.as_i64().unwrap())).collect();
    assert_eq!(entries, [("b", 2), ("a", 4)]);
}

#[test]
fn duplicate_keys_in_large_mapping() {
    let mut src = String::new();
    for i in 0..40 {
        src.push_str(&format!("k{i}: {i}\n"));
    }
    src.push_str("k7: last\n");
    let file = p(&src);
    assert_eq!(kinds(&file), [YamlErrorKind::DuplicateKey]);
    assert_eq!(file.errors[0].related.unwrap().slice(&src), "k7");
    let root = first_root(&file);
    assert_eq!(root.get("k7").unwrap().str(), Some("last"));
    assert_eq!(root.len(), 40);
}

#[test]
fn billion_laughs_hits_the_budget_quickly() {
    let mut src = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..=9 {
        let prev = level - 1;
        let refs = vec![format!("*a{prev}"); 10].join(", ");
        src.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
    }
    src.push_str("---\nafter: ok\n");
    let start = Instant::now();
    let file = p(&src);
    assert!(start.elapsed() < Duration::from_millis(500), "{:?}", start.elapsed());
    assert_eq!(kinds(&file), [YamlErrorKind::AliasBudget]);
    assert!(file.errors[0].span.slice(&src).starts_with("*a"));
    assert_eq!(file.documents.len(), 2);
    assert!(file.documents[0].root.is_none());
    assert!(file.root(&file.documents[1]).unwrap().get("after").is_some());
    // The dropped document's nodes are gone.
    assert!(file.nodes.len() < 10);
}

#[test]
fn budget_counts_expanded_size() {
    let src = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n";
    let limits = Limits { max_expanded_nodes: 14, ..Limits::default() };
    let file = parse(src, &limits);
    assert_eq!(kinds(&file), [YamlErrorKind::AliasBudget]);
    assert_eq!(file.errors[0].span, Span::new(24, 26));
    let limits = Limits { max_expanded_nodes: 20, ..Limits::default() };
    assert!(parse(src, &limits).errors.is_empty());
}

#[test]
fn recursive_alias() {
    let file = p("a: &a [1, *a]\n---\nb: 1\n");
    assert_eq!(kinds(&file), [YamlErrorKind::RecursiveAlias]);
    assert_eq!(file.errors[0].span, Span::new(10, 12));
    assert!(file.documents[0].root.is_none());
    assert!(file.documents[1].root.is_some());
    let file = p("a: &a {k: *a}\n");
    assert_eq!(kinds(&file), [YamlErrorKind::RecursiveAlias]);
}

#[test]
fn unknown_alias() {
    let src = "a: 1\nb: *nope\n---\nc: 2\n";
    let file = p(src);
    assert_eq!(kinds(&file), [YamlErrorKind::UnknownAlias]);
    assert_eq!(file.errors[0].span.slice(src), "*nope");
    assert_eq!(file.errors[0].document, 0);
    assert!(file.documents[0].root.is_none());
    assert!(file.documents[1].root.is_some());
    // Anchors do not cross documents.
    let file = p("a: &x 1\n---\nb: *x\n");
    assert_eq!(kinds(&file), [YamlErrorKind::UnknownAlias]);
    assert_eq!(file.errors[0].document, 1);
}

#[test]
fn deep_block_nesting() {
    let mut src = String::new();
    for level in 0..200 {
        src.push_str(&"  ".repeat(level));
        src.push_str("k:\n");
    }
    src.push_str("---\nok: 1\n");
    let file = p(&src);
    assert_eq!(kinds(&file), [YamlErrorKind::Depth]);
    // The 101st mapping is the one that crosses the limit.
    let at = file.errors[0].span.start;
    let line = src[..at].matches('\n').count();
    assert_eq!(line, 100, "{:?}", file.errors[0]);
    assert!(file.documents[0].root.is_none());
    assert!(file.documents[1].root.is_some());
}

#[test]
fn deep_flow_nesting() {
    let src = format!("a: {}{}\n---\nok: 1\n", "[".repeat(200), "]".repeat(200));
    let file = p(&src);
    assert_eq!(kinds(&file), [YamlErrorKind::Depth]);
    // Root mapping is level 1, so the 100th `[` crosses.
    assert_eq!(file.errors[0].span, Span::new(3 + 99, 3 + 100));
    assert!(file.documents[1].root.is_some());
    // Beyond the parser's own limit too.
    let src = format!("{}{}\n", "{a: ".repeat(1000), "}".repeat(1000));
    let file = p(&src);
    assert_eq!(kinds(&file), [YamlErrorKind::Depth]);
    // A raised limit is honoured.
    let src = "[".repeat(300) + &"]".repeat(300);
    let file = parse(&src, &Limits { max_depth: 400, ..Limits::default() });
    assert!(file.errors.is_empty(), "{:?}", file.errors);
}

#[test]
fn broken_document_in_the_middle() {
    let src = "a: 1\n---\nb: 2\n---\nc: [1, 2\nd: }\n---\ne: 5\n";
    let file = p(src);
    assert_eq!(kinds(&file), [YamlErrorKind::Syntax]);
    assert_eq!(file.errors[0].document, 2);
    assert!(!file.errors[0].message.is_empty());
    assert_eq!(file.documents.len(), 4);
    let keys: Vec<_> = file
        .documents
        .iter()
        .map(|d| file.root(d).map(|r| r.entries().next().unwrap().0.str().unwrap().to_owned()))
        .collect();
    assert_eq!(keys, [Some("a".into()), Some("b".into()), None, Some("e".into())]);
    let broken = &file.documents[2];
    assert_eq!(broken.span.slice(src), "---\nc: [1, 2\nd: }\n");
    for (i, d) in file.documents.iter().enumerate() {
        assert_eq!(d.index, i);
    }
}

#[test]
fn several_broken_documents() {
    let src = "a: [\n---\nb: 1\n---\n\"x\n---\nc: 2\n";
    let file = p(src);
    assert_eq!(kinds(&file), [YamlErrorKind::Syntax, YamlErrorKind::Syntax]);
    let docs: Vec<_> = file.documents.iter().map(|d| d.root.is_some()).collect();
    assert_eq!(docs, [false, true, false, true]);
}

#[test]
fn empty_documents() {
    assert!(p("").documents.is_empty());
    let file = p("# only\n# comments\n");
    assert!(file.documents.is_empty() && file.errors.is_empty());
    assert_eq!(file.comments.len(), 2);
    let file = p("a: 1\n---\n");
    assert!(file.errors.is_empty());
    assert_eq!(file.documents.len(), 2);
    assert!(file.documents[1].root.is_none());
    let file = p("---\n# Source: x\n---\n---\nk: v\n...\n");
    assert!(file.errors.is_empty());
    let roots: Vec<_> = file.documents.iter().map(|d| d.root.is_some()).collect();
    assert_eq!(roots, [false, false, true]);
    assert!(file.documents[0].span.contains(file.comments[0].span.start));
    // An explicit null is a root.
    let file = p("--- ~\n");
    assert!(file.root(&file.documents[0]).unwrap().is_null());
}

#[test]
fn crlf_bom_nul_tabs() {
    let src = "\u{feff}a: 1\r\nb: [x,\r\n y] # c\r\nc: |\r\n  lit\r\n";
    let file = p(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let root = first_root(&file);
    let (k, v) = root.entry("a").unwrap();
    assert_eq!(k.span(), Span::new(3, 4));
    assert_eq!(v.span().slice(src), "1");
    assert_eq!(root.get("b").unwrap().span().slice(src), "[x,\r\n y]");
    assert_eq!(file.comments[0].span.slice(src), "# c");
    assert_eq!(root.get("c").unwrap().span().slice(src), "|\r\n  lit");
    assert_eq!(root.get("c").unwrap().str(), Some("lit\n"));

    let src = "a: 1\n---\nb: x\0y\n---\nc: 3\n";
    let file = p(src);
    assert_eq!(kinds(&file), [YamlErrorKind::Syntax]);
    assert_eq!(file.errors[0].document, 1);
    assert!(file.documents[2].root.is_some());

    let file = p("a:\tb\nc: \"tab\there\"\n");
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    assert_eq!(first_root(&file).get("c").unwrap().str(), Some("tab\there"));

    let file = p("\0");
    assert_eq!(kinds(&file), [YamlErrorKind::Syntax]);
}

#[test]
fn multibyte_spans_are_bytes() {
    let src = "ключ: значение\nemoji: \"😀\"\n";
    let file = p(src);
    let root = first_root(&file);
    let (k, v) = root.entry("ключ").unwrap();
    assert_eq!(k.span().slice(src), "ключ");
    assert_eq!(v.span().slice(src), "значение");
    assert_eq!(root.get("emoji").unwrap().span().slice(src), "\"😀\"");
}

#[test]
fn complex_keys_do_not_break_lookup() {
    let src = "? [a, b]\n: 1\n? {x: y}\n: 2\nk: 3\n";
    let file = p(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let root = first_root(&file);
    assert_eq!(root.len(), 3);
    assert_eq!(root.get("k").unwrap().as_i64(), Some(3));
}

#[test]
fn foreign_node_id_does_not_panic() {
    let big = p("a: [1, 2, 3, 4, 5]\n");
    let small = p("a: 1\n");
    let last = big.nodes.len() as u32 - 1;
    let node = small.node(NodeId(last));
    assert!(node.is_null());
    assert!(node.get("x").is_none());
    assert_eq!(node.items().count(), 0);
}

#[test]
fn yaml11_scalars() {
    let src = "a: on\nb: yes\nc: \"yes\"\nd: 0777\ne: 0o17\nf: 0x1F\ng: 1_000\nh: -42\ni: Off\nj: 'on'\nk: 09\nl: !!bool y\nm: +0b101\nn: 0\no: 1:30\np: Null\nq: ~\nr: \"\"\ns: 9223372036854775808\nt: -9223372036854775808\n";
    let file = p(src);
    let r = first_root(&file);
    let b = |k: &str| r.get(k).unwrap().as_bool();
    let i = |k: &str| r.get(k).unwrap().as_i64();
    assert_eq!(b("a"), Some(true));
    assert_eq!(b("b"), Some(true));
    assert_eq!(b("c"), None);
    assert_eq!(b("i"), Some(false));
    assert_eq!(b("j"), None);
    assert_eq!(b("l"), Some(true));
    assert_eq!(i("d"), Some(511));
    assert_eq!(i("e"), Some(15));
    assert_eq!(i("f"), Some(31));
    assert_eq!(i("g"), Some(1000));
    assert_eq!(i("h"), Some(-42));
    assert_eq!(i("k"), None);
    assert_eq!(i("m"), Some(5));
    assert_eq!(i("n"), Some(0));
    assert_eq!(i("o"), None);
    assert_eq!(i("s"), None);
    assert_eq!(i("t"), Some(i64::MIN));
    assert_eq!(i("c"), None);
    assert!(r.get("p").unwrap().is_null());
    assert!(r.get("q").unwrap().is_null());
    assert!(!r.get("r").unwrap().is_null(), "a quoted empty string is not null");

    for (s, want) in [
        ("y", Some(true)),
        ("Y", Some(true)),
        ("YES", Some(true)),
        ("TRUE", Some(true)),
        ("ON", Some(true)),
        ("n", Some(false)),
        ("NO", Some(false)),
        ("FALSE", Some(false)),
        ("OFF", Some(false)),
        ("yEs", None),
        ("", None),
    ] {
        assert_eq!(yaml11_bool(s), want, "{s:?}");
    }
    for (s, want) in [
        ("0", Some(0)),
        ("-0", Some(0)),
        ("+12", Some(12)),
        ("0755", Some(493)),
        ("0_7", Some(7)),
        ("0o755", Some(493)),
        ("0b1_0", Some(2)),
        ("0xff", Some(255)),
        ("-0x10", Some(-16)),
        ("1_", Some(1)),
        ("_1", None),
        ("0x", None),
        ("0x_", None),
        ("08", None),
        ("-", None),
        ("+", None),
        ("1.5", None),
        ("1e3", None),
        ("0o8", None),
        ("９", None),
        ("9223372036854775807", Some(i64::MAX)),
        ("99999999999999999999", None),
    ] {
        assert_eq!(yaml11_int(s), want, "{s:?}");
    }
}

#[test]
fn adversarial_inputs_do_not_panic() {
    let long_line = format!("k: {}\n", "x".repeat(200_000));
    let long_key = format!("{}: v\n", "k".repeat(5000));
    let inputs = [
        "\u{feff}",
        "\u{feff}\u{feff}a: 1",
        "---\n...\n...\n---",
        "- - - - -",
        "&a",
        "*a",
        "!",
        "? ? ? a",
        "a: &a\nb: *a\n",
        "[*a]",
        "{a: 1, a: 2}",
        "%YAML 1.1\n%YAML 1.1\n---\na",
        "%FOO bar\n---\na: 1",
        "a: |\n",
        "a: >-",
        "a: '\n",
        "a: \"\\u12\"",
        "\t- a",
        "a:\n\t- b",
        "- \0",
        "\r\r\r",
        "key: value\r",
        "<<: *x",
        "<<: 1",
        "x: &x [&y [*y]]",
        long_line.as_str(),
        long_key.as_str(),
    ];
    for input in inputs {
        let file = p(input);
        for d in &file.documents {
            if let Some(r) = file.root(d) {
                let _ = (r.entries().count(), r.items().count(), r.span().slice(input));
            }
            assert!(d.span.start <= d.span.end && d.span.end <= input.len(), "{input:?} {d:?}");
        }
        for e in &file.errors {
            assert!(e.span.end <= input.len(), "{input:?} {e:?}");
        }
        for n in &file.nodes {
            assert!(n.span.start <= n.span.end && n.span.end <= input.len(), "{input:?} {n:?}");
        }
    }
}

#[test]
fn long_values_are_fine() {
    let long = "x".repeat(100_000);
    let src = format!("a: {long}\nb: \"{long}\"\nc: [{long}]\nd:\n- {long}\n");
    let file = p(&src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let root = first_root(&file);
    assert_eq!(root.get("a").unwrap().str().map(str::len), Some(100_000));
    assert_eq!(root.get("b").unwrap().span().len(), 100_002);
}

#[test]
fn long_comment_runs_are_fine() {
    let mut src = String::from("a:\n");
    for i in 0..500 {
        src.push_str(&format!("  # c{i}\n"));
    }
    src.push_str("  b: 1\n");
    let file = p(&src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    assert_eq!(file.comments.len(), 500);
    assert_eq!(first_root(&file).path(&["a", "b"]).unwrap().as_i64(), Some(1));
}

/// The shared corpus: no panics, and a list of files with fatal errors to review by hand.
#[test]
fn corpus_smoke() {
    let base = std::path::Path::new("/work/shared/corpus");
    for folder in ["k8s", "helm-rendered", "compose"] {
        let dir = base.join(folder);
        if !dir.is_dir() {
            eprintln!("corpus folder {} absent; skipped", dir.display());
            continue;
        }
        let files = yaml_files(&dir);
        let mut failing = 0;
        let (mut docs, mut empty, mut warnings) = (0, 0, 0);
        for path in &files {
            let Ok(bytes) = std::fs::read(path) else { continue };
            let src = String::from_utf8_lossy(&bytes);
            let file = p(&src);
            docs += file.documents.len();
            empty += file.documents.iter().filter(|d| d.root.is_none()).count();
            for e in file.errors.iter().filter(|e| !e.kind.is_fatal()) {
                warnings += 1;
                let line = src[..e.span.start.min(src.len())].matches('\n').count() + 1;
                eprintln!("  warning {}:{line}: {:?}: {}", path.display(), e.kind, e.message);
            }
            let fatal: Vec<_> = file.errors.iter().filter(|e| e.kind.is_fatal()).collect();
            if !fatal.is_empty() {
                failing += 1;
                for e in fatal {
                    let line = src[..e.span.start.min(src.len())].matches('\n').count() + 1;
                    eprintln!("  {}:{line}: {:?}: {}", path.display(), e.kind, e.message);
                }
            }
        }
        eprintln!(
            "corpus {folder}: {} files, {failing} with fatal errors; {docs} documents ({empty} empty or dropped), {warnings} warnings",
            files.len()
        );
    }
}

fn yaml_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let Ok(read) = std::fs::read_dir(&dir) else { continue };
        for entry in read.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
