//! K8S512: a probe targets a port its container does not declare.
//!
//! A named port the container does not declare can never be resolved: the kubelet fails the
//! probe every time. A number missing from the declared `containerPort`s still works (ports are
//! informational) but, when the container declares others, is most likely a typo; a container
//! that declares no ports at all is not judged on numbers.

use crate::model::kubernetes::{Container, Object, is_templated};
use crate::rules::{Context, Format, Rule};
use crate::syntax::yaml::NodeRef;

pub struct ProbePortNotExposed;

const PROBES: &[&str] = &["livenessProbe", "readinessProbe", "startupProbe"];
const HANDLERS: &[&str] = &["httpGet", "tcpSocket", "grpc"];

impl Rule for ProbePortNotExposed {
    fn code(&self) -> &'static str {
        "K8S512"
    }

    fn formats(&self) -> &'static [Format] {
        &[Format::Kubernetes]
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        for c in pod.containers() {
            for probe in PROBES {
                let Some((_, p)) = c.field(probe) else { continue };
                for handler in HANDLERS {
                    if let Some(port) = p.path(&[handler, "port"]) {
                        check(cx, object, &c, probe, port);
                    }
                }
            }
        }
    }
}

/// The declared ports of a container: `(names, numbers)`, or `None` when one is unreadable.
fn declared<'a>(c: &Container<'a>) -> Option<(Vec<&'a str>, Vec<i64>)> {
    let (mut names, mut numbers) = (Vec::new(), Vec::new());
    if c.field("ports").is_some_and(|(_, v)| !v.is_sequence()) {
        return None;
    }
    for p in c.list("ports") {
        if let Some(name) = p.get("name").and_then(|n| n.str()).filter(|n| !n.is_empty()) {
            names.push(name);
        }
        if let Some(n) = p.get("containerPort") {
            numbers.push(number(n)?);
        }
    }
    Some((names, numbers))
}

/// A port number written as an integer or a numeric string (the kubelet accepts both).
fn number(n: NodeRef<'_>) -> Option<i64> {
    n.as_i64().or_else(|| n.str().and_then(|s| s.parse().ok()))
}

fn check(cx: &mut Context<'_>, object: &Object<'_>, c: &Container<'_>, probe: &str, port: NodeRef<'_>) {
    let Some(raw) = port.str().filter(|s| !s.is_empty() && !is_templated(s)) else { return };
    let Some((names, numbers)) = declared(c) else { return };
    let who = format!("the {probe} of {} of {}", c.display_name(), object.display_name());
    let d = match number(port) {
        Some(n) if numbers.is_empty() || numbers.contains(&n) => return,
        Some(n) => {
            let list: Vec<String> = numbers.iter().map(i64::to_string).collect();
            cx.diag(port.span(), format!("{who} targets port {n}, which the container does not declare")).with_help(
                format!(
                    "the container's declared ports are {}: point the probe at one of them, or declare {n} in \
                     `ports` if it is served too",
                    list.join(", ")
                ),
            )
        }
        None if names.contains(&raw) => return,
        None => cx
            .diag(
                port.span(),
                format!(
                    "{who} targets the named port `{raw}`, which the container does not declare: the probe always fails"
                ),
            )
            .with_help(if names.is_empty() {
                format!("add a port named `{raw}` to the container's `ports`, or use the port number")
            } else {
                format!("the container's port names are {}: fix the name, or use the port number", quoted(&names))
            }),
    };
    cx.emit(d);
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, pod};

    #[test]
    fn named_ports_must_be_declared_numbers_only_when_others_are() {
        let src = pod(
            "containers:\n- name: a\n  ports:\n  - {name: http, containerPort: 8080}\n  livenessProbe:\n    httpGet: {path: /, port: htp}\n  readinessProbe:\n    tcpSocket: {port: 9090}\n  startupProbe:\n    httpGet: {port: http}\n",
        );
        assert_eq!(k8s_spans("K8S512", &src), ["htp", "9090"]);
        // No ports declared: a number is not judged, a name cannot resolve.
        let src = pod(
            "containers:\n- name: a\n  livenessProbe:\n    httpGet: {port: 8080}\n  readinessProbe:\n    grpc: {port: 9000}\n  startupProbe:\n    httpGet: {port: web}\n",
        );
        assert_eq!(k8s_spans("K8S512", &src), ["web"]);
    }

    #[test]
    fn numeric_strings_and_templates_are_not_names() {
        let src = pod(
            "containers:\n- name: a\n  ports:\n  - containerPort: 8080\n  livenessProbe:\n    httpGet: {port: \"8080\"}\n  readinessProbe:\n    httpGet: {port: \"{{ .Values.port }}\"}\n  startupProbe:\n    exec: {command: [true]}\n",
        );
        assert!(k8s_spans("K8S512", &src).is_empty());
    }
}
