//! The fix that moves a secret out of a Compose service's `environment`: the variable becomes
//! `<NAME>_FILE` pointing at `/run/secrets/<id>`, the service is given the secret, and a top-level
//! `secrets:` entry reads it from the environment of whoever runs `docker compose`. Only images
//! that read `*_FILE` variables (the official database images, many others) understand the
//! result, so the fix is shown, never applied.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::compose::{ComposeFile, Service};
use crate::span::Span;
use crate::syntax::yaml::NodeRef;
use crate::syntax::yaml::edit::{after_block, column, is_flow, line_start};

/// The fix for the pair whose name is at `name_span`, if it is one of a service's variables.
pub fn move_to_secret(src: &str, file: &ComposeFile<'_>, name: &str, name_span: Span) -> Option<Fix> {
    let (service, env, entry) = file.services.iter().find_map(|s| {
        let env = s.get("environment")?;
        let entry = env_entry(env, name_span)?;
        Some((s, env, entry))
    })?;
    if is_flow(src, service.node) {
        return None;
    }
    let id = name.to_ascii_lowercase();
    let file_var = if env.is_mapping() {
        format!("{name}_FILE: /run/secrets/{id}")
    } else {
        format!("{name}_FILE=/run/secrets/{id}")
    };
    let mut edits = vec![Edit { span: entry, replacement: file_var }];
    edits.push(service_secret(src, service, env, &id)?);
    edits.extend(top_level_secret(src, file, &id, name)?);
    Some(Fix {
        message: format!(
            "read `{name}` from the Compose secret `{id}` (`{name}_FILE`, for images that support it), \
             supplied from the `{name}` variable of the shell that runs `docker compose`"
        ),
        applicability: Applicability::DisplayOnly,
        edits,
    })
}

/// The span of the whole `NAME: value` entry or `- NAME=value` item that holds `name_span`.
fn env_entry(env: NodeRef<'_>, name_span: Span) -> Option<Span> {
    let inside = |s: Span| s.start <= name_span.start && name_span.end <= s.end;
    if env.is_mapping() {
        env.entries().find(|(k, _)| inside(k.span())).map(|(k, v)| k.span().cover(v.span()))
    } else {
        env.items().find(|item| inside(item.span())).map(|item| item.span())
    }
}

/// Gives the service the secret: one more item of its `secrets:`, or a new `secrets:` key.
fn service_secret(src: &str, service: &Service<'_>, env: NodeRef<'_>, id: &str) -> Option<Edit> {
    let Some(secrets) = service.get("secrets") else {
        let env_key = service.node.entries().find(|(_, v)| v.id() == env.id()).map(|(k, _)| k)?;
        let indent = " ".repeat(column(src, env_key.span().start));
        let at = line_start(src, env_key.span().start);
        return Some(Edit { span: Span::point(at), replacement: format!("{indent}secrets:\n{indent}  - {id}\n") });
    };
    if secrets.items().any(|s| s.str() == Some(id) || s.get("source").and_then(|n| n.str()) == Some(id)) {
        return None;
    }
    if is_flow(src, secrets) {
        let close = secrets.span().end.checked_sub(1)?;
        let sep = if secrets.is_empty() { "" } else { ", " };
        return Some(Edit { span: Span::point(close), replacement: format!("{sep}{id}") });
    }
    let first = secrets.items().next()?;
    let indent = " ".repeat(column(src, first.span().start).checked_sub(2)?);
    Some(Edit { span: Span::point(after_block(src, secrets)), replacement: format!("{indent}- {id}\n") })
}

/// Declares the secret at the top level, unless it is declared already.
fn top_level_secret(src: &str, file: &ComposeFile<'_>, id: &str, name: &str) -> Option<Vec<Edit>> {
    let root = file.root?;
    let Some(secrets) = root.get("secrets") else {
        // After the file's last top-level entry: `src` may go on with files read with it.
        if is_flow(src, root) {
            return None;
        }
        let at = after_block(src, root);
        let lead = if at == src.len() && !src.is_empty() && !src.ends_with('\n') { "\n" } else { "" };
        let text = format!("{lead}secrets:\n  {id}:\n    environment: {name}\n");
        return Some(vec![Edit { span: Span::point(at), replacement: text }]);
    };
    if secrets.get(id).is_some() {
        return Some(Vec::new());
    }
    let (first, _) = secrets.entries().next()?;
    if is_flow(src, secrets) {
        return None;
    }
    let indent = " ".repeat(column(src, first.span().start));
    let text = format!("{indent}{id}:\n{indent}  environment: {name}\n");
    Some(vec![Edit { span: Span::point(after_block(src, secrets)), replacement: text }])
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::diagnostic::Applicability;
    use crate::fix::{Mode, apply};
    use crate::rules::testing::lint_as;

    /// The file after the first finding's fix, applied as if it were allowed.
    fn shown_fix(src: &str) -> String {
        let mut d = lint_as("SEC203", "compose.yaml", src, Options::default()).remove(0);
        let fix = d.fix.as_mut().expect("a fix is shown");
        assert_eq!(fix.applicability, Applicability::DisplayOnly);
        fix.applicability = Applicability::Unsafe;
        let out = apply(src, &[&d], Mode::Unsafe).0;
        let tree = crate::syntax::yaml::parse(&out, &crate::syntax::yaml::Limits::default());
        assert!(tree.errors.is_empty(), "{out}");
        assert!(lint_as("SEC203", "compose.yaml", &out, Options::default()).is_empty(), "{out}");
        out
    }

    #[test]
    fn map_environment_without_secrets() {
        let src = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      \
                   POSTGRES_PASSWORD: Kq8vL2mZx9Tr  # set me\n    ports: [\"5432\"]\n";
        assert_eq!(
            shown_fix(src),
            "services:\n  db:\n    image: postgres:16\n    secrets:\n      - postgres_password\n    environment:\n      \
             POSTGRES_USER: app\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password  # set me\n    ports: [\"5432\"]\n\
             secrets:\n  postgres_password:\n    environment: POSTGRES_PASSWORD\n"
        );
    }

    #[test]
    fn list_environment_with_existing_secrets() {
        let src = "services:\n  api:\n    image: acme/api:1\n    environment:\n      - \"API_TOKEN=Zr7wq2Lk9PxV4m\"\n    \
                   secrets:\n      - tls_cert\nsecrets:\n  tls_cert:\n    file: ./cert.pem\n";
        assert_eq!(
            shown_fix(src),
            "services:\n  api:\n    image: acme/api:1\n    environment:\n      - API_TOKEN_FILE=/run/secrets/api_token\n    \
             secrets:\n      - tls_cert\n      - api_token\nsecrets:\n  tls_cert:\n    file: ./cert.pem\n  api_token:\n    \
             environment: API_TOKEN\n"
        );
        let flow = src.replace("    secrets:\n      - tls_cert\n", "    secrets: [tls_cert]\n");
        assert!(shown_fix(&flow).contains("    secrets: [tls_cert, api_token]\n"));
    }

    #[test]
    fn only_service_variables_get_it() {
        let src = "services:\n  api:\n    image: acme/api:1\n    command: [\"--api-key=Zr7wq2Lk9PxV4m\"]\n";
        let d = lint_as("SEC203", "compose.yaml", src, Options::default());
        assert_eq!(d.len(), 1);
        assert!(d[0].fix.is_none());
    }
}
