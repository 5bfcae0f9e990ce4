use super::*;
use crate::syntax::yaml::{self, Limits};

fn parse(src: &str) -> YamlFile {
    let tree = yaml::parse(src, &Limits::default());
    assert!(!tree.has_fatal_errors(), "{src}: {:?}", tree.errors);
    tree
}

/// The service `name` of the one-file model of `src`, given to `check`.
fn service(src: &str, name: &str, check: impl FnOnce(&Service<'_>)) {
    let tree = parse(src);
    let file = ComposeFile::new(&tree);
    let svc = file.services.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no service {name} in {src}"));
    check(svc);
}

/// The text under a value's span.
fn at<'s>(src: &'s str, v: &Option<Value>) -> &'s str {
    v.as_ref().map_or("<none>", |v| v.span().slice(src))
}

/// `NAME=literal` of each variable.
fn env(s: &Service<'_>) -> Vec<String> {
    s.environment().iter().map(|e| format!("{}={}", e.name, lit(&e.value).unwrap_or("?"))).collect()
}

fn lit(v: &Option<Value>) -> Option<&str> {
    v.as_ref().and_then(Value::literal)
}

#[test]
fn ports_short_syntax_parts_have_exact_spans() {
    let src = "services:\n  web:\n    ports:\n      - \"8080:80\"\n      - '127.0.0.1:8443:443/udp'\n      - 9000\n      - 127.0.0.1::5432\n";
    service(src, "web", |s| {
        let ports = s.ports();
        assert_eq!(ports.len(), 4);
        let p = &ports[0];
        assert_eq!((lit(&p.published), p.target.as_deref(), p.host.is_none()), (Some("8080"), Some("80"), true));
        // The published port, not the whole item.
        assert_eq!(at(src, &p.published), "8080");
        assert_eq!(p.span.slice(src), "\"8080:80\"");
        let p = &ports[1];
        assert_eq!(
            (lit(&p.host), lit(&p.published), p.protocol.as_deref()),
            (Some("127.0.0.1"), Some("8443"), Some("udp"))
        );
        assert_eq!((at(src, &p.host), at(src, &p.published), at(src, &p.target_value)), ("127.0.0.1", "8443", "443"));
        assert_eq!(p.published_range(), Some((8443, 8443)));
        // A bare container port is still published, on an ephemeral host port.
        let p = &ports[2];
        assert_eq!((p.published.is_none(), p.host.is_none(), p.target.as_deref()), (true, true, Some("9000")));
        let p = &ports[3];
        assert_eq!((lit(&p.host), p.published.is_none(), p.target.as_deref()), (Some("127.0.0.1"), true, Some("5432")));
    });
}

#[test]
fn ports_ipv6_ranges_and_long_syntax() {
    let src = "services:\n  web:\n    ports:\n      - \"[::1]:80:80\"\n      - \"::1:8080:80\"\n      - \"3000-3005\"\n      - \"9090-9091:8080-8081\"\n      - target: 80\n        published: 8080\n        host_ip: 0.0.0.0\n        protocol: tcp\n        mode: host\n      - target: 443\n        published: \"8443\"\n      - {target: 53, published: \"5300-5310\", protocol: udp}\n";
    service(src, "web", |s| {
        let ports = s.ports();
        assert_eq!(ports.len(), 7);
        // Brackets are not part of the address, and the address's colons are not separators.
        assert_eq!((lit(&ports[0].host), at(src, &ports[0].host)), (Some("::1"), "::1"));
        assert_eq!(ports[0].host_ip.as_deref(), Some("::1"));
        assert_eq!((lit(&ports[1].host), lit(&ports[1].published)), (Some("::1"), Some("8080")));
        // `3000-3005` is a range of container ports, published on ephemeral ports.
        assert_eq!((ports[2].target_range(), ports[2].published.is_none()), (Some((3000, 3005)), true));
        assert_eq!((ports[3].published_range(), ports[3].target_range()), (Some((9090, 9091)), Some((8080, 8081))));
        let long = &ports[4];
        assert_eq!(
            (lit(&long.host), lit(&long.published), long.target.as_deref()),
            (Some("0.0.0.0"), Some("8080"), Some("80"))
        );
        assert_eq!((long.mode.as_deref(), at(src, &long.published)), (Some("host"), "8080"));
        assert_eq!(lit(&ports[5].published), Some("8443"));
        assert_eq!((ports[6].published_range(), ports[6].protocol.as_deref()), (Some((5300, 5310)), Some("udp")));
    });
}

