//! `--statistics`: one line per code, most frequent first, e.g. `   12  DF101  run-as-root  [*]`.
//! `[*]` marks a code for which at least one finding has a fix that `--fix` applies.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::diagnostic::Diagnostic;

use super::is_fixable;

pub(super) struct Row<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub count: usize,
    pub fixable: bool,
}

/// Counts per code, sorted by count (descending), then code.
pub(super) fn rows(diagnostics: &[Diagnostic]) -> Vec<Row<'_>> {
    let mut by_code: HashMap<&str, Row> = HashMap::new();
    for d in diagnostics {
        let row = by_code.entry(d.code).or_insert(Row { code: d.code, name: d.name, count: 0, fixable: false });
        row.count += 1;
        row.fixable |= is_fixable(d);
    }
    let mut rows: Vec<Row> = by_code.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(b.code)));
    rows
}

pub(super) fn render(diagnostics: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    let rows = rows(diagnostics);
    let code_width = rows.iter().map(|r| r.code.chars().count()).max().unwrap_or(0);
    let name_width = rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(0);
    for r in rows {
        let mark = if r.fixable { "[*]" } else { "" };
        let line = format!("{:>5}  {:<code_width$}  {:<name_width$}  {mark}", r.count, r.code, r.name);
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
