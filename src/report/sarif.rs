//! SARIF 2.1.0 for code-scanning services (GitHub code scanning, GitLab, Azure DevOps).
//!
//! One run; `tool.driver.rules` lists every rule; regions carry both 1-based line/column (columns
//! in Unicode code points, `columnKind: unicodeCodePoints`) and byte offsets. Each result has a
//! `partialFingerprints["caulk/v1"]`: a hash of the code, the path, the trimmed text of the line
//! the finding starts on, and how many earlier results share those three, so a finding keeps its
//! identity when lines above it move.
//!
//! A finding placed on its Helm template has the template line as its location and the rendered
//! place as a related location; one that was not names its template in a related location on
//! the stream's `# Source:` line.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;

use super::{Files, Report, RuleInfo, applicability_str, normalize_path, primary};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const INFORMATION_URI: &str = "https://github.com/caulk-dev/caulk";
/// The key of caulk's entry in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "caulk/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    information_uri: &'static str,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
struct Message<'a> {
    text: Cow<'a, str>,
}

impl<'a> Message<'a> {
    fn new(text: impl Into<Cow<'a, str>>) -> Self {
        Message { text: text.into() }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Message<'a>,
    full_description: Message<'a>,
    help: Help<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'a str>,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Help<'a> {
    text: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    tags: &'a [&'a str],
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<String>,
    precision: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message<'a>,
    locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Clone, Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Message<'a>,
    artifact_changes: Vec<ArtifactChange<'a>>,
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    applicability: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: ByteRegion,
    inserted_content: Message<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A SARIF `artifactLocation.uri` for `path`: relative paths become relative URI references with
/// forward slashes; absolute ones become `file://` URIs. Bytes outside the URI path characters
/// (spaces, `%`, `#`, `?`, non-ASCII, ...) are percent-encoded.
pub fn uri(path: &str) -> String {
    let path = normalize_path(path);
    let (prefix, rest) = if path.starts_with('/') {
        ("file://", path.as_str())
    } else if path.as_bytes().get(1) == Some(&b':') && path.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        ("file:///", path.as_str())
    } else {
        ("", path.as_str())
    };
    let mut out = String::from(prefix);
    for (i, &b) in rest.as_bytes().iter().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b'@')
            // A drive letter's colon in `file:///C:/...`; elsewhere a colon in the first
            // segment of a relative reference would read as a scheme.
            || (b == b':' && i == 1 && !prefix.is_empty());
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// 64-bit FNV-1a: stable across Rust versions and platforms, unlike `DefaultHasher`.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.iter() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        // Separator, so ("ab", "c") and ("a", "bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn region(files: &Files, path: &Arc<str>, span: Span) -> Region {
    match files.get(path) {
        Some(file) => {
            let span = file.clamp(span);
            let (start, end) = (file.position(span.start), file.position(span.end));
            Region {
                start_line: Some(start.line),
                start_column: Some(start.column),
                end_line: Some(end.line),
                end_column: Some(end.column),
                byte_offset: span.start,
                byte_length: span.len(),
            }
        }
        None => Region {
            start_line: None,
            start_column: None,
            end_line: None,
            end_column: None,
            byte_offset: span.start,
            byte_length: span.len(),
        },
    }
}

fn rule<'a>(r: &'a RuleInfo<'a>) -> Rule<'a> {
    Rule {
        id: r.code,
        name: r.name,
        short_description: Message::new(r.summary),
        full_description: Message::new(r.summary),
        help: Help { text: r.help_markdown, markdown: r.help_markdown },
        help_uri: r.help_uri,
        default_configuration: Configuration { level: level(r.severity) },
        properties: RuleProperties {
            tags: &r.tags,
            security_severity: r.security_severity.map(|s| format!("{s:.1}")),
            precision: "high",
        },
    }
}

fn result<'a>(d: &'a Diagnostic, files: &Files, rule_index: Option<usize>, fingerprint: String) -> SarifResult<'a> {
    let artifact = ArtifactLocation { uri: uri(&d.path) };
    let location = |span: Span, id: Option<usize>, message: Option<Cow<'a, str>>| Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact.clone(),
            region: region(files, &d.path, span),
        },
        message: message.map(Message::new),
    };
    let mut related: Vec<Location> = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| location(l.span, Some(i + 1), Some(l.message.as_str().into())))
        .collect();
    // Placed on its template: the template line is the result's location and the rendered
    // place is related; otherwise the `# Source:` line names the template.
    let mut shown = location(d.span, None, None);
    if let Some(source) = &d.source {
        let id = Some(related.len() + 1);
        match &source.location {
            Some(at) => {
                let path = if source.key_path.is_empty() { String::new() } else { format!(" ({})", source.key_path) };
                let message = format!("rendered here{path}, from template {}", source.template);
                related.push(location(d.span, id, Some(message.into())));
                shown = Location {
                    id: None,
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri(&at.path) },
                        region: region(files, &at.path, at.span),
                    },
                    message: None,
                };
            }
            None => {
                let message = format!("rendered from template {}", source.template);
                related.push(location(source.span, id, Some(message.into())));
            }
        }
    }
    let fixes = d
        .fix
        .iter()
        .map(|f| SarifFix {
            description: Message::new(&f.message),
            artifact_changes: vec![ArtifactChange {
                artifact_location: artifact.clone(),
                replacements: f
                    .edits
                    .iter()
                    .map(|e| Replacement {
                        deleted_region: ByteRegion { byte_offset: e.span.start, byte_length: e.span.len() },
                        inserted_content: Message::new(&e.replacement),
                    })
                    .collect(),
            }],
            properties: FixProperties { applicability: applicability_str(f.applicability) },
        })
        .collect();
    SarifResult {
        rule_id: d.code,
        rule_index,
        level: level(d.severity),
        message: Message::new(&d.message),
        locations: vec![shown],
        related_locations: related,
        fixes,
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
    }
}

pub(super) fn render(report: &Report, files: &Files, out: &mut dyn Write) -> io::Result<()> {
    let rule_index: HashMap<&str, usize> = report.rules.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
    let mut occurrences: HashMap<u64, usize> = HashMap::new();
    let results = report
        .diagnostics
        .iter()
        .map(|d| {
            let (path, span) = primary(d);
            let line = files.get(path).map(|f| {
                let line = f.index.line_of(f.clamp(span).start);
                f.line_text(line).trim().to_string()
            });
            let key = fnv1a(&[d.code.as_bytes(), path.as_bytes(), line.as_deref().unwrap_or("").as_bytes()]);
            let n = occurrences.entry(key).or_insert(0);
            let fingerprint = format!("{:016x}", fnv1a(&[&key.to_le_bytes(), n.to_string().as_bytes()]));
            *n += 1;
            result(d, files, rule_index.get(d.code).copied(), fingerprint)
        })
        .collect();
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "caulk",
                    version: report.tool_version,
                    information_uri: INFORMATION_URI,
                    rules: report.rules.iter().map(rule).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