#[test]
fn ports_interpolation_is_unknown_and_not_split_inside_braces() {
    let src = "services:\n  web:\n    ports:\n      - \"${BIND:-127.0.0.1}:${PORT:-8080}:80\"\n      - \"${WEB_PORT}:80\"\n      - \"${PORTS}\"\n      - \"$$PORT:80\"\n";
    service(src, "web", |s| {
        let ports = s.ports();
        // A naive split on `:` makes four or five parts of the first item.
        let p = &ports[0];
        assert!(matches!(p.host, Some(Value::Unknown(_))) && matches!(p.published, Some(Value::Unknown(_))));
        assert_eq!((at(src, &p.host), at(src, &p.published)), ("${BIND:-127.0.0.1}", "${PORT:-8080}"));
        assert_eq!(p.target.as_deref(), Some("80"));
        assert_eq!((p.published_range(), at(src, &ports[1].published)), (None, "${WEB_PORT}"));
        assert!(ports[1].host.is_none());
        // The whole spec from one variable: nothing is known.
        assert!(
            matches!(ports[2].published, Some(Value::Unknown(_))) && matches!(ports[2].host, Some(Value::Unknown(_)))
        );
        // `$$` is a literal `$`.
        assert_eq!(lit(&ports[3].published), Some("$PORT"));
    });
}

#[test]
fn volumes_short_syntax_kind_by_source_form() {
    let src = "services:\n  web:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - ./data:/data:ro,z\n      - ~/.ssh:/root/.ssh\n      - db-data:/var/lib/db\n      - /anonymous\n      - ${HOST_DIR}:/host\n      - ${HOST_DIR:-./x}:/x:rw\n      - $HOME/cfg:/cfg\n      - ./${SUB}:/sub\n      - C:\\data:/win\n      - '\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine'\n";
    service(src, "web", |s| {
        let v = s.volumes();
        let kinds: Vec<&str> = v.iter().map(|v| v.kind.as_str()).collect();
        assert_eq!(
            kinds,
            ["bind", "bind", "bind", "volume", "volume", "unknown", "unknown", "unknown", "bind", "bind", "bind"]
        );
        assert_eq!((lit(&v[0].source), at(src, &v[0].source)), (Some("/var/run/docker.sock"), "/var/run/docker.sock"));
        assert_eq!(
            (v[0].target.as_deref(), at(src, &v[0].target_value)),
            (Some("/var/run/docker.sock"), "/var/run/docker.sock")
        );
        assert!(!v[0].read_only && v[0].is_read_only() == Some(false));
        assert!(v[1].read_only);
        let opts: Vec<(&str, &str)> = v[1].options.iter().map(|o| (o.name.as_str(), o.span.slice(src))).collect();
        assert_eq!(opts, [("ro", "ro"), ("z", "z")]);
        assert_eq!(lit(&v[3].source), Some("db-data"));
        assert_eq!((v[4].source.is_none(), v[4].target.as_deref()), (true, Some("/anonymous")));
        // Interpolated sources are unknown values, with their own span.
        assert!(matches!(v[5].source, Some(Value::Unknown(_))));
        assert_eq!(at(src, &v[6].source), "${HOST_DIR:-./x}");
        assert_eq!(v[6].target.as_deref(), Some("/x"));
        // The Windows drive letter is part of the source.
        assert_eq!((lit(&v[9].source), v[9].target.as_deref()), (Some("C:\\data"), Some("/win")));
    });
}

