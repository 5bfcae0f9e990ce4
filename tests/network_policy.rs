//! NetworkPolicy isolation, table-driven: each case is a set of manifests (possibly in several
//! files) and the workloads Kubernetes leaves unisolated for ingress and for egress. The cases
//! include the shapes peers got wrong, written here from their issue descriptions: kube-score
//! #293 and #420 (`podSelector: {}` read as selecting no pod), checkov #7474 (a policy of one
//! namespace taken to cover pods of every namespace), popeye #311/#367 (a policy that selects a
//! pod was not counted unless its rules also named the pod), and the API server's `policyTypes`
//! defaulting.

mod common;

use caulk::SourceFile;
use caulk::config::{Config, Options};

fn config(extra: &str) -> Config {
    let options = Options::from_toml(extra).expect("config");
    Config::new(Options { select: Some(vec!["K8S420".into(), "K8S421".into()]), ..options }).expect("config")
}

/// `(ingress, egress)`: the names of the workloads reported by K8S420 and by K8S421.
fn unisolated(files: &[(&str, &str)], extra: &str) -> (Vec<String>, Vec<String>) {
    let sources: Vec<SourceFile> = files.iter().map(|(p, t)| SourceFile::new(p, *t)).collect();
    let result = caulk::lint(&sources, &config(extra));
    let text = |path: &str| files.iter().find(|(p, _)| *p == path).map_or("", |(_, t)| *t);
    let names = |code: &str| {
        let mut v: Vec<String> = result
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.span.slice(text(&d.path)).to_string())
            .collect();
        v.sort();
        v
    };
    (names("K8S420"), names("K8S421"))
}

fn deployment(name: &str, namespace: Option<&str>, labels: &str) -> String {
    let ns = namespace.map(|n| format!(", namespace: {n}")).unwrap_or_default();
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}{ns}}}\nspec:\n  selector: {{matchLabels: {labels}}}\n  \
         template:\n    metadata: {{labels: {labels}}}\n    spec:\n      containers: [{{name: c, image: \"nginx:1.27\"}}]\n"
    )
}

fn policy(name: &str, namespace: Option<&str>, spec: &str) -> String {
    let ns = namespace.map(|n| format!(", namespace: {n}")).unwrap_or_default();
    format!("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: {name}{ns}}}\nspec:\n{spec}")
}

fn stream(docs: &[String]) -> String {
    docs.join("---\n")
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

struct Case {
    name: &'static str,
    docs: Vec<String>,
    ingress: &'static [&'static str],
    egress: &'static [&'static str],
}

