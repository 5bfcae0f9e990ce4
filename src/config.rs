//! `caulk.toml` (or `.caulk.toml`): discovery (the closest file above a path wins), rule selection
//! and per-path ignores. CLI flags are applied on top of every file as an override layer.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::catalog::{RuleDoc, catalog};
use crate::diagnostic::Severity;
use crate::model::kubernetes::{KubeVersion, PodTemplate, PodTemplates};
use crate::rules::kubernetes::pss;

pub const FILE_NAMES: [&str; 2] = ["caulk.toml", ".caulk.toml"];

/// One configuration file as written (every key optional).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Options {
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Codes, names and prefixes, and `[[ignore]]` tables with paths, object and reason.
    #[serde(default)]
    pub ignore: Vec<IgnoreItem>,
    #[serde(default)]
    pub severity: HashMap<String, String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub per_file_ignores: HashMap<String, Vec<String>>,
    pub fail_on: Option<String>,
    #[serde(default)]
    pub dockerfile: DockerfileOptions,
    #[serde(default)]
    pub kubernetes: KubernetesOptions,
    #[serde(default)]
    pub secrets: SecretsOptions,
    #[serde(default)]
    pub helm: HelmOptions,
    /// `[images]`: the Dockerfile each image repository is built from (`"ghcr.io/acme/web" =
    /// "services/web/Dockerfile"`, relative to the config file), for the rules that judge a
    /// pod with its image's Dockerfile.
    #[serde(default)]
    pub images: HashMap<String, PathBuf>,
    /// `--pss LEVEL[:VERSION]` (command line only): exactly the Pod Security Standards rules of
    /// that level, at that version, in place of every other selection.
    #[serde(skip)]
    pub pss: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum IgnoreItem {
    Rule(String),
    Entry(IgnoreEntry),
}

/// `[[ignore]]`: a reasoned, optionally expiring exception for some paths or one object.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct IgnoreEntry {
    pub rule: String,
    #[serde(default)]
    pub paths: Vec<String>,
    /// `Kind/name` or `Kind/namespace/name` of a Kubernetes object.
    pub object: Option<String>,
    pub reason: Option<String>,
    /// `YYYY-MM-DD`: after this date the entry no longer applies.
    pub expires: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DockerfileOptions {
    #[serde(default)]
    pub trusted_registries: Vec<String>,
    /// Labels the final stage must set, each with the type of its value (hadolint's
    /// `label-schema`).
    #[serde(default)]
    pub label_schema: BTreeMap<String, LabelType>,
    /// With a `label-schema`, labels it does not list are reported (hadolint's `strict-labels`).
    pub strict_labels: Option<bool>,
}

/// The type of a label's value in `label-schema`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelType {
    /// Any non-empty text.
    Text,
    Url,
    Email,
    Semver,
    Rfc3339,
    /// A git commit hash.
    Hash,
    /// An SPDX license expression.
    Spdx,
}

impl LabelType {
    pub const ALL: [LabelType; 7] = [
        LabelType::Text,
        LabelType::Url,
        LabelType::Email,
        LabelType::Semver,
        LabelType::Rfc3339,
        LabelType::Hash,
        LabelType::Spdx,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LabelType::Text => "text",
            LabelType::Url => "url",
            LabelType::Email => "email",
            LabelType::Semver => "semver",
            LabelType::Rfc3339 => "rfc3339",
            LabelType::Hash => "hash",
            LabelType::Spdx => "spdx",
        }
    }

    pub fn parse(s: &str) -> Option<LabelType> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct KubernetesOptions {
    pub default_namespace: Option<String>,
    pub version: Option<String>,
    /// The Pod Security Standards version (`v1.30`, default `latest`).
    pub pss_version: Option<String>,
    /// Pod-bearing custom kinds: `"group/Kind=path.to.pod.spec"`.
    #[serde(default)]
    pub pod_templates: Vec<String>,
    /// Files named one by one are judged with the rest of their repository (default `true`).
    pub repository_context: Option<bool>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SecretsOptions {
    #[serde(default)]
    pub allow: Vec<String>,
}

/// `[helm]`: rendered streams and the charts they came from.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct HelmOptions {
    /// The chart (or a directory of charts) whose templates findings are placed on
    /// (`--helm-chart-root`); relative to the config file's directory.
    pub chart_root: Option<PathBuf>,
    /// Leave out documents that are `helm.sh/hook: test` hooks (`--helm-skip-tests`).
    pub skip_tests: Option<bool>,
    /// The release namespace (`--helm-namespace`, as `helm template --namespace` is given):
    /// objects of rendered streams without `metadata.namespace` are in it.
    pub namespace: Option<String>,
}