#[test]
fn volumes_long_syntax_and_unknown_read_only() {
    let src = "services:\n  web:\n    volumes:\n      - type: bind\n        source: /etc\n        target: /host-etc\n        read_only: true\n        bind:\n          propagation: rshared\n          create_host_path: false\n      - type: volume\n        source: cache\n        target: /cache\n        volume:\n          nocopy: true\n      - type: tmpfs\n        target: /tmp\n        tmpfs:\n          size: 64m\n          mode: 1777\n      - type: npipe\n        source: \\\\.\\pipe\\docker_engine\n        target: \\\\.\\pipe\\docker_engine\n      - type: ${KIND}\n        source: x\n        target: /y\n        read_only: ${RO}\n      - ./conf:/conf:${MODE}\n      - {type: bind, source: /, target: /host, read_only: \"yes\"}\n";
    service(src, "web", |s| {
        let v = s.volumes();
        let kinds: Vec<&str> = v.iter().map(|v| v.kind.as_str()).collect();
        assert_eq!(kinds, ["bind", "volume", "tmpfs", "npipe", "unknown", "bind", "bind"]);
        assert!(v[0].read_only);
        let p = v[0].option("propagation").and_then(|o| o.value.as_ref()).and_then(Value::literal);
        assert_eq!(p, Some("rshared"));
        assert_eq!(v[0].option("propagation").map(|o| o.span.slice(src)), Some("propagation: rshared"));
        assert!(v[1].option("nocopy").is_some());
        assert_eq!(v[2].option("size").and_then(|o| o.value.as_ref()).and_then(Value::literal), Some("64m"));
        assert_eq!((v[2].source.is_none(), v[2].target.as_deref()), (true, Some("/tmp")));
        assert_eq!(v[4].is_read_only(), None);
        assert_eq!(v[5].is_read_only(), None);
        // Compose reads YAML 1.1 booleans in strings too.
        assert_eq!(v[6].is_read_only(), Some(true));
    });
}

#[test]
fn environment_map_list_and_exact_value_spans() {
    let src = "services:\n  web:\n    environment:\n      - \"A=1\"\n      - B=${B:-x}\n      - 'C=it''s'\n      - D\n  api:\n    environment:\n      E: $$literal\n      F:\n      G: ${G?required}\n";
    service(src, "web", |s| {
        let env = s.environment();
        let names: Vec<&str> = env.iter().map(|e| e.name).collect();
        assert_eq!(names, ["A", "B", "C", "D"]);
        assert_eq!((env[0].name_span.slice(src), at(src, &env[0].value)), ("A", "1"));
        assert!(matches!(env[1].value, Some(Value::Unknown(_))));
        assert_eq!(at(src, &env[1].value), "${B:-x}");
        // An escaped quote: the item is not the text as written, so the span is the whole item.
        assert_eq!((lit(&env[2].value), at(src, &env[2].value)), (Some("it's"), "'C=it''s'"));
        assert!(env[3].value.is_none());
    });
    service(src, "api", |s| {
        let env = s.environment();
        assert_eq!(lit(&env[0].value), Some("$literal"));
        assert!(env[1].value.is_none());
        assert!(matches!(env[2].value, Some(Value::Unknown(_))));
    });
}

#[test]
fn interpolation_forms_are_unknown_and_double_dollar_is_literal() {
    let forms =
        ["${VAR}", "${VAR:-default}", "${VAR-default}", "${VAR:?err}", "${VAR?err}", "$VAR", "a${VAR}b", "$${X}$VAR"];
    for form in forms {
        assert!(vars::has_interpolation(form, true), "{form}");
        let src = format!("services:\n  web:\n    user: \"{form}\"\n");
        service(&src, "web", |s| assert!(matches!(s.value("user"), Some(Value::Unknown(_))), "{form}"));
    }
    for (form, want) in [("$$VAR", "$VAR"), ("$${VAR}", "${VAR}"), ("cost $5", "cost $5"), ("a$$$$b", "a$$b")] {
        let src = format!("services:\n  web:\n    user: \"{form}\"\n");
        service(&src, "web", |s| assert_eq!(s.value("user").as_ref().and_then(Value::literal), Some(want), "{form}"));
    }
}

