//! K8S414: an NGINX snippet annotation uses the known CVE-2021-25742 primitives: Lua code, an
//! `alias` file mapping, or the controller's service-account credentials.

use super::snippets;
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct IngressNginxSnippetInjection;

/// What a snippet does that only an attacker (or a very trusting admin) needs, if anything.
fn primitive(text: &str) -> Option<&'static str> {
    let words = || text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).filter(|w| !w.is_empty());
    if words().any(|w| w.starts_with("lua_") || w.ends_with("_lua") || w.contains("_lua_")) {
        return Some("runs Lua code inside the ingress controller");
    }
    let statements = text.split([';', '{', '}', '\n']).map(str::trim);
    if statements.clone().any(|s| s.split_whitespace().next() == Some("alias")) {
        return Some("maps controller files into responses with an `alias` directive");
    }
    if text.contains("kubernetes.io/serviceaccount") || text.contains("/var/run/secrets") {
        return Some("reaches the controller's service-account credentials");
    }
    None
}

impl Rule for IngressNginxSnippetInjection {
    fn code(&self) -> &'static str {
        "K8S414"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        for s in snippets(object) {
            let Some(what) = primitive(s.text) else { continue };
            let msg = format!("the `{}` annotation of {} {what} (CVE-2021-25742)", s.name, object.display_name());
            let help = "remove the snippet: the controller's token reads every Secret of the cluster, and this is the \
                        documented way to steal it";
            let d = cx.diag(s.value.span(), msg).with_label(s.key.span(), "snippet annotation");
            cx.emit(d.with_help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::primitive;

    #[test]
    fn lua_alias_and_token_paths() {
        assert!(primitive("content_by_lua_block { ngx.say(1) }").is_some());
        assert!(primitive("access_by_lua 'x';").is_some());
        assert!(primitive("location /x {\n  alias /etc/;\n}").is_some());
        assert!(primitive("return 200 \"$(cat /var/run/secrets/kubernetes.io/serviceaccount/token)\";").is_some());
        // Words merely containing the letters, and headers naming an alias, are not the primitives.
        assert!(primitive("more_set_headers \"X-Alias: lua\";\nproxy_set_header X-Real-IP $remote_addr;").is_none());
        assert!(primitive("set $aliasname x;").is_none());
    }
}
