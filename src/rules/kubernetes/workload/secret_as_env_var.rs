//! K8S202 (opt-in): a Secret consumed as environment variables (`valueFrom.secretKeyRef`,
//! `envFrom[].secretRef`) instead of as files.

use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};
use crate::syntax::yaml::NodeRef;

pub struct SecretAsEnvVar;

impl Rule for SecretAsEnvVar {
    fn code(&self) -> &'static str {
        "K8S202"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        for c in pod.containers() {
            let who = format!("{} of {}", c.display_name(), object.display_name());
            let secret_name = |r: NodeRef<'_>| {
                r.get("name").and_then(|n| n.str()).map_or_else(|| "a Secret".to_string(), |n| format!("Secret `{n}`"))
            };
            let mut found = Vec::new();
            for env in c.list("env") {
                let Some((key, r)) = env.get("valueFrom").and_then(|v| v.entry("secretKeyRef")) else { continue };
                let var = env.get("name").and_then(|n| n.str()).unwrap_or("<unnamed>");
                let item = r.get("key").and_then(|k| k.str()).map_or_else(String::new, |k| format!(" key `{k}`"));
                found.push((key.span(), format!("{who} reads {}{item} into the variable `{var}`", secret_name(r))));
            }
            for from in c.list("envFrom") {
                let Some((key, r)) = from.entry("secretRef") else { continue };
                found.push((key.span(), format!("{who} reads every key of {} into variables", secret_name(r))));
            }
            for (span, message) in found {
                let d = cx.diag(span, message).with_help(
                    "mount the Secret as a volume and read the file: environment variables are inherited by \
                     every child process, readable in `/proc/<pid>/environ`, included in crash reports and \
                     often logged; a mounted Secret is also updated in place when it changes",
                );
                cx.emit(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_diagnostics, pod};

    #[test]
    fn secret_refs_in_env_and_env_from() {
        let src = pod("containers:\n\
                       - name: app\n  env:\n\
                       \x20 - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}\n\
                       \x20 - {name: MODE, valueFrom: {configMapKeyRef: {name: cfg, key: mode}}}\n\
                       \x20 - {name: PLAIN, value: x}\n\
                       \x20 envFrom:\n\
                       \x20 - configMapRef: {name: cfg}\n\
                       \x20 - secretRef: {name: api}\n");
        let got: Vec<(String, String)> =
            k8s_diagnostics("K8S202", &src).into_iter().map(|d| (d.span.slice(&src).to_string(), d.message)).collect();
        assert_eq!(
            got,
            [
                (
                    "secretKeyRef".to_string(),
                    "container `app` of Deployment/web reads Secret `db` key `password` into the variable `DB_PASSWORD`"
                        .to_string()
                ),
                (
                    "secretRef".to_string(),
                    "container `app` of Deployment/web reads every key of Secret `api` into variables".to_string()
                ),
            ]
        );
    }
}