#[test]
fn env_file_secrets_and_configs_short_and_long() {
    let src = "services:\n  web:\n    env_file:\n      - .env\n      - path: ./local.env\n        required: false\n    secrets:\n      - db_password\n      - source: api_key\n        target: /etc/api_key\n        uid: \"1000\"\n        gid: \"1000\"\n        mode: 0440\n    configs:\n      - nginx_conf\n  api:\n    env_file: ${ENV_FILE}\n";
    service(src, "web", |s| {
        let files = s.env_files();
        assert_eq!(
            files.iter().map(|f| (f.path.literal(), f.required)).collect::<Vec<_>>(),
            [(Some(".env"), true), (Some("./local.env"), false)]
        );
        let secrets = s.secrets();
        assert_eq!((lit(&secrets[0].source), secrets[0].target.is_none()), (Some("db_password"), true));
        let long = &secrets[1];
        assert_eq!(
            (lit(&long.source), lit(&long.target), lit(&long.mode)),
            (Some("api_key"), Some("/etc/api_key"), Some("0440"))
        );
        assert_eq!((lit(&long.uid), lit(&long.gid)), (Some("1000"), Some("1000")));
        assert_eq!(lit(&s.configs()[0].source), Some("nginx_conf"));
    });
    service(src, "api", |s| assert!(s.env_files()[0].path.is_unknown()));
}

#[test]
fn security_opt_forms() {
    let src = "services:\n  web:\n    security_opt:\n      - no-new-privileges\n      - no-new-privileges:true\n      - no-new-privileges=false\n      - seccomp:unconfined\n      - seccomp=unconfined\n      - apparmor:unconfined\n      - label:disable\n      - label=disable\n      - label=type:svirt_apache_t\n      - seccomp=/etc/profile.json\n      - no-new-privileges:${NNP}\n      - ${OPT}\n";
    service(src, "web", |s| {
        let opts = s.security_opts();
        let nnp: Vec<Option<bool>> = opts.iter().take(3).map(SecurityOpt::no_new_privileges).collect();
        assert_eq!(nnp, [Some(true), Some(true), Some(false)]);
        let off: Vec<bool> = opts.iter().map(SecurityOpt::disables_confinement).collect();
        assert_eq!(off, [false, false, false, true, true, true, true, true, false, false, false, false]);
        assert_eq!((opts[3].name.as_str(), opts[3].value.as_deref()), ("seccomp", Some("unconfined")));
        assert_eq!((opts[3].name_span.slice(src), at(src, &opts[3].setting)), ("seccomp", "unconfined"));
        assert_eq!(opts[8].value.as_deref(), Some("type:svirt_apache_t"));
        assert_eq!(opts[10].no_new_privileges(), None);
        assert!(opts[11].unknown && opts[11].no_new_privileges().is_none());
    });
}

#[test]
fn capabilities_are_normalised_and_keep_their_item_span() {
    let src = "services:\n  web:\n    cap_add:\n      - CAP_SYS_ADMIN\n      - net_admin\n      - cap_net_raw\n      - ${CAP}\n    cap_drop: [all]\n";
    service(src, "web", |s| {
        let add = s.cap_add();
        let names: Vec<Option<&str>> = add.iter().map(|c| c.name.as_deref()).collect();
        assert_eq!(names, [Some("SYS_ADMIN"), Some("NET_ADMIN"), Some("NET_RAW"), None]);
        assert_eq!(
            add.iter().map(|c| c.span.slice(src)).collect::<Vec<_>>(),
            ["CAP_SYS_ADMIN", "net_admin", "cap_net_raw", "${CAP}"]
        );
        assert_eq!(s.cap_drop()[0].name.as_deref(), Some("ALL"));
    });
}

