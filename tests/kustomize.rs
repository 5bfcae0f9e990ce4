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

/// kustomize puts every namespaced object it builds in the outermost `namespace:`, over what the
/// file says: the cross-file rules judge them there, and a file two builds put in different
/// namespaces keeps its own.
#[test]
fn the_namespace_a_kustomization_sets_is_where_its_objects_are() {
    let deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  \
                  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: \"nginx:1.27\"}]\n";
    let policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: base}\nspec:\n  \
                  podSelector: {}\n";
    let kustomization = |namespace: &str, resources: &str| {
        format!("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n{namespace}resources: {resources}\n")
    };
    let base = kustomization("", "[deploy.yaml, policy.yaml]");
    let config = caulk::config::Config::new(caulk::config::Options {
        select: Some(vec!["K8S420".into()]),
        ..Default::default()
    })
    .expect("config");
    let messages = |overlays: &[(&str, String)]| -> Vec<String> {
        let mut files = vec![
            caulk::SourceFile::new("base/kustomization.yaml", base.as_str()),
            caulk::SourceFile::new("base/deploy.yaml", deploy),
            caulk::SourceFile::new("base/policy.yaml", policy),
        ];
        files.extend(overlays.iter().map(|(p, t)| caulk::SourceFile::new(p, t.as_str())));
        caulk::lint(&files, &config).diagnostics.into_iter().map(|d| d.message).collect()
    };
    // Alone, the base's Deployment is in `default` and its policy in `base`.
    assert_eq!(
        messages(&[]),
        ["Deployment default/web is not isolated for ingress: namespace `default` has no NetworkPolicy"]
    );
    // Built into `prod`, both are there: the policy isolates the pods.
    let prod = ("overlays/prod/kustomization.yaml", kustomization("namespace: prod\n", "[../../base]"));
    assert_eq!(messages(std::slice::from_ref(&prod)), Vec::<String>::new());
    // An overlay without `namespace:` beside it leaves the base's objects where they say.
    let plain = ("overlays/dev/kustomization.yaml", kustomization("", "[../../base]"));
    assert_eq!(messages(&[prod.clone(), plain]).len(), 1);
    // The outermost `namespace:` wins over the base's own.
    let named_base = kustomization("namespace: staging\n", "[deploy.yaml]");
    let files = [
        caulk::SourceFile::new("base/kustomization.yaml", named_base.as_str()),
        caulk::SourceFile::new("base/deploy.yaml", deploy),
        caulk::SourceFile::new("overlays/prod/kustomization.yaml", prod.1.as_str()),
    ];
    let found: Vec<String> = caulk::lint(&files, &config).diagnostics.into_iter().map(|d| d.message).collect();
    assert_eq!(found, ["Deployment prod/web is not isolated for ingress: namespace `prod` has no NetworkPolicy"]);
}