#[test]
fn kubernetes_isolation_semantics() {
    let web = || deployment("web", Some("shop"), "{app: web, tier: front}");
    let db = || deployment("db", Some("shop"), "{app: db}");
    let cases = vec![
        Case { name: "no policy at all", docs: vec![web()], ingress: &["web"], egress: &["web"] },
        Case {
            name: "`podSelector: {}` selects every pod of its namespace (kube-score #293, #420)",
            docs: vec![web(), db(), policy("deny", Some("shop"), "  podSelector: {}\n")],
            ingress: &[],
            egress: &["db", "web"],
        },
        Case {
            name: "a policy of another namespace isolates nothing here (checkov #7474)",
            docs: vec![web(), policy("deny", Some("other"), "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n")],
            ingress: &["web"],
            egress: &["web"],
        },
        Case {
            name: "matchLabels must all match",
            docs: vec![web(), db(), policy("p", Some("shop"), "  podSelector: {matchLabels: {app: web, tier: back}}\n")],
            ingress: &["db", "web"],
            egress: &["db", "web"],
        },
        Case {
            name: "matchLabels and matchExpressions are ANDed",
            docs: vec![
                web(),
                db(),
                policy(
                    "p",
                    Some("shop"),
                    "  podSelector:\n    matchLabels: {tier: front}\n    matchExpressions:\n      - {key: app, operator: In, values: [web, api]}\n",
                ),
            ],
            ingress: &["db"],
            egress: &["db", "web"],
        },
        Case {
            name: "NotIn matches a pod without the label, as the API server's selectors do",
            docs: vec![
                web(),
                db(),
                policy("p", Some("shop"), "  podSelector:\n    matchExpressions:\n      - {key: tier, operator: NotIn, values: [front]}\n"),
            ],
            ingress: &["web"],
            egress: &["db", "web"],
        },
        Case {
            name: "Exists and DoesNotExist",
            docs: vec![
                web(),
                db(),
                policy("a", Some("shop"), "  podSelector:\n    matchExpressions: [{key: tier, operator: Exists}]\n  policyTypes: [Egress]\n"),
                policy("b", Some("shop"), "  podSelector:\n    matchExpressions: [{key: tier, operator: DoesNotExist}]\n"),
            ],
            ingress: &["web"],
            egress: &["db"],
        },
        Case {
            name: "policyTypes [Egress] does not isolate ingress",
            docs: vec![web(), policy("p", Some("shop"), "  podSelector: {}\n  policyTypes: [Egress]\n")],
            ingress: &["web"],
            egress: &[],
        },
        Case {
            name: "without policyTypes, egress rules add Egress",
            docs: vec![web(), policy("p", Some("shop"), "  podSelector: {}\n  egress:\n    - to: [{podSelector: {}}]\n")],
            ingress: &[],
            egress: &[],
        },
        Case {
            name: "without policyTypes, `egress: []` is no egress rule: Ingress only",
            docs: vec![web(), policy("p", Some("shop"), "  podSelector: {}\n  egress: []\n")],
            ingress: &[],
            egress: &["web"],
        },
        Case {
            name: "`policyTypes: []` is defaulted like an absent one",
            docs: vec![web(), policy("p", Some("shop"), "  podSelector: {}\n  policyTypes: []\n")],
            ingress: &[],
            egress: &["web"],
        },
        Case {
            name: "a policy that selects the pod isolates it whatever its rules allow (popeye #311)",
            docs: vec![web(), policy("p", Some("shop"), "  podSelector: {}\n  ingress: [{}]\n")],
            ingress: &[],
            egress: &["web"],
        },
        Case {
            name: "a templated selector cannot be judged for ingress (the policy is Ingress only)",
            docs: vec![web(), policy("p", Some("shop"), "  podSelector: {matchLabels: {app: \"{{ .Values.app }}\"}}\n")],
            ingress: &[],
            egress: &["web"],
        },
        Case {
            name: "an invalid operator is rejected by the API: ingress cannot be judged",
            docs: vec![web(), policy("p", Some("shop"), "  podSelector:\n    matchExpressions: [{key: app, operator: Equals, values: [web]}]\n")],
            ingress: &[],
            egress: &["web"],
        },
        Case {
            name: "host-network pods are outside policies",
            docs: vec![
                "apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: shop}\nspec:\n  hostNetwork: true\n  \
                 containers: [{name: a, image: \"agent:1\"}]\n"
                    .to_string(),
            ],
            ingress: &[],
            egress: &[],
        },
        Case {
            name: "a CronJob's pods carry its job template's labels",
            docs: vec![
                "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: backup, namespace: shop}\nspec:\n  schedule: \"@daily\"\n  \
                 jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: backup}}\n        spec:\n          \
                 containers: [{name: b, image: \"backup:1\"}]\n"
                    .to_string(),
                policy("p", Some("shop"), "  podSelector: {matchLabels: {app: backup}}\n  policyTypes: [Ingress, Egress]\n"),
            ],
            ingress: &[],
            egress: &[],
        },
    ];
    for case in cases {
        let text = stream(&case.docs);
        let got = unisolated(&[("manifests.yaml", &text)], "");
        assert_eq!(got, (names(case.ingress), names(case.egress)), "{}", case.name);
    }
}

#[test]
fn objects_without_a_namespace_are_in_the_default_one_across_files() {
    let app = deployment("web", None, "{app: web}");
    let deny = policy("deny", Some("default"), "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n");
    // Two files: the policy is found in the other one.
    assert_eq!(unisolated(&[("app.yaml", &app), ("policies/deny.yaml", &deny)], ""), (vec![], vec![]));
    // A configured default namespace moves the workload away from that policy...
    let moved = unisolated(
        &[("app.yaml", &app), ("policies/deny.yaml", &deny)],
        "[kubernetes]\ndefault-namespace = \"shop\"\n",
    );
    assert_eq!(moved, (names(&["web"]), names(&["web"])));
    // ...and a policy without a namespace follows it there.
    let deny_here = policy("deny", None, "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n");
    let both =
        unisolated(&[("app.yaml", &app), ("deny.yaml", &deny_here)], "[kubernetes]\ndefault-namespace = \"shop\"\n");
    assert_eq!(both, (vec![], vec![]));
}