#[test]
fn devices_and_tmpfs() {
    let src = "services:\n  web:\n    devices:\n      - /dev/ttyUSB0\n      - /dev/sda:/dev/xvda:rwm\n      - nvidia.com/gpu=all\n      - source: /dev/kvm\n        target: /dev/kvm\n        permissions: rw\n    tmpfs:\n      - /run\n      - /tmp:rw,noexec,size=64m\n  api:\n    tmpfs: /cache\n";
    service(src, "web", |s| {
        let d = s.devices();
        assert_eq!((lit(&d[0].source), d[0].target.is_none()), (Some("/dev/ttyUSB0"), true));
        assert_eq!(
            (lit(&d[1].source), lit(&d[1].target), lit(&d[1].permissions)),
            (Some("/dev/sda"), Some("/dev/xvda"), Some("rwm"))
        );
        assert_eq!(at(src, &d[1].target), "/dev/xvda");
        assert_eq!(lit(&d[2].source), Some("nvidia.com/gpu=all"));
        assert_eq!((lit(&d[3].source), lit(&d[3].permissions)), (Some("/dev/kvm"), Some("rw")));
        let t = s.tmpfs();
        assert_eq!((t[0].target.literal(), t[0].options.len()), (Some("/run"), 0));
        let opts: Vec<&str> = t[1].options.iter().map(|o| o.name.as_str()).collect();
        assert_eq!((t[1].target.literal(), opts), (Some("/tmp"), vec!["rw", "noexec", "size"]));
        assert_eq!(t[1].options[2].value.as_ref().map(|v| v.span().slice(src)), Some("64m"));
    });
    service(src, "api", |s| assert_eq!(s.tmpfs()[0].target.literal(), Some("/cache")));
}

#[test]
fn resources_from_deploy_and_legacy_keys() {
    let src = "services:\n  web:\n    deploy:\n      resources:\n        limits:\n          cpus: \"0.5\"\n          memory: 512M\n          pids: 100\n        reservations:\n          memory: 128m\n  old:\n    mem_limit: 1g\n    cpus: 1.5\n    pids_limit: -1\n    mem_reservation: 64m\n  none:\n    image: x\n  var:\n    mem_limit: ${MEM}\n";
    service(src, "web", |s| {
        let l = s.limits();
        assert_eq!((lit(&l.cpus), lit(&l.memory), lit(&l.pids)), (Some("0.5"), Some("512M"), Some("100")));
        assert_eq!(at(src, &l.memory), "512M");
        assert_eq!(lit(&s.reservations().memory), Some("128m"));
    });
    service(src, "old", |s| {
        let l = s.limits();
        assert_eq!((lit(&l.cpus), lit(&l.memory)), (Some("1.5"), Some("1g")));
        // `pids_limit: -1` is there, and sets no limit.
        assert_eq!(l.pids.as_ref().and_then(Value::sets_limit), Some(false));
        assert_eq!(l.memory.as_ref().and_then(Value::sets_limit), Some(true));
        assert_eq!(lit(&s.reservations().memory), Some("64m"));
    });
    service(src, "none", |s| assert!(s.limits().memory.is_none()));
    service(src, "var", |s| assert_eq!(s.limits().memory.as_ref().and_then(Value::sets_limit), None));
}

#[test]
fn healthcheck_disabled_forms() {
    let src = "services:\n  a:\n    healthcheck:\n      disable: true\n  b:\n    healthcheck:\n      test: [\"NONE\"]\n  c:\n    healthcheck:\n      test: NONE\n  d:\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n      disable: false\n  e:\n    healthcheck:\n      disable: ${NO_HC}\n  f:\n    image: x\n";
    let disabled = |name: &str| {
        let mut out = None;
        service(src, name, |s| {
            out = s.healthcheck().map(|h| h.disabled().map(|v| (v.is_unknown(), v.span().slice(src).to_string())))
        });
        out
    };
    assert_eq!(disabled("a"), Some(Some((false, "true".into()))));
    assert_eq!(disabled("b"), Some(Some((false, "\"NONE\"".into()))));
    // A string test is a shell command called NONE, not the off switch.
    assert_eq!(disabled("c"), Some(None));
    assert_eq!(disabled("d"), Some(None));
    assert_eq!(disabled("e"), Some(Some((true, "${NO_HC}".into()))));
    assert_eq!(disabled("f"), None);
}

