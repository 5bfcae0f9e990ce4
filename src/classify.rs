//! Which format a file is: by name first, then (for YAML) by content.

use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    Dockerfile,
    Kubernetes,
    /// A `helm template` stream: Kubernetes documents attributed by `# Source:` comments.
    HelmRendered,
    Compose,
    Kustomization,
    /// A `.env` file: `NAME=value` lines, as Compose and most runtimes read them.
    DotEnv,
    /// YAML whose kind only its content can tell.
    Yaml,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Dockerfile => "dockerfile",
            FileKind::Kubernetes => "kubernetes",
            FileKind::HelmRendered => "helm-rendered",
            FileKind::Compose => "compose",
            FileKind::Kustomization => "kustomization",
            FileKind::DotEnv => "dotenv",
            FileKind::Yaml => "yaml",
        }
    }

    pub fn parse(s: &str) -> Option<FileKind> {
        Some(match s {
            "dockerfile" => FileKind::Dockerfile,
            "kubernetes" | "k8s" => FileKind::Kubernetes,
            "helm-rendered" | "helm" => FileKind::HelmRendered,
            "compose" => FileKind::Compose,
            "kustomization" => FileKind::Kustomization,
            "dotenv" | "env" => FileKind::DotEnv,
            "yaml" => FileKind::Yaml,
            _ => return None,
        })
    }

    pub fn is_yaml(self) -> bool {
        !matches!(self, FileKind::Dockerfile | FileKind::DotEnv)
    }
}

/// Classifies by file name alone; `None` means "not ours, do not read it".
pub fn by_name(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    // `Dockerfile.dockerignore` is BuildKit's per-Dockerfile ignore file; the rest are documents.
    const NOT_DOCKERFILE: [&str; 8] = [".dockerignore", ".md", ".txt", ".rst", ".adoc", ".bak", ".orig", ".swp"];
    if NOT_DOCKERFILE.iter().any(|ext| lower.ends_with(ext)) {
        return None;
    }
    if lower == "dockerfile"
        || lower == "containerfile"
        || lower.starts_with("dockerfile.")
        || lower.starts_with("containerfile.")
        || lower.ends_with(".dockerfile")
        || lower.ends_with(".containerfile")
    {
        return Some(FileKind::Dockerfile);
    }
    if is_dotenv(&lower) {
        return Some(FileKind::DotEnv);
    }
    let stem = lower.strip_suffix(".yaml").or_else(|| lower.strip_suffix(".yml"))?;
    Some(match stem {
        "kustomization" => FileKind::Kustomization,
        "compose" | "docker-compose" => FileKind::Compose,
        _ if stem.starts_with("docker-compose") || stem.starts_with("compose.") => FileKind::Compose,
        _ => FileKind::Yaml,
    })
}

/// `.env`, `.env.production`, `app.env`; not the templates committed beside them
/// (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`), whose values are documentation.
fn is_dotenv(lower: &str) -> bool {
    const TEMPLATES: [&str; 6] = ["example", "sample", "template", "dist", "tpl", "tmpl"];
    let Some(rest) = lower.strip_prefix(".env").or_else(|| lower.strip_suffix(".env").map(|_| "")) else {
        return false;
    };
    rest.is_empty() || rest.strip_prefix('.').is_some_and(|suffix| !TEMPLATES.iter().any(|t| suffix.contains(t)))
}

/// Classifies a file the user named explicitly whose name says nothing: a Dockerfile if its first
/// instruction is `FROM` or `ARG`, else YAML to be classified by content.
pub fn sniff(text: &str) -> FileKind {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).unwrap_or("");
    let word = first.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
    if word == "FROM" || word == "ARG" { FileKind::Dockerfile } else { FileKind::Yaml }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let cases = [
            ("Dockerfile", Some(FileKind::Dockerfile)),
            ("app/Dockerfile.prod", Some(FileKind::Dockerfile)),
            ("build.Dockerfile", Some(FileKind::Dockerfile)),
            ("Containerfile", Some(FileKind::Dockerfile)),
            ("docker-compose.override.yml", Some(FileKind::Compose)),
            ("compose.yaml", Some(FileKind::Compose)),
            ("compose.prod.yaml", Some(FileKind::Compose)),
            ("kustomization.yaml", Some(FileKind::Kustomization)),
            (".env", Some(FileKind::DotEnv)),
            (".env.production", Some(FileKind::DotEnv)),
            ("app.env", Some(FileKind::DotEnv)),
            (".env.example", None),
            (".env.sample", None),
            (".env.template", None),
            ("environment.yaml", Some(FileKind::Yaml)),
            ("deploy.yaml", Some(FileKind::Yaml)),
            ("README.md", None),
            ("Dockerfile.md", None),
            ("Dockerfile.dockerignore", None),
        ];
        for (name, want) in cases {
            assert_eq!(by_name(Path::new(name)), want, "{name}");
        }
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff("# c\n\nfrom alpine\n"), FileKind::Dockerfile);
        assert_eq!(sniff("ARG X\nFROM a\n"), FileKind::Dockerfile);
        assert_eq!(sniff("apiVersion: v1\n"), FileKind::Yaml);
    }
}
