//! Charts on disk, for the command line (the core never reads files): where the templates of a
//! rendered stream are, and rendering a chart directory with `helm template`.

use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use crate::syntax::yaml;

/// The file every chart directory has.
pub const CHART_FILE: &str = "Chart.yaml";

pub fn is_chart(dir: &Path) -> bool {
    dir.join(CHART_FILE).is_file()
}

/// The file that `template` (a `# Source:` name: `chart/templates/x.yaml`, or
/// `chart/charts/sub/templates/x.yaml` for a subchart) was rendered from, for a stream read from
/// `stream`. With a `root`, under it: `root` is the chart, or a directory that holds it. Without,
/// the chart is looked for beside the stream and in the current directory: a `<chart>/` with a
/// `Chart.yaml`, or the stream's own directory when its `Chart.yaml` names that chart.
pub fn template_path(template: &str, stream: &Path, root: Option<&Path>) -> Option<PathBuf> {
    let (chart, rest) = template.split_once('/')?;
    // A `# Source:` line is input: it must not lead out of the chart.
    let safe = |p: &str| !p.is_empty() && Path::new(p).components().all(|c| matches!(c, Component::Normal(_)));
    if !safe(chart) || !safe(rest) {
        return None;
    }
    let file = |dir: &Path| Some(dir.join(rest)).filter(|p| p.is_file());
    if let Some(root) = root {
        let own = is_chart(root).then(|| file(root)).flatten();
        return own.or_else(|| Some(root.join(chart)).filter(|d| is_chart(d)).and_then(|d| file(&d)));
    }
    let beside = stream.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    for base in [beside, Path::new(".")] {
        let dir = base.join(chart);
        if is_chart(&dir)
            && let Some(p) = file(&dir)
        {
            return Some(tidy(p));
        }
        if chart_name(base).as_deref() == Some(chart)
            && let Some(p) = file(base)
        {
            return Some(tidy(p));
        }
    }
    None
}

/// `./x` as `x`.
fn tidy(p: PathBuf) -> PathBuf {
    p.strip_prefix(".").map(Path::to_path_buf).unwrap_or(p)
}

/// The `name:` of the chart in `dir`, if `dir` is a chart.
pub fn chart_name(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(CHART_FILE)).ok()?;
    let tree = yaml::parse(&text, &yaml::Limits::default());
    let root = tree.root(tree.documents.first()?)?;
    root.get("name")?.str().map(str::to_string)
}

/// What came of rendering a chart.
#[derive(Debug)]
pub enum Rendered {
    /// `helm template`'s standard output.
    Stream(Vec<u8>),
    /// No `helm` on `PATH`.
    NoHelm,
    /// `helm` ran and failed (its message), or could not be started.
    Failed(String),
}

/// `helm template <dir> --values <file>...`: local only, no dependency update, no cluster.
pub fn render(dir: &Path, values: &[PathBuf]) -> Rendered {
    let Some(helm) = find_helm() else { return Rendered::NoHelm };
    let mut cmd = Command::new(helm);
    cmd.arg("template").arg(dir);
    for v in values {
        cmd.arg("--values").arg(v);
    }
    match cmd.stdin(Stdio::null()).output() {
        Ok(out) if out.status.success() => Rendered::Stream(out.stdout),
        Ok(out) => Rendered::Failed(String::from_utf8_lossy(&out.stderr).trim().to_string()),
        Err(e) => Rendered::Failed(e.to_string()),
    }
}

/// The first `helm` on `PATH` that is an executable file.
fn find_helm() -> Option<PathBuf> {
    let name = if cfg!(windows) { "helm.exe" } else { "helm" };
    std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join(name)).find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_found_under_the_chart_and_never_outside_it() {
        let dir = tempfile::tempdir().unwrap();
        let chart = dir.path().join("web");
        std::fs::create_dir_all(chart.join("templates")).unwrap();
        std::fs::write(chart.join("Chart.yaml"), "apiVersion: v2\nname: webapp\nversion: 1.0.0\n").unwrap();
        std::fs::write(chart.join("templates/a.yaml"), "kind: Pod\n").unwrap();
        let want = Some(chart.join("templates/a.yaml"));
        // Given the chart or its parent (a chart directory need not be named after the chart).
        assert_eq!(template_path("webapp/templates/a.yaml", Path::new("x.yaml"), Some(&chart)), want);
        assert_eq!(template_path("web/templates/a.yaml", Path::new("x.yaml"), Some(dir.path())), want);
        // Found from a stream beside the chart, or inside it.
        assert_eq!(template_path("web/templates/a.yaml", &dir.path().join("out.yaml"), None), want);
        assert_eq!(template_path("webapp/templates/a.yaml", &chart.join("rendered.yaml"), None), want);
        assert_eq!(template_path("other/templates/a.yaml", &chart.join("rendered.yaml"), None), None);
        assert_eq!(template_path("webapp/templates/none.yaml", Path::new("x"), Some(&chart)), None);
        for bad in ["webapp/../web/templates/a.yaml", "webapp//etc/passwd", "/etc/passwd", "webapp"] {
            assert_eq!(template_path(bad, &chart.join("rendered.yaml"), Some(&chart)), None, "{bad}");
        }
        assert_eq!(chart_name(&chart).as_deref(), Some("webapp"));
    }
}
