//! The project index: small owned facts each file contributes, for project (cross-file) rules.
//! Built once per run after every file is parsed; rules read the index, never whole trees.

use std::sync::Arc;

use crate::model::compose::{ComposeFile, Value};
use crate::model::dockerfile::{DockerfileModel, RunUser};
use crate::model::kubernetes::Object;
use crate::span::Span;

/// A pod-bearing object.
#[derive(Clone, Debug)]
pub struct Workload {
    pub path: Arc<str>,
    pub span: Span,
    pub kind: String,
    pub name: String,
    pub namespace: Option<String>,
    /// Labels of the pod template (what selectors match).
    pub pod_labels: Vec<(String, String)>,
    pub images: Vec<(String, Span)>,
}

/// Who a Dockerfile's final stage runs as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FinalUser {
    Root,
    User(String),
    Unknown,
    Missing,
}

#[derive(Clone, Debug)]
pub struct DockerfileFacts {
    pub path: Arc<str>,
    pub final_user: FinalUser,
    /// The `USER` instruction, else the final `FROM`.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ComposeService {
    pub path: Arc<str>,
    pub name: String,
    pub span: Span,
    pub image: Option<String>,
    /// `build:` context (short form or `build.context`).
    pub build_context: Option<String>,
}

#[derive(Clone, Debug)]
pub enum Fact {
    Workload(Workload),
    Dockerfile(DockerfileFacts),
    ComposeService(ComposeService),
}

#[derive(Debug, Default)]
pub struct ProjectIndex {
    pub workloads: Vec<Workload>,
    pub dockerfiles: Vec<DockerfileFacts>,
    pub compose_services: Vec<ComposeService>,
}

impl ProjectIndex {
    pub fn new(facts: impl IntoIterator<Item = Fact>) -> Self {
        let mut index = ProjectIndex::default();
        for f in facts {
            match f {
                Fact::Workload(w) => index.workloads.push(w),
                Fact::Dockerfile(d) => index.dockerfiles.push(d),
                Fact::ComposeService(c) => index.compose_services.push(c),
            }
        }
        index
    }
}

pub fn dockerfile_facts(path: &Arc<str>, model: &DockerfileModel<'_>) -> Option<Fact> {
    let stage = model.final_stage()?;
    let (final_user, span) = match model.run_user(stage) {
        RunUser::Root(i, _) => (FinalUser::Root, i.span),
        RunUser::User(i) => {
            let user = i.words(model.ast.escape).into_iter().next().map(|w| w.text).unwrap_or_default();
            let resolved = model.scope_at(stage, stage.instructions.len()).expand(&user).unwrap_or(user);
            (FinalUser::User(resolved), i.span)
        }
        RunUser::Unknown => (FinalUser::Unknown, stage.from.span),
        RunUser::Missing => (FinalUser::Missing, stage.from.span),
    };
    Some(Fact::Dockerfile(DockerfileFacts { path: path.clone(), final_user, span }))
}

pub fn workload_facts(path: &Arc<str>, object: &Object<'_>) -> Option<Fact> {
    let pod = object.pod_spec()?;
    let pod_labels = pod.labels().filter_map(|(k, v)| Some((k.to_string(), v.str()?.to_string()))).collect();
    let images = pod
        .containers()
        .iter()
        .filter_map(|c| c.node.get("image"))
        .filter_map(|i| Some((i.str()?.to_string(), i.span())))
        .collect();
    Some(Fact::Workload(Workload {
        path: path.clone(),
        span: object.span,
        kind: object.kind.to_string(),
        name: object.name.unwrap_or_default().to_string(),
        namespace: object.namespace.map(str::to_string),
        pod_labels,
        images,
    }))
}

pub fn compose_facts(path: &Arc<str>, file: &ComposeFile<'_>) -> Vec<Fact> {
    file.services
        .iter()
        .map(|s| {
            let build = s.get("build");
            let build_context = build
                .and_then(|b| if b.is_mapping() { b.get("context") } else { Some(b) })
                .and_then(Value::of)
                .and_then(|v| v.literal().map(str::to_string));
            Fact::ComposeService(ComposeService {
                path: path.clone(),
                name: s.name.to_string(),
                span: s.key.span(),
                image: s.value("image").and_then(|v| v.literal().map(str::to_string)),
                build_context,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::helm;
    use crate::syntax::{dockerfile, yaml};

    #[test]
    fn dockerfile_final_user_follows_stages_and_args() {
        let path: Arc<str> = Arc::from("Dockerfile");
        let cases = [
            ("FROM a AS base\nUSER 10001\nFROM base\n", FinalUser::User("10001".into())),
            ("FROM a\nARG U=app\nUSER $U\n", FinalUser::User("app".into())),
            ("FROM a\nUSER root:root\n", FinalUser::Root),
            ("FROM a\nUSER $NOPE\n", FinalUser::Unknown),
            ("FROM a AS b\nUSER 1\nFROM c\n", FinalUser::Missing),
        ];
        for (src, want) in cases {
            let ast = dockerfile::parse(src);
            let model = DockerfileModel::new(src, &ast);
            match dockerfile_facts(&path, &model) {
                Some(Fact::Dockerfile(d)) => assert_eq!(d.final_user, want, "{src}"),
                other => panic!("{src}: {other:?}"),
            }
        }
    }

    #[test]
    fn workloads_carry_pod_labels_and_images() {
        let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - {name: a, image: 'nginx:1.27'}\n      initContainers:\n        - {name: b, image: busybox}\n";
        let tree = yaml::parse(src, &yaml::Limits::default());
        let objects = crate::model::kubernetes::objects(&tree, &helm::sources(&tree), &Default::default());
        let Some(Fact::Workload(w)) = workload_facts(&Arc::from("d.yaml"), &objects[0]) else { panic!("no workload") };
        assert_eq!((w.name.as_str(), w.namespace.as_deref()), ("web", Some("shop")));
        assert_eq!(w.pod_labels, vec![("app".to_string(), "web".to_string())]);
        let images: Vec<_> = w.images.iter().map(|(i, s)| (i.as_str(), s.slice(src))).collect();
        assert_eq!(images, vec![("nginx:1.27", "'nginx:1.27'"), ("busybox", "busybox")]);
    }
}