#[test]
fn scalar_settings_and_compose_booleans() {
    let src = "services:\n  web:\n    image: nginx:1.27\n    privileged: \"true\"\n    read_only: yes\n    user: \"1000:1000\"\n    network_mode: host\n    pid: host\n    ipc: host\n    userns_mode: host\n    cgroup: host\n    logging:\n      driver: none\n  off:\n    privileged: false\n    read_only: ${RO:-true}\n";
    service(src, "web", |s| {
        assert_eq!(s.value("privileged").as_ref().and_then(Value::as_bool), Some(true));
        assert_eq!(s.value("read_only").as_ref().and_then(Value::as_bool), Some(true));
        for key in ["network_mode", "pid", "ipc", "userns_mode", "cgroup"] {
            assert_eq!(s.value(key).as_ref().and_then(Value::literal), Some("host"), "{key}");
        }
        assert_eq!((lit(&s.logging_driver()), at(src, &s.logging_driver())), (Some("none"), "none"));
        assert_eq!(lit(&s.value("image")), Some("nginx:1.27"));
    });
    service(src, "off", |s| {
        assert_eq!(s.value("privileged").as_ref().and_then(Value::as_bool), Some(false));
        assert_eq!(s.value("read_only").as_ref().and_then(Value::as_bool), None);
    });
}

#[test]
fn extension_blocks_are_never_services() {
    let src = "x-defaults: &defaults\n  privileged: true\nservices:\n  x-template:\n    image: y\n  web:\n    image: x\nx-other:\n  services:\n    fake: {}\n";
    let tree = parse(src);
    let file = ComposeFile::new(&tree);
    assert_eq!(file.services.iter().map(|s| s.name).collect::<Vec<_>>(), ["web"]);
}

const MERGED_SRC: &str = "x-defaults: &defaults\n  privileged: true\n  cap_add: [SYS_ADMIN]\n  user: root\nx-caps: &caps\n  - NET_ADMIN\nservices:\n  web:\n    <<: *defaults\n    user: \"1000\"\n  api:\n    <<: *defaults\n    cap_drop: *caps\n  own:\n    privileged: true\n";

#[test]
fn merge_keys_are_seen_and_findings_go_on_the_service() {
    let src = MERGED_SRC;
    service(src, "web", |s| {
        let privileged = s.value("privileged").expect("merged");
        // The value's own span is in the `x-` block...
        assert_eq!(privileged.span().slice(src), "true");
        assert!(privileged.span().start < src.find("services:").unwrap_or(0));
        // ...and the finding goes on the service's `<<` key, with a label at the value.
        let site = s.site(privileged.span());
        assert_eq!(site.span.slice(src), "<<");
        assert!(site.span.start > src.find("  web:").unwrap_or(usize::MAX));
        assert_eq!(site.origin.map(|(span, _)| span), Some(privileged.span()));
        // The service's own key wins over the merged one.
        let user = s.value("user").expect("own");
        assert_eq!(user.literal(), Some("1000"));
        assert_eq!(s.site(user.span()), Site { span: user.span(), origin: None });
        assert_eq!(s.cap_add()[0].name.as_deref(), Some("SYS_ADMIN"));
    });
    service(src, "api", |s| {
        // Each service that merges the block gets its own site.
        let site = s.site(s.value("privileged").expect("merged").span());
        assert!(site.span.start > src.find("  api:").unwrap_or(usize::MAX));
        // A sequence used through an alias: the `*caps` token.
        let drop = s.cap_drop();
        assert_eq!(drop[0].span.slice(src), "NET_ADMIN");
        assert_eq!(s.site(drop[0].span).span.slice(src), "*caps");
    });
    service(src, "own", |s| {
        let v = s.value("privileged").expect("own");
        assert_eq!(s.site(v.span()).span, v.span());
    });
}

