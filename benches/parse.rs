//! Parsing throughput on ../shared/corpus (DESIGN.md budget: Dockerfile >= 100 MB/s; YAML within
//! 1.5x of the raw event parser) and whole-lint throughput. Run: `cargo bench --bench parse`.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus(folder: &str) -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").join(folder);
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(&dir).map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

fn bytes(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

fn parsing(c: &mut Criterion) {
    let dockerfiles = corpus("dockerfile");
    let mut yaml = corpus("k8s");
    yaml.extend(corpus("helm-rendered"));
    yaml.extend(corpus("compose"));
    if dockerfiles.is_empty() || yaml.is_empty() {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    }
    let mut g = c.benchmark_group("parse");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes(&dockerfiles)));
    g.bench_function("dockerfile", |b| {
        b.iter(|| dockerfiles.iter().map(|t| caulk::syntax::dockerfile::parse(t).instructions.len()).sum::<usize>())
    });
    g.bench_function("dockerfile+shell", |b| {
        b.iter(|| {
            dockerfiles
                .iter()
                .map(|t| {
                    let ast = caulk::syntax::dockerfile::parse(t);
                    let model = caulk::model::dockerfile::DockerfileModel::new(t, &ast);
                    model.runs().map(|r| r.script.commands.len()).sum::<usize>()
                })
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Bytes(bytes(&yaml)));
    g.bench_function("yaml-events", |b| {
        b.iter(|| yaml.iter().map(|t| caulk::syntax::yaml::count_events(t)).sum::<usize>())
    });
    let limits = caulk::syntax::yaml::Limits::default();
    g.bench_function("yaml-tree", |b| {
        b.iter(|| yaml.iter().map(|t| caulk::syntax::yaml::parse(t, &limits).documents.len()).sum::<usize>())
    });
    g.finish();

    let files: Vec<caulk::SourceFile> = ["dockerfile", "k8s", "helm-rendered", "compose"]
        .iter()
        .flat_map(|f| {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").join(f);
            std::fs::read_dir(&dir).into_iter().flatten().filter_map(Result::ok).map(|e| e.path()).collect::<Vec<_>>()
        })
        .filter_map(|p| {
            let base = p.file_name()?.to_str()?.rsplit("__").next()?.to_string();
            let kind = caulk::classify::by_name(Path::new(&base));
            Some(caulk::SourceFile {
                path: p.display().to_string().into(),
                bytes: std::fs::read(&p).ok()?,
                kind,
                context: false,
            })
        })
        .collect();
    let config = caulk::Config::default();
    let mut g = c.benchmark_group("lint");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(files.iter().map(|f| f.bytes.len() as u64).sum()));
    g.bench_function("corpus", |b| b.iter(|| caulk::lint(&files, &config).diagnostics.len()));
    g.finish();
}

criterion_group!(benches, parsing);
criterion_main!(benches);
