//! Embeds every rule catalog entry (`rules/*.md`) into the binary, front matter and body apart:
//! a run reads every front matter and no body, and keeping the front matters together keeps
//! that to a few pages of the binary.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> =
        fs::read_dir(&dir).map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "md"));
    files.sort();
    let mut out = String::from("pub(crate) static ENTRIES: &[(&str, &str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let text = fs::read_to_string(f).unwrap_or_default();
        // An entry without front matter gets an empty one, which the catalog reports.
        let (front, body) = split_front_matter(&text).unwrap_or(("", &text));
        out.push_str(&format!("    ({name:?}, {front:?}, {body:?}),\n"));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("catalog_entries.rs");
    if fs::write(&dest, out).is_err() {
        panic!("cannot write {}", dest.display());
    }
}

/// The text between the opening `---` line and the closing one, and the text after it.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let start = text.find("---\n")?;
    let rest = text.get(start + 4..)?;
    let end = rest.find("\n---\n")?;
    Some((rest.get(..end + 1)?, rest.get(end + 5..)?))
}