impl Options {
    pub fn from_toml(text: &str) -> Result<Options, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    fn ignored_rules(&self) -> impl Iterator<Item = &String> {
        self.ignore.iter().filter_map(|i| match i {
            IgnoreItem::Rule(r) => Some(r),
            IgnoreItem::Entry(_) => None,
        })
    }

    pub fn ignore_entries(&self) -> impl Iterator<Item = &IgnoreEntry> {
        self.ignore.iter().filter_map(|i| match i {
            IgnoreItem::Entry(e) => Some(e),
            IgnoreItem::Rule(_) => None,
        })
    }

    /// `over` wins wherever it says something.
    fn layered(mut self, over: &Options) -> Options {
        if over.select.is_some() {
            self.select.clone_from(&over.select);
        }
        self.extend_select.extend(over.extend_select.iter().cloned());
        self.ignore.extend(over.ignore.iter().cloned());
        self.severity.extend(over.severity.clone());
        self.exclude.extend(over.exclude.iter().cloned());
        self.per_file_ignores.extend(over.per_file_ignores.clone());
        self.images.extend(over.images.clone());
        if !over.dockerfile.trusted_registries.is_empty() {
            self.dockerfile.trusted_registries.clone_from(&over.dockerfile.trusted_registries);
        }
        if !over.dockerfile.label_schema.is_empty() {
            self.dockerfile.label_schema.clone_from(&over.dockerfile.label_schema);
        }
        if over.dockerfile.strict_labels.is_some() {
            self.dockerfile.strict_labels = over.dockerfile.strict_labels;
        }
        let k = &over.kubernetes;
        if k.default_namespace.is_some() {
            self.kubernetes.default_namespace.clone_from(&k.default_namespace);
        }
        if k.version.is_some() {
            self.kubernetes.version.clone_from(&k.version);
        }
        if k.pss_version.is_some() {
            self.kubernetes.pss_version.clone_from(&k.pss_version);
        }
        self.kubernetes.pod_templates.extend(k.pod_templates.iter().cloned());
        if k.repository_context.is_some() {
            self.kubernetes.repository_context = k.repository_context;
        }
        self.secrets.allow.extend(over.secrets.allow.iter().cloned());
        if over.helm.chart_root.is_some() {
            self.helm.chart_root.clone_from(&over.helm.chart_root);
        }
        if over.helm.skip_tests.is_some() {
            self.helm.skip_tests = over.helm.skip_tests;
        }
        if over.helm.namespace.is_some() {
            self.helm.namespace.clone_from(&over.helm.namespace);
        }
        if over.fail_on.is_some() {
            self.fail_on.clone_from(&over.fail_on);
        }
        if over.pss.is_some() {
            self.pss.clone_from(&over.pss);
        }
        self
    }
}

/// A compiled `[[ignore]]` entry.
#[derive(Debug)]
pub struct Entry {
    pub codes: Vec<&'static str>,
    pub paths: Option<GlobSet>,
    pub object: Option<String>,
}

