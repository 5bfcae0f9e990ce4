//! K8S312: a Service that exposes Tiller (Helm v2).

use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct TillerService;

impl Rule for TillerService {
    fn code(&self) -> &'static str {
        "K8S312"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        if object.kind != "Service" || !object.group().is_empty() {
            return;
        }
        let selector = object.root.path(&["spec", "selector"]);
        let selected = selector
            .into_iter()
            .flat_map(|s| s.entries())
            .find(|(_, v)| v.str().is_some_and(|s| s.eq_ignore_ascii_case("tiller")));
        let (span, why) = match selected {
            Some((k, v)) => (
                k.span().cover(v.span()),
                format!("its selector `{}: {}` picks Tiller's pods", k.str().unwrap_or(""), v.str().unwrap_or("")),
            ),
            None if object.name == Some("tiller-deploy") => {
                (object.anchor(), "`tiller-deploy` is the Service `helm init` creates for Tiller".to_string())
            }
            None => return,
        };
        let d = cx
            .diag(span, format!("{} exposes Tiller (Helm v2) to the cluster: {why}", object.display_name()))
            .with_help(
                "delete the Service (and Tiller: migrate to Helm 3); `helm` reaches a Tiller that must stay through \
                 `kubectl port-forward`, which needs no Service",
            );
        cx.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::k8s_spans;

    #[test]
    fn services_selecting_tiller() {
        let svc = |name: &str, selector: &str| {
            format!(
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  selector: {selector}\n  ports: [{{port: 44134}}]\n"
            )
        };
        assert_eq!(k8s_spans("K8S312", &svc("tiller-deploy", "{app: helm, name: tiller}")), ["name: tiller"]);
        assert_eq!(k8s_spans("K8S312", &svc("tiller-deploy", "{app: x}")), ["tiller-deploy"]);
        // Checkov takes any name containing "tiller"; a Service merely named so is not Tiller's.
        assert!(k8s_spans("K8S312", &svc("tiller-metrics-docs", "{app: docs}")).is_empty());
        assert!(k8s_spans("K8S312", &svc("web", "{app: web}")).is_empty());
    }
}