#[test]
fn corpus_manifests_lint_with_the_policy_rules() {
    let Some(dir) = common::corpus("k8s") else {
        eprintln!("skipped: ../shared/corpus/k8s is absent");
        return;
    };
    let files: Vec<SourceFile> = common::files_in(&dir)
        .iter()
        .map(|p| SourceFile::new(&p.display().to_string(), std::fs::read(p).expect("read corpus file")))
        .collect();
    let result = caulk::lint(&files, &config(""));
    let count = |code: &str| result.diagnostics.iter().filter(|d| d.code == code).count();
    // Every workload is reported at most once per direction, and egress never less than ingress
    // is isolated (a policy isolating egress is rarer).
    assert!(count("K8S420") > 0 && count("K8S420") <= count("K8S421"), "{} {}", count("K8S420"), count("K8S421"));
    let mut seen = std::collections::HashSet::new();
    for d in result.diagnostics.iter().filter(|d| d.code == "K8S420") {
        assert!(seen.insert((d.path.clone(), d.span.start)), "reported twice: {d:?}");
    }
}

/// `(path, text under the span)` of the findings of `code`.
fn findings(code: &str, files: &[(&str, &str)]) -> Vec<String> {
    let config = Config::new(Options { select: Some(vec![code.into()]), ..Options::default() }).expect("config");
    let sources: Vec<SourceFile> = files.iter().map(|(p, t)| SourceFile::new(p, *t)).collect();
    let text = |path: &str| files.iter().find(|(p, _)| *p == path).map_or("", |(_, t)| *t);
    caulk::lint(&sources, &config)
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| format!("{}: {}", d.path, d.span.slice(text(&d.path))))
        .collect()
}

#[test]
fn policies_that_select_no_pod() {
    let web = deployment("web", Some("shop"), "{app: web}");
    let stale = policy("stale", Some("shop"), "  podSelector: {matchLabels: {app: frontend}}\n");
    let all = policy("all", Some("shop"), "  podSelector: {}\n");
    let other = policy("other", Some("elsewhere"), "  podSelector: {matchLabels: {app: x}}\n");
    let not_in = policy(
        "not-in",
        Some("shop"),
        "  podSelector:\n    matchExpressions: [{key: app, operator: NotIn, values: [db]}]\n",
    );
    let files = [("app.yaml", web.as_str()), ("policies.yaml", &stream(&[stale, all, other, not_in]))];
    // `elsewhere` has no workload in the run: its pods may be defined in files not linted.
    assert_eq!(findings("K8S423", &files), ["policies.yaml: stale"]);
    // An operator's custom object may run the pods a policy selects (kube-prometheus's
    // `Alertmanager` and its policy): the namespace is not judged.
    let alertmanager =
        "apiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata: {name: main, namespace: shop}\n";
    let files = [
        ("app.yaml", web.as_str()),
        (
            "policies.yaml",
            &stream(&[policy("am", Some("shop"), "  podSelector: {matchLabels: {app: alertmanager}}\n")]),
        ),
        ("am.yaml", alertmanager),
    ];
    assert_eq!(findings("K8S423", &files), Vec::<String>::new());
}