/// The options in force for files under one directory, compiled for fast lookups.
#[derive(Debug)]
pub struct Resolved {
    pub root: PathBuf,
    pub options: Options,
    enabled: HashMap<&'static str, Severity>,
    per_file: Vec<(GlobSet, Vec<&'static str>)>,
    /// `[[ignore]]` entries still in force (expired ones are dropped when compiled).
    pub entries: Vec<Entry>,
    pub exclude: GlobSet,
    pub fail_on: Severity,
    pub pod_templates: PodTemplates,
    /// `[kubernetes] version`: the cluster the manifests target (deprecated and removed APIs).
    pub kube_version: KubeVersion,
    /// `[kubernetes] pss-version`: the Pod Security Standards version the PSS rules apply.
    pub pss_version: KubeVersion,
    /// `[helm] chart-root`, resolved against the config file's directory.
    pub helm_chart_root: Option<PathBuf>,
    /// `[helm] skip-tests`.
    pub helm_skip_tests: bool,
}

impl Resolved {
    fn compile(root: PathBuf, options: Options) -> Result<Resolved, String> {
        let cat = catalog();
        let mut enabled = HashMap::new();
        let pss = options.pss.as_deref().map(pss::parse_selection).transpose()?;
        let (select, extend) = match pss {
            Some((level, _)) => (pss::codes(level).into_iter().map(String::from).collect(), Vec::new()),
            None => (options.select.clone().unwrap_or_else(|| vec!["DEFAULT".into()]), options.extend_select.clone()),
        };
        for rule in &cat.rules {
            let on = (selected(rule, &select) || selected(rule, &extend))
                && !options.ignored_rules().any(|k| matches_rule(rule, k));
            if on {
                enabled.insert(rule.code, rule.severity);
            }
        }
        for (key, sev) in &options.severity {
            let sev = Severity::parse(sev).ok_or_else(|| format!("unknown severity `{sev}` for `{key}`"))?;
            for code in resolve_key(key).map_err(|e| format!("{e} in [severity]"))? {
                if let Some(s) = enabled.get_mut(code) {
                    *s = sev;
                }
            }
        }
        let mut per_file = Vec::new();
        for (glob, keys) in &options.per_file_ignores {
            let codes = keys.iter().map(|k| resolve_key(k)).collect::<Result<Vec<_>, _>>()?;
            per_file.push((globset(std::slice::from_ref(glob))?, codes.concat()));
        }
        let fail_on = match &options.fail_on {
            Some(s) => Severity::parse(s).ok_or_else(|| format!("unknown fail-on level `{s}`"))?,
            None => Severity::Warning,
        };
        let entry_rules = options.ignore_entries().map(|e| &e.rule);
        // A misspelt code in `select` would otherwise turn every rule off without a word.
        let selected_keys = options.select.iter().flatten().filter(|k| !matches!(k.as_str(), "ALL" | "DEFAULT"));
        for k in options.ignored_rules().chain(&options.extend_select).chain(entry_rules).chain(selected_keys) {
            resolve_key(k)?;
        }
        let mut entries = Vec::new();
        for e in options.ignore_entries() {
            if e.expires.as_deref().is_some_and(crate::suppress::expired) {
                continue;
            }
            let paths = if e.paths.is_empty() { None } else { Some(globset(&e.paths)?) };
            entries.push(Entry { codes: resolve_key(&e.rule)?, paths, object: e.object.clone() });
        }
        let templates = options.kubernetes.pod_templates.iter().map(|t| PodTemplate::parse(t));
        let pod_templates = PodTemplates::new(templates.collect::<Result<_, _>>()?);
        let version = |v: &Option<String>| v.as_deref().map_or(Ok(KubeVersion::LATEST), KubeVersion::parse);
        let kube_version = version(&options.kubernetes.version)?;
        let pss_version = match pss.and_then(|(_, v)| v) {
            Some(v) => v,
            None => version(&options.kubernetes.pss_version)?,
        };
        let helm_chart_root = options.helm.chart_root.as_ref().map(|p| root.join(p));
        Ok(Resolved {
            helm_chart_root,
            helm_skip_tests: options.helm.skip_tests.unwrap_or(false),
            kube_version,
            pss_version,
            exclude: globset(&options.exclude)?,
            root,
            options,
            enabled,
            per_file,
            entries,
            fail_on,
            pod_templates,
        })
    }