#[test]
fn nested_merge_keys_and_anchored_services() {
    let src = "x-deploy: &deploy\n  resources:\n    limits:\n      memory: 1g\nx-base: &base\n  image: app\n  deploy:\n    <<: *deploy\nservices:\n  web: &web\n    <<: *base\n  copy: *web\n";
    service(src, "web", |s| {
        let memory = s.limits().memory.expect("merged deeply");
        assert_eq!(memory.literal(), Some("1g"));
        let site = s.site(memory.span());
        assert_eq!((site.span.slice(src), site.span.start > src.find("  web:").unwrap_or(usize::MAX)), ("<<", true));
    });
    service(src, "copy", |s| {
        // A whole service through an alias: the `*web` token.
        let image = s.value("image").expect("aliased");
        assert_eq!(s.site(image.span()).span.slice(src), "*web");
    });
}

#[test]
fn extends_same_file_merges_with_compose_rules() {
    let src = "services:\n  base:\n    image: app:1\n    user: root\n    privileged: true\n    environment:\n      A: base\n      B: base\n    ports: [\"80:80\"]\n    cap_add: [NET_ADMIN]\n    volumes:\n      - ./a:/data\n      - ./logs:/logs\n    deploy:\n      resources:\n        limits: {memory: 1g, cpus: \"1\"}\n  web:\n    extends: base\n    user: \"1000\"\n    environment:\n      - B=web\n      - C=web\n    ports: [\"443:443\"]\n    cap_add: [net_admin, SYS_TIME]\n    volumes:\n      - ./b:/data:ro\n    deploy:\n      resources:\n        limits: {memory: 2g}\n";
    service(src, "web", |s| {
        // Scalars: the service's own value wins.
        assert_eq!(lit(&s.value("user")), Some("1000"));
        assert_eq!(lit(&s.value("image")), Some("app:1"));
        // Mappings merge by key.
        assert_eq!(env(s), ["A=base", "B=web", "C=web"]);
        assert_eq!((lit(&s.limits().memory), lit(&s.limits().cpus)), (Some("2g"), Some("1")));
        // Sequences append, unique by identity: ports by spec, caps by name, volumes by target.
        assert_eq!(s.ports().iter().map(|p| lit(&p.published)).collect::<Vec<_>>(), [Some("80"), Some("443")]);
        assert_eq!(
            s.cap_add().iter().map(|c| c.name.as_deref()).collect::<Vec<_>>(),
            [Some("NET_ADMIN"), Some("SYS_TIME")]
        );
        let vols = s.volumes();
        let vols: Vec<(Option<&str>, bool)> = vols.iter().map(|v| (v.target.as_deref(), v.read_only)).collect();
        assert_eq!(vols, [(Some("/data"), true), (Some("/logs"), false)]);
        // A finding about what the base sets goes on `extends`, labelled at the base.
        let privileged = s.value("privileged").expect("inherited");
        let site = s.site(privileged.span());
        assert_eq!((site.span.slice(src), site.origin.map(|o| o.0)), ("extends", Some(privileged.span())));
        assert!(s.is_complete() && s.extends()[0].resolved);
        assert_eq!(s.extends()[0].service.as_ref().and_then(Value::literal), Some("base"));
    });
}

#[test]
fn extends_chains_cycles_and_missing_bases() {
    let src = "services:\n  a:\n    extends: {service: b}\n  b:\n    extends:\n      service: c\n  c:\n    read_only: true\n  loop1:\n    extends: loop2\n  loop2:\n    extends: loop1\n  lost:\n    extends: nowhere\n  var:\n    extends: ${BASE}\n";
    service(src, "a", |s| {
        assert_eq!(s.value("read_only").as_ref().and_then(Value::as_bool), Some(true));
        assert_eq!(s.layers().len(), 3);
        assert!(s.is_complete());
    });
    service(src, "loop1", |s| assert!(!s.is_complete()));
    service(src, "lost", |s| assert!(!s.is_complete() && !s.extends()[0].resolved));
    service(src, "var", |s| {
        assert!(!s.is_complete() && s.extends()[0].service.as_ref().is_some_and(Value::is_unknown))
    });
}