#[test]
fn rules_that_allow_every_peer() {
    let spec = |rules: &str| policy("p", Some("shop"), &format!("  podSelector: {{}}\n{rules}"));
    let cases: &[(&str, &[&str])] = &[
        ("  ingress: [{}]\n", &["{}"]),
        ("  ingress: [{from: []}]\n", &["{from: []}"]),
        (
            "  ingress: [{from: [namespaceSelector: {}], ports: [{port: 80}]}]\n",
            &["{from: [namespaceSelector: {}], ports: [{port: 80}]}"],
        ),
        ("  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]\n", &["{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}"]),
        ("  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]}]\n", &[]),
        ("  ingress: [{from: [{podSelector: {}}]}]\n", &[]),
        ("  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: x}}}]}]\n", &[]),
        // An Ingress-only policy's egress rules are ignored by Kubernetes.
        ("  policyTypes: [Ingress]\n  egress: [{}]\n", &[]),
        (
            "  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: \"::/0\"}}]}]\n",
            &["{to: [{ipBlock: {cidr: \"::/0\"}}]}"],
        ),
    ];
    for (rules, want) in cases {
        let text = spec(rules);
        let got: Vec<String> = findings("K8S424", &[("p.yaml", &text)]);
        let want: Vec<String> = want.iter().map(|w| format!("p.yaml: {w}")).collect();
        assert_eq!(got, want, "{rules}");
    }
    // The message says which ports the rule opens.
    let config = Config::new(Options { select: Some(vec!["K8S424".into()]), ..Options::default() }).expect("config");
    let messages = |rules: &str| -> Vec<String> {
        let text = spec(rules);
        caulk::lint(&[SourceFile::new("p.yaml", text)], &config).diagnostics.into_iter().map(|d| d.message).collect()
    };
    let limited =
        messages("  ingress: [{from: [namespaceSelector: {}], ports: [{port: 80}, {port: 53, protocol: UDP}]}]\n");
    assert!(limited[0].contains("every pod of every namespace on ports 80, 53/UDP"), "{limited:?}");
    assert!(messages("  ingress: [{}]\n")[0].contains("any address (in the cluster or outside it) on every port"));
}

#[test]
fn services_that_select_no_pod() {
    let web = deployment("web", Some("shop"), "{app: web, tier: front}");
    let svc = |name: &str, spec: &str| {
        format!("apiVersion: v1\nkind: Service\nmetadata: {{name: {name}, namespace: shop}}\nspec:\n{spec}")
    };
    let services = stream(&[
        svc("ok", "  selector: {app: web}\n"),
        svc("both", "  selector: {app: web, tier: front}\n"),
        svc("stale", "  selector: {app: frontend}\n"),
        svc("half", "  selector: {app: web, tier: back}\n"),
        svc("manual", "  ports: [{port: 80}]\n"),
        svc("external", "  type: ExternalName\n  externalName: db.example.com\n  selector: {app: db}\n"),
        svc("templated", "  selector: {app: \"{{ .Values.app }}\"}\n"),
    ]);
    let files = [("app.yaml", web.as_str()), ("services.yaml", services.as_str())];
    assert_eq!(findings("K8S425", &files), ["services.yaml: {app: frontend}", "services.yaml: {app: web, tier: back}"]);
    // Another namespace's Service is not judged without its workloads.
    let elsewhere =
        "apiVersion: v1\nkind: Service\nmetadata: {name: x, namespace: other}\nspec:\n  selector: {app: x}\n";
    assert_eq!(findings("K8S425", &[("app.yaml", web.as_str()), ("s.yaml", elsewhere)]), Vec::<String>::new());
}

/// Pods a network plugin's own policies cover (Cilium, Calico, Antrea, AdminNetworkPolicy) are
/// not judged by NetworkPolicies alone: those policies isolate in ways these do not show.
#[test]
fn network_plugin_policies_leave_their_namespaces_unjudged() {
    let workloads = [
        ("shop.yaml", deployment("web", Some("shop"), "{app: web}")),
        ("pay.yaml", deployment("pay", Some("pay"), "{app: pay}")),
    ];
    let run = |plugin: &str| -> Vec<String> {
        let mut files: Vec<(&str, &str)> = workloads.iter().map(|(p, t)| (*p, t.as_str())).collect();
        files.push(("plugin.yaml", plugin));
        unisolated(&files, "").0
    };
    let object = |api: &str, kind: &str, namespace: &str| {
        format!("apiVersion: {api}\nkind: {kind}\nmetadata: {{name: p{namespace}}}\nspec: {{}}\n")
    };
    assert_eq!(run(&object("cilium.io/v2", "CiliumNetworkPolicy", ", namespace: shop")), names(&["pay"]));
    assert_eq!(run(&object("crd.projectcalico.org/v1", "NetworkPolicy", ", namespace: pay")), names(&["web"]));
    assert_eq!(run(&object("cilium.io/v2", "CiliumClusterwideNetworkPolicy", "")), Vec::<String>::new());
    assert_eq!(
        run(&object("policy.networking.k8s.io/v1alpha1", "BaselineAdminNetworkPolicy", "")),
        Vec::<String>::new()
    );
    // A staged Calico policy is not enforced.
    assert_eq!(
        run(&object("projectcalico.org/v3", "StagedNetworkPolicy", ", namespace: shop")),
        names(&["pay", "web"])
    );
}