    /// The severity of `code` here, or `None` when the rule is not selected.
    pub fn severity(&self, code: &str) -> Option<Severity> {
        self.enabled.get(code).copied()
    }

    pub fn is_enabled(&self, code: &str) -> bool {
        self.enabled.contains_key(code)
    }

    /// Whether `per-file-ignores` drops `code` for `path` (relative to this config's directory).
    pub fn ignored_for_path(&self, code: &str, path: &Path) -> bool {
        self.per_file.iter().any(|(set, codes)| codes.contains(&code) && set.is_match(self.relative(path)))
    }

    /// `path` relative to this config's directory, for matching its globs.
    pub fn relative(&self, path: &Path) -> PathBuf {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        abs.strip_prefix(&self.root).map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
    }
}

fn selected(rule: &RuleDoc, keys: &[String]) -> bool {
    keys.iter().any(|k| match k.as_str() {
        "ALL" => true,
        "DEFAULT" => !rule.opt_in,
        _ => matches_rule(rule, k),
    })
}

/// A key is a code, a code prefix (`DF`, `K8S1`), a name or a peer alias.
fn matches_rule(rule: &RuleDoc, key: &str) -> bool {
    key == "ALL"
        || rule.code.starts_with(key)
        || rule.name.eq_ignore_ascii_case(key)
        || rule.aliases.iter().any(|a| a.eq_ignore_ascii_case(key))
}

fn resolve_key(key: &str) -> Result<Vec<&'static str>, String> {
    let codes: Vec<_> = catalog().rules.iter().filter(|r| matches_rule(r, key)).map(|r| r.code).collect();
    if codes.is_empty() { Err(format!("unknown rule or prefix `{key}`")) } else { Ok(codes) }
}

fn globset(globs: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        // A bare directory name excludes it anywhere, as .gitignore does.
        let pattern = if g.contains('/') || g.contains('*') { g.clone() } else { format!("**/{g}") };
        b.add(Glob::new(&pattern).map_err(|e| format!("bad glob `{g}`: {e}"))?);
        if !pattern.ends_with("/**") {
            b.add(Glob::new(&format!("{pattern}/**")).map_err(|e| format!("bad glob `{g}`: {e}"))?);
        }
    }
    b.build().map_err(|e| e.to_string())
}

/// All configuration of one run: the discovered files, each layered under the CLI overrides.
#[derive(Debug)]
pub struct Config {
    default: Arc<Resolved>,
    layers: Vec<Arc<Resolved>>,
    cli: Options,
    explicit: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config::new(Options::default()).unwrap_or_else(|_| unreachable!("empty options always compile"))
    }
}

impl Config {
    /// Only the CLI overrides (and defaults); add discovered files with [`Config::discover_for`].
    pub fn new(cli: Options) -> Result<Config, String> {
        let default = Arc::new(Resolved::compile(PathBuf::new(), Options::default().layered(&cli))?);
        Ok(Config { default, layers: Vec::new(), cli, explicit: false })
    }

