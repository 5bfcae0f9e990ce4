//! SEC203: a value assigned to a secret-looking name (`password`, `api_key`, `token`, ...) that is
//! written out and random enough to be a real credential.

use super::pairs::{Pair, PairRule};
use super::{keyed, tokens, value};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::redact;
use crate::rules::Context;

pub static HARDCODED_CREDENTIAL: PairRule = PairRule { code: "SEC203", finding };

fn finding(cx: &Context<'_>, pair: &Pair<'_>) -> Option<Diagnostic> {
    // A value a provider rule names is SEC201's, with the provider; a container's variable is
    // K8S201's, with its fix.
    let generic = !pair.env
        && value::is_credential(&pair.value)
        && keyed::provider(pair.name, &pair.value).is_none()
        && tokens::scan(&pair.value, 0).is_empty();
    if !generic {
        return None;
    }
    let d = cx
        .diag(pair.span, format!("`{}` is assigned a hardcoded credential {}", pair.name, redact(&pair.value)))
        .with_secret(pair.span)
        .with_help(
            "read it at run time instead: a BuildKit secret mount, a Kubernetes Secret referenced with \
             `secretKeyRef`, a Compose secret, or an interpolated variable (`${DB_PASSWORD}`); if it was ever \
             real, rotate it (it stays in the repository's history)",
        );
    Some(d)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{k8s_spans, spans};

    #[test]
    fn dockerfile_places() {
        let src = "FROM alpine:3.20\n\
                   ENV DB_PASSWORD=Kq8vL2mZx9Tr dbPass=Zr7wq2Lk9PxV\n\
                   LABEL deploy.token=Wq2Lk9PxVz7r\n\
                   RUN ./configure --admin-password=Lk9PxVz7rWq2 && make\n\
                   RUN <<EOF\n\
                   echo 'smtp_password = \"Px9Vz7rWq2Lk\"' > /etc/app.ini\n\
                   EOF\n\
                   USER 10001\n";
        // `DB_PASSWORD` is DF201's (BuildKit's name test); `dbPass` is not a name BuildKit matches.
        assert_eq!(spans("SEC203", src), ["Zr7wq2Lk9PxV", "Wq2Lk9PxVz7r", "Lk9PxVz7rWq2", "Px9Vz7rWq2Lk"]);
    }

    #[test]
    fn manifest_places() {
        let src = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  annotations:\n    \
                   kubectl.kubernetes.io/last-applied-configuration: '{\"data\":{\"apiKey\":\"Zr7wq2Lk9PxV\"}}'\n\
                   data:\n  app.yaml: |\n    db:\n      password: Kq8vL2mZx9Tr # prod\n  secretName: Wq2Lk9PxVz7r\n---\n\
                   apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    \
                   password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq\n";
        assert_eq!(k8s_spans("SEC203", src), ["Zr7wq2Lk9PxV", "Kq8vL2mZx9Tr"]);
    }
}
