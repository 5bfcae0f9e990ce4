//! Project rules at scale (issue: 10,000 workloads and 1,000 NetworkPolicies across 100
//! namespaces checked in under 1 s, time linear when both double). `check` times the index and
//! the policy rules over facts built in memory; `lint` times the whole run over the manifests
//! (parsing included); `read` is the floor: the index and one pass over what the workloads
//! hold. Run: `cargo bench --bench network`.

use std::sync::Arc;

use caulk::config::{Config, Options};
use caulk::project::network::{Direction, Policy};
use caulk::project::selector::Selector;
use caulk::project::{Fact, ProjectIndex, Workload};
use caulk::rules::project::{PROJECT_RULES, Project};
use caulk::span::Span;
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};

const NAMESPACES: usize = 100;

fn labels(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

/// `scale` × (10,000 workloads, 1,000 policies), spread over 100 namespaces; a tenth of the
/// policies select by `matchLabels`, the rest by expressions or `{}`.
fn facts(scale: usize) -> Vec<Fact> {
    let path: Arc<str> = Arc::from("generated.yaml");
    let mut out = Vec::new();
    for n in 0..NAMESPACES {
        let namespace = format!("ns{n}");
        for i in 0..100 * scale {
            out.push(Fact::Workload(Box::new(Workload {
                path: path.clone(),
                span: Span::new(0, 1),
                at: Span::new(0, 1),
                kind: "Deployment".into(),
                name: format!("w{i}"),
                namespace: namespace.clone(),
                host_network: false,
                source: None,
                service_account: None,
                file_end: caulk::project::FileEnd::of(""),
                pod_labels: labels(&[("app", format!("w{i}")), ("tier", format!("t{}", i % 5))]),
                containers: Vec::new(),
            })));
        }
        for j in 0..10 * scale {
            let yaml = if j % 10 == 0 {
                "matchExpressions: [{key: tier, operator: In, values: [t1, t2]}]".to_string()
            } else {
                format!("matchLabels: {{app: w{}}}", j * 7)
            };
            let tree = caulk::syntax::yaml::parse(&yaml, &Default::default());
            let root = tree.documents.first().and_then(|d| tree.root(d)).expect("a selector");
            let selector = Selector::parse(root).expect("valid");
            out.push(Fact::NetworkPolicy(Policy {
                path: path.clone(),
                at: Span::new(0, 1),
                name: format!("p{j}"),
                namespace: namespace.clone(),
                pod_selector: Ok(selector),
                ingress: Direction { isolates: true, rules: Vec::new() },
                egress: Direction { isolates: j % 2 == 0, rules: Vec::new() },
                source: None,
            }));
        }
    }
    out
}

fn manifests(scale: usize) -> Vec<caulk::SourceFile> {
    (0..NAMESPACES)
        .map(|n| {
            let mut text = String::new();
            for i in 0..100 * scale {
                text.push_str(&format!(
                    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: w{i}, namespace: ns{n}}}\nspec:\n  \
                     selector: {{matchLabels: {{app: w{i}}}}}\n  template:\n    metadata: {{labels: {{app: w{i}, tier: t{}}}}}\n    \
                     spec:\n      containers: [{{name: c, image: \"nginx:1.27\"}}]\n---\n",
                    i % 5
                ));
            }
            for j in 0..10 * scale {
                text.push_str(&format!(
                    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p{j}, namespace: ns{n}}}\nspec:\n  \
                     podSelector: {{matchLabels: {{app: w{}}}}}\n---\n",
                    j * 7
                ));
            }
            caulk::SourceFile::new(&format!("ns{n}.yaml"), text)
        })
        .collect()
}

fn network(c: &mut Criterion) {
    let mut g = c.benchmark_group("network");
    g.sample_size(10);
    for scale in [1, 2, 4] {
        let facts = facts(scale);
        // What no check can do without: the index, and every workload's namespace and labels
        // read once. How this grows is the machine's (caches), the floor `check` is measured by.
        g.bench_with_input(BenchmarkId::new("read", scale), &facts, |b, facts| {
            b.iter_batched(
                || facts.clone(),
                |facts| {
                    let index = ProjectIndex::new(facts);
                    let bytes: usize = index
                        .workloads
                        .iter()
                        .map(|w| w.namespace.len() + w.pod_labels.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>())
                        .sum();
                    (index, bytes)
                },
                BatchSize::PerIteration,
            )
        });
        // A run moves each file's facts into the index: the copy the benchmark needs per
        // iteration is made, and what the check returns is freed, outside the timing.
        g.bench_with_input(BenchmarkId::new("check", scale), &facts, |b, facts| {
            b.iter_batched(
                || facts.clone(),
                |facts| {
                    let index = ProjectIndex::new(facts);
                    let mut out = Vec::new();
                    let project = Project::new(&index);
                    for rule in PROJECT_RULES {
                        rule.check(&project, &mut out);
                    }
                    drop(project);
                    (index, out)
                },
                BatchSize::PerIteration,
            )
        });
    }
    let config = Config::new(Options {
        select: Some(["K8S420", "K8S421", "K8S423", "K8S424"].map(String::from).to_vec()),
        ..Default::default()
    })
    .expect("config");
    for scale in [1, 2] {
        let files = manifests(scale);
        g.bench_with_input(BenchmarkId::new("lint", scale), &files, |b, files| {
            b.iter(|| caulk::lint(files, &config).diagnostics.len())
        });
    }
    g.finish();
}

criterion_group!(benches, network);
criterion_main!(benches);