/// Labels a controller sets on each pod are on no pod template: a Service for one StatefulSet
/// pod (`statefulset.kubernetes.io/pod-name`, as redis-ha's announce Services) selects a pod,
/// a NetworkPolicy for it isolates that pod only, and a Deployment's pods carry no such label.
#[test]
fn labels_the_controller_sets_on_each_pod() {
    let statefulset = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: shop}\nspec:\n  \
                       selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      \
                       containers: [{name: db, image: \"redis:7.4\"}]\n";
    let web = deployment("web", Some("shop"), "{app: web}");
    let announce = |selector: &str| {
        format!(
            "apiVersion: v1\nkind: Service\nmetadata: {{name: a, namespace: shop}}\nspec:\n  selector: {selector}\n"
        )
    };
    let run = |code: &str, other: &str| {
        findings(code, &[("db.yaml", statefulset), ("web.yaml", web.as_str()), ("other.yaml", other)])
    };
    assert_eq!(run("K8S425", &announce("{app: db, statefulset.kubernetes.io/pod-name: db-0}")), Vec::<String>::new());
    assert_eq!(
        run("K8S425", &announce("{app: web, statefulset.kubernetes.io/pod-name: web-0}")),
        ["other.yaml: {app: web, statefulset.kubernetes.io/pod-name: web-0}"]
    );
    let one_pod =
        policy("db-0", Some("shop"), "  podSelector: {matchLabels: {statefulset.kubernetes.io/pod-name: db-0}}\n");
    assert_eq!(run("K8S423", &one_pod), Vec::<String>::new());
    // One pod isolated is not the workload isolated.
    assert_eq!(run("K8S420", &one_pod), ["db.yaml: db", "web.yaml: web"]);
    let revision = policy(
        "all-revisions",
        Some("shop"),
        "  podSelector: {matchExpressions: [{key: controller-revision-hash, operator: Exists}]}\n",
    );
    assert_eq!(run("K8S420", &revision), ["web.yaml: web"]);
}

#[test]
fn autoscalers_whose_target_is_missing() {
    let web = deployment("web", Some("shop"), "{app: web}");
    let hpa = |name: &str, target: &str| {
        format!(
            "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {{name: {name}, namespace: shop}}\nspec:\n  \
             scaleTargetRef: {target}\n  maxReplicas: 3\n"
        )
    };
    let hpas = stream(&[
        hpa("ok", "{apiVersion: apps/v1, kind: Deployment, name: web}"),
        hpa("renamed", "{apiVersion: apps/v1, kind: Deployment, name: web-v1}"),
        hpa("kind", "{apiVersion: apps/v1, kind: StatefulSet, name: web}"),
        hpa("rollout", "{apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: web}"),
        hpa("templated", "{apiVersion: apps/v1, kind: Deployment, name: \"{{ .Release.Name }}\"}"),
    ]);
    let files = [("app.yaml", web.as_str()), ("hpa.yaml", hpas.as_str())];
    assert_eq!(
        findings("K8S426", &files),
        [
            "hpa.yaml: {apiVersion: apps/v1, kind: Deployment, name: web-v1}",
            "hpa.yaml: {apiVersion: apps/v1, kind: StatefulSet, name: web}"
        ]
    );
}

#[test]
fn budgets_and_service_accounts() {
    let web = deployment("web", Some("shop"), "{app: web}");
    let pdb = |name: &str, selector: &str| {
        format!(
            "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{name: {name}, namespace: shop}}\nspec:\n  minAvailable: 1\n  selector: {selector}\n"
        )
    };
    let budgets = stream(&[
        pdb("ok", "{matchLabels: {app: web}}"),
        pdb("stale", "{matchLabels: {app: frontend}}"),
        pdb("expr", "{matchExpressions: [{key: app, operator: Exists}]}"),
    ]);
    assert_eq!(
        findings("K8S427", &[("app.yaml", web.as_str()), ("pdb.yaml", budgets.as_str())]),
        ["pdb.yaml: {matchLabels: {app: frontend}}"]
    );

    let runs_as = |name: &str, account: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: shop}}\nspec:\n  serviceAccountName: {account}\n  \
             containers: [{{name: c, image: \"nginx:1.27\"}}]\n"
        )
    };
    let pods = stream(&[
        runs_as("a", "web"),
        runs_as("b", "missing"),
        runs_as("c", "default"),
        runs_as("d", "\"{{ .Values.sa }}\""),
    ]);
    let account = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n";
    assert_eq!(findings("K8S428", &[("pods.yaml", pods.as_str()), ("sa.yaml", account)]), ["pods.yaml: missing"]);
    // Without the namespace's accounts in the run nothing is said: they may be created elsewhere.
    assert_eq!(findings("K8S428", &[("pods.yaml", pods.as_str())]), Vec::<String>::new());
}