    /// `--config FILE`: that file for everything, no discovery.
    pub fn from_file(path: &Path, cli: Options) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file = Options::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let default =
            Arc::new(Resolved::compile(root, file.layered(&cli)).map_err(|e| format!("{}: {e}", path.display()))?);
        Ok(Config { default, layers: Vec::new(), cli, explicit: true })
    }

    /// Finds the config files that govern `paths` (each path and its ancestors).
    pub fn discover_for(&mut self, paths: &[PathBuf]) -> Result<(), String> {
        if self.explicit {
            return Ok(());
        }
        for p in paths {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            let mut dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
            while let Some(d) = dir {
                self.load_dir(d)?;
                dir = d.parent();
            }
        }
        Ok(())
    }

    /// Loads the config files in `dir`, if any (used for directories met while walking too): a
    /// `.hadolint.yaml` is read as a layer under a `caulk.toml` of the same directory.
    pub fn load_dir(&mut self, dir: &Path) -> Result<(), String> {
        if self.explicit || self.layers.iter().any(|l| l.root == dir) {
            return Ok(());
        }
        let read = |names: &[&str]| {
            names.iter().map(|n| dir.join(n)).find_map(|p| Some((std::fs::read_to_string(&p).ok()?, p)))
        };
        let hadolint = read(&crate::hadolint::FILE_NAMES);
        let caulk = read(&FILE_NAMES);
        if hadolint.is_none() && caulk.is_none() {
            return Ok(());
        }
        let mut file = Options::default();
        let mut shown = String::new();
        if let Some((text, path)) = hadolint {
            file = crate::hadolint::options(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            shown = path.display().to_string();
        }
        if let Some((text, path)) = caulk {
            let own = Options::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            file = file.layered(&own);
            shown = path.display().to_string();
        }
        let resolved =
            Resolved::compile(dir.to_path_buf(), file.layered(&self.cli)).map_err(|e| format!("{shown}: {e}"))?;
        self.layers.push(Arc::new(resolved));
        // Deepest first, so the first ancestor found is the closest.
        self.layers.sort_by_key(|l| std::cmp::Reverse(l.root.components().count()));
        Ok(())
    }

    /// The settings for a file: the closest config file above it, else the defaults.
    pub fn for_path(&self, path: &Path) -> &Resolved {
        let abs;
        let path = if path.is_absolute() {
            path
        } else {
            abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            &abs
        };
        self.layers.iter().find(|l| path.starts_with(&l.root)).map_or(&self.default, |l| l)
    }

    pub fn layers(&self) -> impl Iterator<Item = &Resolved> {
        self.layers.iter().map(|l| &**l).chain(std::iter::once(&*self.default))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_ignore_and_severity() {
        let opts = Options::from_toml(
            r#"
            ignore = ["K8S102"]
            [severity]
            run-as-root = "info"
            "#,
        )
        .unwrap();
        let r = Resolved::compile(PathBuf::from("/p"), opts).unwrap();
        assert!(!r.is_enabled("K8S102"));
        // A name shared across formats covers every rule of that name.
        assert_eq!(r.severity("DF101"), Some(Severity::Info));
        assert_eq!(r.severity("K8S101"), Some(Severity::Info));
        assert_eq!(r.severity("E001"), Some(Severity::Error));
    }

    #[test]
    fn unknown_keys_and_rules_are_errors() {
        assert!(Options::from_toml("selct = []").is_err());
        let opts = Options::from_toml(r#"ignore = ["NOPE999"]"#).unwrap();
        assert!(Resolved::compile(PathBuf::new(), opts).unwrap_err().contains("NOPE999"));
        let opts = Options::from_toml(r#"select = ["DEFAULT", "SEC", "NOPE998"]"#).unwrap();
        assert!(Resolved::compile(PathBuf::new(), opts).unwrap_err().contains("NOPE998"));
    }

    #[test]
    fn per_file_ignores_match_relative_globs() {
        let opts = Options::from_toml(
            r#"
            [per-file-ignores]
            "test/**" = ["DF"]
            "#,
        )
        .unwrap();
        let r = Resolved::compile(PathBuf::from("/repo"), opts).unwrap();
        assert!(r.ignored_for_path("DF101", Path::new("/repo/test/x/Dockerfile")));
        assert!(!r.ignored_for_path("DF101", Path::new("/repo/src/Dockerfile")));
        assert!(!r.ignored_for_path("K8S101", Path::new("/repo/test/x.yaml")));
    }

    #[test]
    fn hadolint_file_is_a_layer_under_caulk_toml() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".hadolint.yaml"), "ignored: [DL3002]\ntrustedRegistries: [a.io]\n").unwrap();
        let mut cfg = Config::new(Options::default()).unwrap();
        cfg.discover_for(&[dir.path().join("Dockerfile")]).unwrap();
        let r = cfg.for_path(&dir.path().join("Dockerfile"));
        assert!(!r.is_enabled("DF101"));
        assert_eq!(r.options.dockerfile.trusted_registries, vec!["a.io"]);
        // caulk.toml in the same directory wins where it speaks.
        std::fs::write(dir.path().join("caulk.toml"), "[dockerfile]\ntrusted-registries = [\"b.io\"]\n").unwrap();
        let mut cfg = Config::new(Options::default()).unwrap();
        cfg.discover_for(&[dir.path().join("Dockerfile")]).unwrap();
        let r = cfg.for_path(&dir.path().join("Dockerfile"));
        assert!(!r.is_enabled("DF101"));
        assert_eq!(r.options.dockerfile.trusted_registries, vec!["b.io"]);
    }

    #[test]
    fn label_schema_options() {
        let opts = Options::from_toml(
            "[dockerfile]\nstrict-labels = true\n[dockerfile.label-schema]\nauthor = \"text\"\n\
             \"org.opencontainers.image.created\" = \"rfc3339\"\n",
        )
        .unwrap();
        assert_eq!(opts.dockerfile.strict_labels, Some(true));
        assert_eq!(opts.dockerfile.label_schema.get("org.opencontainers.image.created"), Some(&LabelType::Rfc3339));
        assert!(Options::from_toml("[dockerfile.label-schema]\na = \"colour\"\n").is_err());
        // A later layer replaces the schema and keeps `strict-labels` unless it says otherwise.
        let over = Options::from_toml("[dockerfile.label-schema]\nb = \"url\"\n").unwrap();
        let merged = opts.layered(&over);
        assert_eq!(merged.dockerfile.label_schema.keys().collect::<Vec<_>>(), vec!["b"]);
        assert_eq!(merged.dockerfile.strict_labels, Some(true));
    }

    #[test]
    fn helm_options() {
        let opts = Options::from_toml("[helm]\nchart-root = \"charts/web\"\nskip-tests = true\n").unwrap();
        let r = Resolved::compile(PathBuf::from("/repo"), opts.clone()).unwrap();
        assert_eq!(r.helm_chart_root, Some(PathBuf::from("/repo/charts/web")));
        assert!(r.helm_skip_tests);
        assert!(!Resolved::compile(PathBuf::new(), Options::default()).unwrap().helm_skip_tests);
        let over =
            Options { helm: HelmOptions { skip_tests: Some(false), ..Default::default() }, ..Default::default() };
        let merged = opts.layered(&over);
        assert_eq!((merged.helm.skip_tests, merged.helm.chart_root), (Some(false), Some(PathBuf::from("charts/web"))));
        assert!(Options::from_toml("[helm]\nchart = \"x\"\n").is_err());
    }

    #[test]
    fn closest_config_wins() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(dir.path().join("caulk.toml"), "ignore = [\"DF101\"]").unwrap();
        std::fs::write(sub.join(".caulk.toml"), "ignore = [\"K8S101\"]").unwrap();
        let mut cfg = Config::new(Options::default()).unwrap();
        cfg.discover_for(&[sub.join("Dockerfile")]).unwrap();
        let inner = cfg.for_path(&sub.join("Dockerfile"));
        assert!(inner.is_enabled("DF101") && !inner.is_enabled("K8S101"));
        let outer = cfg.for_path(&dir.path().join("Dockerfile"));
        assert!(!outer.is_enabled("DF101") && outer.is_enabled("K8S101"));
    }
}