#[test]
fn extends_from_another_file_is_exposed_and_resolved_through_the_lookup() {
    let src = "services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n    image: app\n";
    let common = "services:\n  base:\n    extends: root\n    user: \"1000\"\n  root:\n    privileged: true\n";
    let tree = parse(src);
    assert_eq!(ComposeFile::extends_files(&tree), ["common.yaml"]);
    // Without the other file: the reference is there, the service is incomplete.
    let alone = ComposeFile::new(&tree);
    let web = &alone.services[0];
    let ext = &web.extends()[0];
    assert_eq!(
        (lit(&ext.file), lit(&ext.service), ext.key.span().slice(src)),
        (Some("common.yaml"), Some("base"), "extends")
    );
    assert!(!ext.resolved && !web.is_complete() && web.value("user").is_none());
    // With it: the base (and what it extends in its own file) is merged under the service.
    let other = parse(common);
    let lookup = |_: &YamlFile, f: &str| (f == "common.yaml").then_some(&other);
    let file = ComposeFile::layered(&[&tree], 0, &lookup);
    let web = &file.services[0];
    assert!(web.is_complete());
    assert_eq!((lit(&web.value("user")), lit(&web.value("image"))), (Some("1000"), Some("app")));
    assert_eq!(web.value("privileged").as_ref().and_then(Value::as_bool), Some(true));
}

#[test]
fn files_given_together_override_and_reset() {
    let base = "services:\n  web:\n    image: app\n    user: root\n    privileged: true\n    ports: [\"80:80\"]\n    cap_add: [NET_ADMIN]\n    environment: {A: \"1\"}\n  db:\n    image: postgres\n";
    let over = "services:\n  web:\n    user: \"1000\"\n    ports: !reset []\n    cap_add: !override [SYS_TIME]\n    environment: [A=2, B=3]\n  debug:\n    image: busybox\n";
    let (tb, to) = (parse(base), parse(over));
    let file = ComposeFile::layered(&[&tb, &to], 1, &|_, _| None);
    assert_eq!(file.services.iter().map(|s| s.name).collect::<Vec<_>>(), ["web", "db", "debug"]);
    let web = &file.services[0];
    // The key is the base file's: a finding about a missing setting goes there once.
    assert_eq!(web.key.span().slice(base), "web");
    assert_eq!(web.layers().len(), 2);
    assert_eq!((lit(&web.value("user")), lit(&web.value("image"))), (Some("1000"), Some("app")));
    assert_eq!(web.value("privileged").as_ref().and_then(Value::as_bool), Some(true));
    assert!(web.ports().is_empty());
    assert_eq!(web.cap_add().iter().map(|c| c.name.as_deref()).collect::<Vec<_>>(), [Some("SYS_TIME")]);
    assert_eq!(env(web), ["A=2", "B=3"]);
    // `root` is the linted file's.
    assert_eq!(file.root.map(|r| r.span().start), to.root(&to.documents[0]).map(|r| r.span().start));
}

#[test]
fn later_documents_override_earlier_ones() {
    let src = "services:\n  web:\n    image: app\n    user: root\n---\nservices:\n  web:\n    user: \"1000\"\n";
    let tree = parse(src);
    let file = ComposeFile::new(&tree);
    assert_eq!(file.services.len(), 1);
    assert_eq!(
        (lit(&file.services[0].value("user")), lit(&file.services[0].value("image"))),
        (Some("1000"), Some("app"))
    );
}

#[test]
fn path_merges_nested_mappings_and_respects_reset() {
    let src = "services:\n  base:\n    logging:\n      driver: json-file\n      options: {max-size: 10m}\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n  web:\n    extends: base\n    logging:\n      options: {max-file: \"3\"}\n    healthcheck: !reset {}\n";
    service(src, "web", |s| {
        assert_eq!(lit(&s.logging_driver()), Some("json-file"));
        assert_eq!(lit(&s.value_at(&["logging", "options", "max-size"])), Some("10m"));
        assert!(s.healthcheck().is_none() && s.path(&["healthcheck", "test"]).is_none());
    });
}