#[test]
fn the_default_deny_fix_appends_one_policy_per_file_and_namespace() {
    for ending in ["\n", "\r\n"] {
        let docs =
            stream(&[deployment("web", Some("shop"), "{app: web}"), deployment("db", Some("shop"), "{app: db}")]);
        // Without a final line break, in the file's own line breaks.
        let text = docs.trim_end().replace('\n', ending);
        let config =
            Config::new(Options { select: Some(vec!["K8S420".into()]), ..Options::default() }).expect("config");
        let lint = |t: &str| caulk::lint(&[SourceFile::new("app.yaml", t)], &config).diagnostics;
        let first = lint(&text);
        assert_eq!(first.len(), 2);
        assert_eq!(first.iter().filter(|d| d.fix.is_some()).count(), 1, "one fix for the namespace");
        let refs: Vec<&caulk::Diagnostic> = first.iter().collect();
        let (fixed, applied) = caulk::fix::apply(&text, &refs, caulk::fix::Mode::Unsafe);
        assert_eq!(applied, 1);
        let added = format!(
            "{ending}---{ending}apiVersion: networking.k8s.io/v1{ending}kind: NetworkPolicy{ending}metadata:{ending}  \
             name: default-deny-ingress{ending}  namespace: shop{ending}spec:{ending}  podSelector: {{}}{ending}  \
             policyTypes: [Ingress]{ending}"
        );
        assert_eq!(fixed, format!("{text}{added}"));
        // Both workloads are isolated now: the fix is not offered again.
        assert_eq!(lint(&fixed), vec![]);
    }
}

#[test]
fn namespaces_without_a_default_deny_policy() {
    let docs = |extra: Vec<String>| {
        let mut all = vec![deployment("web", Some("shop"), "{app: web}"), deployment("db", Some("shop"), "{app: db}")];
        all.extend(extra);
        stream(&all)
    };
    let run = |text: &str| findings("K8S422", &[("app.yaml", text)]);
    // Once per namespace, at its first workload.
    assert_eq!(
        run(&docs(vec![policy("web", Some("shop"), "  podSelector: {matchLabels: {app: web}}\n")])),
        ["app.yaml: web"]
    );
    assert_eq!(
        run(&docs(vec![policy("deny", Some("shop"), "  podSelector: {}\n  policyTypes: [Ingress]\n")])),
        Vec::<String>::new()
    );
    // A policy for every pod that allows some traffic is no default deny; nor is an Egress-only one.
    assert_eq!(
        run(&docs(vec![policy("all", Some("shop"), "  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]\n")])),
        ["app.yaml: web"]
    );
    assert_eq!(
        run(&docs(vec![policy("out", Some("shop"), "  podSelector: {}\n  policyTypes: [Egress]\n")])),
        ["app.yaml: web"]
    );
}

