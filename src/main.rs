//! The `caulk` command line: arguments -> settings -> core -> report.

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};

use caulk::catalog::catalog;
use caulk::classify::{self, FileKind};
use caulk::config::{self, Config};
use caulk::discover::{self, Discovered};
use caulk::fix::{self, Mode};
use caulk::model::helm::{self, chart};
use caulk::report::{self, Format, RuleInfo, Summary};
use caulk::{Diagnostic, Severity, SourceFile, lint};

#[derive(Parser)]
#[command(
    name = "caulk",
    version,
    about = "Security linter for Dockerfiles, Kubernetes manifests, Helm output and Compose files"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and directories (`-` reads standard input).
    Check(Box<CheckArgs>),
    /// Show one rule's documentation, by code, name or peer alias (`DF101`, `run-as-root`, `DL3002`).
    Rule { key: String },
    /// List every rule.
    Rules {
        /// `human` (a table) or `json`.
        #[arg(long, default_value = "human")]
        format: String,
    },
}

#[derive(Args)]
struct CheckArgs {
    /// Files or directories; `-` for standard input. Defaults to the current directory.
    paths: Vec<PathBuf>,
    /// Output format: human, concise, json, sarif, github.
    #[arg(long, default_value = "human")]
    format: String,
    /// The name standard input is linted as (decides its format and config).
    #[arg(long)]
    stdin_filename: Option<String>,
    /// Use this config file instead of discovering `caulk.toml` files.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Rules to run (codes, names, prefixes, aliases, `ALL`), replacing the config's selection.
    #[arg(long, value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Rules to add to the selection.
    #[arg(long, value_delimiter = ',')]
    extend_select: Vec<String>,
    /// Rules to turn off.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Exactly the Pod Security Standards rules of a level, at a version: `baseline`,
    /// `restricted`, `restricted:v1.30` (default version: `[kubernetes] pss-version`, else latest).
    #[arg(long, value_name = "LEVEL[:VERSION]", conflicts_with_all = ["select", "extend_select"])]
    pss: Option<String>,
    /// Paths to skip while walking (globs).
    #[arg(long)]
    exclude: Vec<String>,
    /// Exit 1 when a finding is at or above this severity: info, warning (default), error.
    #[arg(long)]
    fail_on: Option<String>,
    /// Append a per-rule count table.
    #[arg(long)]
    statistics: bool,
    /// Apply safe fixes in place.
    #[arg(long)]
    fix: bool,
    /// With --fix, also apply fixes that change behaviour.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Treat every input as this format: dockerfile, kubernetes, helm-rendered, compose.
    #[arg(long)]
    kind: Option<String>,
    /// Files larger than this many bytes are skipped with a diagnostic.
    #[arg(long, default_value_t = discover::DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
    /// Colour in human output: auto, always, never.
    #[arg(long, default_value = "auto")]
    color: String,
    /// The Helm chart (or a directory of charts) whose templates findings in rendered streams are
    /// placed on (`[helm] chart-root`). Default: the chart beside the stream or in the current
    /// directory, when its `Chart.yaml` is there.
    #[arg(long, value_name = "DIR")]
    helm_chart_root: Option<PathBuf>,
    /// A values file for `helm template`, when a chart directory is given (repeatable).
    #[arg(long, value_name = "FILE")]
    helm_values: Vec<PathBuf>,
    /// Leave out documents that are `helm.sh/hook: test` hooks (`[helm] skip-tests`).
    #[arg(long)]
    helm_skip_tests: bool,
    /// The release namespace of rendered streams: their objects without `metadata.namespace` are
    /// in it (`[helm] namespace`; default: `[kubernetes] default-namespace`)
    #[arg(long, value_name = "NS")]
    helm_namespace: Option<String>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(*args),
        Command::Rule { key } => show_rule(&key),
        Command::Rules { format } => list_rules(&format),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("caulk: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn check(args: CheckArgs) -> Result<u8, String> {
    rayon::spawn(caulk::rules::secrets::warm_up);
    let format = Format::parse(&args.format)
        .ok_or_else(|| format!("unknown format `{}` (one of {})", args.format, Format::NAMES.join(", ")))?;
    let force_kind = match &args.kind {
        Some(k) => Some(FileKind::parse(k).ok_or_else(|| format!("unknown kind `{k}`"))?),
        None => None,
    };
    let cli_options = config::Options {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.iter().cloned().map(config::IgnoreItem::Rule).collect(),
        exclude: args.exclude.clone(),
        fail_on: args.fail_on.clone(),
        pss: args.pss.clone(),
        helm: config::HelmOptions {
            chart_root: None,
            skip_tests: args.helm_skip_tests.then_some(true),
            namespace: args.helm_namespace.clone(),
        },
        ..Default::default()
    };
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let mut config = match &args.config {
        Some(path) if path.is_dir() => {
            return Err(format!("--config {}: is a directory, expected a file", path.display()));
        }
        Some(path) => Config::from_file(path, cli_options)?,
        None => Config::new(cli_options)?,
    };
    let (stdin, disk): (Vec<_>, Vec<_>) = paths.into_iter().partition(|p| p.as_os_str() == "-");
    // A chart directory is linted as what it renders to, never as its templates.
    let (charts, disk): (Vec<_>, Vec<_>) = disk.into_iter().partition(|p| p.is_dir() && chart::is_chart(p));
    let stdin_name = args.stdin_filename.clone().unwrap_or_else(|| "-".into());
    config.discover_for(&disk)?;
    config.discover_for(&charts)?;
    if !stdin.is_empty() {
        config.discover_for(&[PathBuf::from(&stdin_name)])?;
    }
    let opts = discover::Options { max_file_size: args.max_file_size, force_kind };
    let Discovered { mut files, errors: mut input_errors, missing, charts: walked } =
        discover::discover(&disk, &mut config, &opts);
    if let Some(p) = missing.first() {
        return Err(format!("{}: no such file or directory", p.display()));
    }
    let context = caulk::related::context_files(&files, &opts);
    files.extend(context);
    let repository = caulk::related::repository_files(&disk, &files, &mut config, &opts);
    files.extend(repository);
    files.extend(render_charts(&charts, &walked, &args.helm_values, &mut input_errors)?);
    if !stdin.is_empty() {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("reading standard input: {e}"))?;
        let kind = force_kind.or_else(|| classify::by_name(Path::new(&stdin_name)));
        files.push(SourceFile { path: Arc::from(stdin_name.as_str()), bytes, kind, context: false });
    }

