//! Kustomizations: recognised by name or content, never linted as objects, their generator
//! literals read by the secrets rules.

mod common;

const OVERLAY: &str = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: prod\n\
                       resources: [../../base]\nsecretGenerator:\n- name: db\n  literals:\n  - DB_PASSWORD=Kq8vL2mZx9Tr\n  \
                       - DB_USER=app\nconfigMapGenerator:\n- name: app\n  literals:\n  - API_KEY=Wq2Lk9PxVz7rTq\n";

#[test]
fn generator_literals_are_read_under_any_name() {
    let config = common::all_rules();
    for name in ["overlays/prod/kustomization.yaml", "overlays/prod/kustomize-prod.yaml"] {
        let found = common::lint_one(name, OVERLAY, &config);
        let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["SEC203", "SEC203"], "{name}: {found:#?}");
        let values: Vec<&str> = found.iter().map(|d| d.span.slice(OVERLAY)).collect();
        assert_eq!(values, ["Kq8vL2mZx9Tr", "Wq2Lk9PxVz7rTq"]);
    }
}

#[test]
fn a_component_is_a_kustomization_too() {
    let component = OVERLAY.replace("v1beta1\nkind: Kustomization", "v1alpha1\nkind: Component");
    let found = common::lint_one("components/db/component.yaml", &component, &common::all_rules());
    assert!(found.iter().all(|d| d.code.starts_with("SEC")), "{found:#?}");
    assert_eq!(found.len(), 2);
}

/// Inline strategic-merge patches are judged for what they write, at their place in the
/// kustomization; what they leave out belongs to the base and is not reported.
#[test]
fn inline_patches_are_judged_for_what_they_write() {
    let src =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/kustomize/kustomization.yaml"))
            .expect("fixture");
    let found = common::lint_one("overlays/prod/kustomization.yaml", &src, &common::all_rules());
    let idx = caulk::span::LineIndex::new(&src);
    let got: Vec<(usize, &str, &str)> =
        found.iter().map(|d| (idx.line_of(d.span.start) + 1, d.code, d.span.slice(&src))).collect();
    assert_eq!(
        got,
        [
            (14, "K8S111", "hostNetwork: true"),
            (18, "K8S112", "privileged: true"),
            (30, "K8S301", "acme/api:latest"),
            (30, "K8S302", "acme/api:latest")
        ]
    );
    assert!(found.iter().all(|d| d.fix.is_none()));
}

/// A file a kustomization names as a patch is judged for what it writes, like an inline patch;
/// the same file alone is a whole object, missing settings and all.
#[test]
fn patch_files_named_by_a_kustomization() {
    let kustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\n\
                         patches:\n- path: ../patches/web.yaml\n";
    let patch = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      \
                 containers:\n      - name: web\n        securityContext:\n          privileged: true\n";
    let config = common::all_rules();
    let lint = |files: Vec<caulk::SourceFile>| {
        let result = caulk::lint(&files, &config);
        let mut codes: Vec<&str> =
            result.diagnostics.iter().filter(|d| d.path.ends_with("web.yaml")).map(|d| d.code).collect();
        codes.dedup();
        codes
    };
    let together = lint(vec![
        caulk::SourceFile::new("deploy/overlays/prod/kustomization.yaml", kustomization),
        caulk::SourceFile::new("./deploy/overlays/patches/web.yaml", patch),
    ]);
    assert_eq!(together, ["K8S112"]);
    let alone = lint(vec![caulk::SourceFile::new("deploy/overlays/patches/web.yaml", patch)]);
    assert!(alone.contains(&"K8S112") && alone.len() > 3, "{alone:?}");
}