#[test]
fn a_namespace_the_run_defines_carries_its_default_deny_finding_and_fix() {
    let app = stream(&[deployment("web", Some("shop"), "{app: web}")]);
    let namespaces = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop # the shop\n";
    let files = [("app.yaml", app.as_str()), ("namespaces.yaml", namespaces)];
    assert_eq!(findings("K8S422", &files), ["namespaces.yaml: shop"]);
    // Another namespace's object does not draw it away from the workload.
    let other = "apiVersion: v1\nkind: Namespace\nmetadata: {name: billing}\n";
    assert_eq!(findings("K8S422", &[("app.yaml", app.as_str()), ("ns.yaml", other)]), ["app.yaml: web"]);

    let config = Config::new(Options { select: Some(vec!["K8S422".into()]), ..Options::default() }).expect("config");
    let sources = [SourceFile::new("app.yaml", app.as_str()), SourceFile::new("namespaces.yaml", namespaces)];
    let found = caulk::lint(&sources, &config).diagnostics;
    let refs: Vec<&caulk::Diagnostic> = found.iter().collect();
    let (fixed, applied) = caulk::fix::apply(namespaces, &refs, caulk::fix::Mode::Unsafe);
    assert_eq!(applied, 1);
    assert_eq!(
        fixed,
        format!(
            "{namespaces}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: \
             default-deny-ingress\n  namespace: shop\nspec:\n  podSelector: {{}}\n  policyTypes: [Ingress]\n"
        )
    );
    let again = [SourceFile::new("app.yaml", app.as_str()), SourceFile::new("namespaces.yaml", fixed.as_str())];
    assert!(caulk::lint(&again, &config).diagnostics.is_empty(), "applied once, then silent");
}

#[test]
fn ingress_backends_to_missing_services_or_ports() {
    let services = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  ports: [{name: http, port: 80}]\n\
                    ---\napiVersion: v1\nkind: Service\nmetadata: {name: tpl, namespace: shop}\nspec:\n  \
                    ports: [{name: \"{{ .Values.portName }}\", port: \"{{ .Values.port }}\"}]\n";
    let ingress = |backends: &str| {
        format!(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: i, namespace: shop}}\nspec:\n{backends}"
        )
    };
    let cases: &[(&str, &[&str])] = &[
        ("  defaultBackend: {service: {name: web, port: {number: 80}}}\n", &[]),
        ("  defaultBackend: {service: {name: web, port: {name: http}}}\n", &[]),
        ("  defaultBackend: {service: {name: web, port: {number: 8080}}}\n", &["{name: web, port: {number: 8080}}"]),
        ("  defaultBackend: {service: {name: web, port: {name: https}}}\n", &["{name: web, port: {name: https}}"]),
        ("  defaultBackend: {service: {name: gone, port: {number: 80}}}\n", &["{name: gone, port: {number: 80}}"]),
        ("  defaultBackend: {resource: {apiGroup: k8s.example.com, kind: Bucket, name: static}}\n", &[]),
        // A templated port may be the one named.
        ("  defaultBackend: {service: {name: tpl, port: {number: 8080}}}\n", &[]),
        ("  defaultBackend: {service: {name: tpl, port: {name: http}}}\n", &[]),
        (
            "  rules:\n    - http:\n        paths:\n          - {path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}\n",
            &["{name: api, port: {number: 80}}"],
        ),
    ];
    for (spec, want) in cases {
        let text = ingress(spec);
        let got = findings("K8S429", &[("svc.yaml", services), ("ing.yaml", &text)]);
        let want: Vec<String> = want.iter().map(|w| format!("ing.yaml: {w}")).collect();
        assert_eq!(got, want, "{spec}");
    }
    // Copies of one Service (kustomize overlays of a base) count together.
    let copy =
        "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  ports: [{port: 8080}]\n";
    let text = ingress("  defaultBackend: {service: {name: web, port: {number: 8080}}}\n");
    assert_eq!(
        findings("K8S429", &[("svc.yaml", services), ("dev/svc.yaml", copy), ("ing.yaml", &text)]),
        Vec::<String>::new()
    );
    // Without the namespace's Services in the run, nothing is said.
    let text = ingress(cases[4].0);
    assert!(text.contains("gone"));
    assert_eq!(findings("K8S429", &[("ing.yaml", &text)]), Vec::<String>::new());
}