    let mode = match (args.fix, args.unsafe_fixes) {
        (true, true) => Some(Mode::Unsafe),
        (true, false) => Some(Mode::Safe),
        (false, _) => None,
    };
    let mut fixed_total = 0;
    if let Some(mode) = mode {
        fixed_total = fix_to_fixpoint(&mut files, &config, mode)?;
    }
    let mut result = lint(&files, &config);
    result.diagnostics.extend(input_errors);
    let templates = read_templates(&result.diagnostics, &config, args.helm_chart_root.as_deref());
    helm::place(&mut result.diagnostics, |stream, name| templates.get(stream)?.get(name));
    result.diagnostics.sort_by(|a, b| (&a.path, a.span.start).cmp(&(&b.path, b.span.start)));
    if mode.is_some() && stdin.len() == 1 {
        // `--fix` on standard input writes the fixed text to standard output, like a formatter.
        if let Some(f) = files.iter().find(|f| *f.path == *stdin_name) {
            std::io::stdout().write_all(&f.bytes).map_err(|e| e.to_string())?;
        }
    }

    if result.files_linted == 0 && result.diagnostics.is_empty() && charts.is_empty() {
        eprintln!("caulk: warning: no Dockerfile, Kubernetes, Helm-rendered or Compose file found");
    }
    let summary = Summary::of(&result.diagnostics, result.files_linted);
    let cwd_settings = config.for_path(Path::new("."));
    let fail_on = match &args.fail_on {
        Some(s) => Severity::parse(s).ok_or_else(|| format!("unknown --fail-on level `{s}`"))?,
        None => cwd_settings.fail_on,
    };
    let mut sources: HashMap<&str, Arc<str>> = result.sources.iter().map(|(p, t)| (&**p, t.clone())).collect();
    for t in templates.values().flat_map(HashMap::values) {
        sources.insert(&t.path, t.text.clone());
    }
    let lookup = |p: &str| sources.get(p).cloned();
    // Only SARIF lists the rules (`tool.driver.rules`); the other formats name the fired ones.
    let infos = if format == Format::Sarif { rule_infos() } else { Vec::new() };
    let color = match args.color.as_str() {
        "always" => true,
        "never" => false,
        _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let rep = report::Report {
        diagnostics: &result.diagnostics,
        source: &lookup,
        rules: &infos,
        summary,
        statistics: args.statistics,
        color,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    let stdout = std::io::stdout();
    // Buffered: stdout's line buffering would make one write per line of a large report.
    let mut out: Box<dyn Write> = if mode.is_some() && !stdin.is_empty() {
        Box::new(std::io::BufWriter::new(std::io::stderr()))
    } else {
        Box::new(std::io::BufWriter::new(stdout.lock()))
    };
    report::render(format, &rep, &mut out).map_err(|e| format!("writing the report: {e}"))?;
    out.flush().map_err(|e| format!("writing the report: {e}"))?;
    if fixed_total > 0 {
        eprintln!("Applied {fixed_total} fix{}.", if fixed_total == 1 { "" } else { "es" });
    }
    let failed = result.diagnostics.iter().any(|d| d.severity >= fail_on);
    // The process exits next: freeing every file and finding one by one would only delay it.
    std::mem::forget((files, result));
    Ok(u8::from(failed))
}

/// Each chart rendered with `helm template`, as the stream `<dir>/rendered`: the charts named on
/// the command line with `--helm-values`, the charts met while walking with their own values. A
/// named chart that fails to render stops the run; a walked one is a finding on its
/// `Chart.yaml`. Without `helm` the charts are left out, and said so once.
fn render_charts(
    named: &[PathBuf],
    walked: &[PathBuf],
    values: &[PathBuf],
    errors: &mut Vec<Diagnostic>,
) -> Result<Vec<SourceFile>, String> {
    let mut out = Vec::new();
    let mut unrendered = Vec::new();
    let charts = named.iter().map(|d| (d, values)).chain(walked.iter().map(|d| (d, &[][..])));
    for (n, (dir, values)) in charts.enumerate() {
        match chart::render(dir, values) {
            chart::Rendered::Stream(bytes) => {
                let path = dir.join("rendered").display().to_string();
                out.push(SourceFile {
                    path: Arc::from(path.as_str()),
                    bytes,
                    kind: Some(FileKind::HelmRendered),
                    context: false,
                });
            }
            chart::Rendered::NoHelm => unrendered.push(dir.display().to_string().trim_end_matches('/').to_string()),
            chart::Rendered::Failed(message) if n < named.len() => {
                return Err(format!("helm template {}: {message}", dir.display()));
            }
            chart::Rendered::Failed(message) => errors.push(discover::input_error(
                &discover::display(&dir.join(chart::CHART_FILE)),
                format!("`helm template` failed, so this chart was not linted: {message}"),
            )),
        }
    }
    match unrendered.as_slice() {
        [] => {}
        [d] => eprintln!(
            "caulk: warning: {d} is a Helm chart and `helm` is not on PATH: it was not rendered, nor linted. \
             Render it and lint the output:\n  helm template {d} | caulk check --stdin-filename {d}/rendered.yaml -"
        ),
        all => eprintln!(
            "caulk: warning: `helm` is not on PATH: {} Helm charts were not rendered, nor linted ({}). Render each \
             and lint the output:\n  helm template <chart> | caulk check --stdin-filename <chart>/rendered.yaml -",
            all.len(),
            all.join(", ")
        ),
    }
    Ok(out)
}

/// The template files that findings in rendered streams were rendered from, by stream and
/// `# Source:` name: under `--helm-chart-root` (else `[helm] chart-root`), else found beside the
/// stream or in the current directory.
fn read_templates(
    diagnostics: &[Diagnostic],
    config: &Config,
    cli_root: Option<&Path>,
) -> HashMap<Arc<str>, HashMap<String, helm::TemplateFile>> {
    let mut out: HashMap<Arc<str>, HashMap<String, helm::TemplateFile>> = HashMap::new();
    let mut tried: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    // A chart root that was named but holds none of a stream's templates is said once.
    let mut warned: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let cwd = std::env::current_dir().ok();
    for d in diagnostics {
        let Some(source) = &d.source else { continue };
        if !tried.insert((&d.path, &source.template)) {
            continue;
        }
        let stream = Path::new(&*d.path);
        let root = cli_root.map(Path::to_path_buf).or_else(|| config.for_path(stream).helm_chart_root.clone());
        let found = chart::template_path(&source.template, stream, root.as_deref());
        let Some((file, text)) = found.and_then(|f| std::fs::read_to_string(&f).ok().map(|text| (f, text))) else {
            if let Some(root) = root
                && warned.insert(root.clone())
            {
                eprintln!(
                    "caulk: warning: Helm chart root {}: no template `{}` there (nor in a chart directory under \
                     it); findings of {} stay on the rendered stream",
                    root.display(),
                    source.template,
                    d.path
                );
            }
            continue;
        };
        // Shown relative to the current directory when under it, as other paths are.
        let shown = cwd.as_deref().and_then(|c| file.strip_prefix(c).ok()).unwrap_or(&file);
        let template = helm::TemplateFile { path: Arc::from(shown.display().to_string()), text: Arc::from(text) };
        out.entry(d.path.clone()).or_default().insert(source.template.clone(), template);
    }
    out
}

/// Lints, applies the allowed fixes, and repeats until nothing changes (at most 10 passes).
fn fix_to_fixpoint(files: &mut [SourceFile], config: &Config, mode: Mode) -> Result<usize, String> {
    let mut total = 0;
    for _ in 0..10 {
        let result = lint(files, config);
        let mut changed = false;
        for f in files.iter_mut() {
            let Ok(text) = std::str::from_utf8(&f.bytes) else { continue };
            let diags: Vec<&Diagnostic> = result.diagnostics.iter().filter(|d| d.path == f.path).collect();
            let (new, n) = fix::apply(text, &diags, mode);
            if n == 0 || new == text {
                continue;
            }
            if &*f.path != "-" && Path::new(&*f.path).is_file() {
                write_atomically(Path::new(&*f.path), new.as_bytes())?;
            }
            f.bytes = new.into_bytes();
            total += n;
            changed = true;
        }
        if !changed {
            break;
        }
    }
    Ok(total)
}

/// Writes beside the file and renames over it, so a crash never leaves a truncated file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.caulk-{}.tmp", std::process::id()));
    let fail = |e: std::io::Error| format!("{}: cannot write fix: {e}", path.display());
    let perms = std::fs::metadata(path).map_err(fail)?.permissions();
    let result = (|| {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::set_permissions(&tmp, perms)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
}

fn rule_infos() -> Vec<RuleInfo<'static>> {
    catalog()
        .rules
        .iter()
        .map(|r| RuleInfo {
            code: r.code,
            name: r.name,
            summary: r.summary(),
            help_markdown: r.body,
            severity: r.severity,
            security_severity: r.security_severity,
            tags: vec![r.domain, r.category],
            help_uri: r.references.iter().copied().find(|u| u.starts_with("https://")),
        })
        .collect()
}

fn show_rule(key: &str) -> Result<u8, String> {
    let rules: Vec<_> = catalog().lookup_all(key).collect();
    if rules.is_empty() {
        return Err(format!("no rule `{key}` (see `caulk rules`)"));
    }
    let mut out = std::io::stdout().lock();
    for (n, rule) in rules.iter().enumerate() {
        let aliases =
            if rule.aliases.is_empty() { String::new() } else { format!("\naliases: {}", rule.aliases.join(", ")) };
        let sep = if n > 0 { "\n" } else { "" };
        writeln!(
            out,
            "{sep}{} {}\nseverity: {}  domain: {}  category: {}  fix: {}{aliases}\n{}",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            rule.domain,
            rule.category,
            rule.fix,
            rule.body.trim_end()
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(0)
}

fn list_rules(format: &str) -> Result<u8, String> {
    let rules = &catalog().rules;
    let mut out = std::io::stdout().lock();
    match format {
        "json" => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code, "name": r.name, "domain": r.domain, "category": r.category,
                        "severity": r.severity, "fix": r.fix, "default": !r.opt_in, "aliases": r.aliases,
                        "summary": r.summary(),
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?;
            writeln!(out, "{text}").map_err(|e| e.to_string())?;
        }
        "human" => {
            for r in rules {
                let fix = if r.fix == "none" { "" } else { " [fix]" };
                writeln!(out, "{:<7} {:<28} {:<8} {}{fix}", r.code, r.name, r.severity.as_str(), r.summary())
                    .map_err(|e| e.to_string())?;
            }
        }
        other => return Err(format!("unknown format `{other}` (human or json)")),
    }
    Ok(0)
}