#[test]
fn bindings_to_missing_roles() {
    let role =
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: shop}\nrules: []\n";
    let cluster_role =
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: metrics}\nrules: []\n";
    let binding = |kind: &str, ns: &str, role_kind: &str, role: &str| {
        let meta = if ns.is_empty() { "{name: b}".to_string() } else { format!("{{name: b, namespace: {ns}}}") };
        format!(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: {kind}\nmetadata: {meta}\nroleRef: {{apiGroup: rbac.authorization.k8s.io, kind: {role_kind}, name: {role}}}\n"
        )
    };
    let cases: &[(String, &[&str])] = &[
        (binding("RoleBinding", "shop", "Role", "reader"), &[]),
        (binding("RoleBinding", "shop", "Role", "writer"), &["Role"]),
        // A RoleBinding's Role is in its own namespace.
        (binding("RoleBinding", "other", "Role", "reader"), &[]),
        (binding("RoleBinding", "shop", "ClusterRole", "metrics"), &[]),
        (binding("ClusterRoleBinding", "", "ClusterRole", "metric"), &["ClusterRole"]),
        (binding("ClusterRoleBinding", "", "ClusterRole", "cluster-admin"), &[]),
        (binding("ClusterRoleBinding", "", "ClusterRole", "system:auth-delegator"), &[]),
        (binding("ClusterRoleBinding", "", "ClusterRole", "kubeadm:get-nodes"), &[]),
    ];
    for (text, want) in cases {
        let got: Vec<String> = findings("K8S432", &[("roles.yaml", role), ("cr.yaml", cluster_role), ("b.yaml", text)]);
        assert_eq!(got.len(), want.len(), "{text}: {got:?}");
        assert!(got.iter().zip(want.iter()).all(|(g, w)| g.contains(&format!("kind: {w},"))), "{text}: {got:?}");
    }
    // Without roles of that scope in the run nothing is said: the `other` namespace has none.
    let elsewhere = binding("RoleBinding", "other", "Role", "writer");
    assert_eq!(findings("K8S432", &[("roles.yaml", role), ("b.yaml", &elsewhere)]), Vec::<String>::new());
}

#[test]
fn release_namespaces_and_kustomize_patches() {
    let web = deployment("web", None, "{app: web}");
    let stream_text = format!("---\n# Source: shop/templates/web.yaml\n{web}");
    let deny = policy("deny", Some("shop"), "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n");
    let run = |extra: &str| unisolated(&[("rendered.yaml", &stream_text), ("deny.yaml", &deny)], extra);
    // The stream's objects are in `default` unless the release namespace is given.
    assert_eq!(run(""), (names(&["web"]), names(&["web"])));
    assert_eq!(run("[helm]\nnamespace = \"shop\"\n"), (vec![], vec![]));
    // A patch a kustomization applies adds no workload of its own.
    let kustomization =
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n- path: patch.yaml\n";
    let patch = deployment("web", Some("shop"), "{app: web}");
    assert_eq!(unisolated(&[("kustomization.yaml", kustomization), ("patch.yaml", &patch)], ""), (vec![], vec![]));
    assert_eq!(unisolated(&[("patch.yaml", &patch)], ""), (names(&["web"]), names(&["web"])));
}

/// `${VAR}` placeholders (envsubst, Flux post-build substitution) are values still to come, like
/// Helm's `{{ }}`: no rule reads them as the names or labels they stand for.
#[test]
fn substitution_placeholders_are_not_judged() {
    let account = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: other, namespace: shop}\n";
    let web = deployment("web", Some("shop"), "{app: web}")
        .replace("containers:", "serviceAccountName: ${SA}\n      containers:");
    let service =
        "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  selector: {app: \"${APP}\"}\n";
    let templated = policy("p", Some("shop"), "  podSelector: {matchLabels: {app: \"${APP}\"}}\n");
    let files =
        [("web.yaml", web.as_str()), ("sa.yaml", account), ("svc.yaml", service), ("p.yaml", templated.as_str())];
    for code in ["K8S420", "K8S423", "K8S425", "K8S428"] {
        assert_eq!(findings(code, &files), Vec::<String>::new(), "{code}");
    }
}
