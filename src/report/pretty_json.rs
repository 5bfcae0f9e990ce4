//! serde_json's pretty layout (two-space indent), written faster and in parallel: a large report
//! is megabytes of JSON, and serde_json's `PrettyFormatter` writes each indent level as its own
//! small write. Output is byte for byte what `serde_json::to_vec_pretty` writes (tested).

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::Formatter;

/// A line break and enough spaces for any depth a report reaches; deeper levels fall back to
/// writing the spaces in pieces.
const BREAK: &[u8] = b"\n                                                                ";

struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn at(depth: usize) -> Self {
        Pretty { depth, has_value: false }
    }

    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        let width = 2 * self.depth;
        match BREAK.get(..1 + width) {
            Some(bytes) => w.write_all(bytes),
            None => {
                w.write_all(b"\n")?;
                (0..self.depth).try_for_each(|_| w.write_all(b"  "))
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `value` pretty-printed as if it stood `depth` levels deep in a document.
pub fn write_at<W: Write + ?Sized>(w: &mut W, value: &impl Serialize, depth: usize) -> io::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(w, Pretty::at(depth))).map_err(io::Error::from)
}

/// The array of `items`, standing at `depth`, from `[` to `]`: each element written by
/// `write_item` (with [`write_at`] at the depth it is given), in chunks on every thread.
pub fn write_array<D: Sync>(
    w: &mut dyn Write,
    items: &[D],
    depth: usize,
    write_item: impl Fn(&mut Vec<u8>, &D, usize) -> io::Result<()> + Sync,
) -> io::Result<()> {
    if items.is_empty() {
        return w.write_all(b"[]");
    }
    let inner = Pretty::at(depth + 1);
    let chunk = items.len().div_ceil(4 * rayon::current_num_threads()).max(16);
    let parts: Vec<Vec<u8>> = items
        .par_chunks(chunk)
        .enumerate()
        .map(|(n, part)| {
            let mut buf = Vec::new();
            for (i, item) in part.iter().enumerate() {
                if n > 0 || i > 0 {
                    buf.push(b',');
                }
                inner.newline(&mut buf)?;
                write_item(&mut buf, item, depth + 1)?;
            }
            Ok(buf)
        })
        .collect::<io::Result<_>>()?;
    w.write_all(b"[")?;
    parts.iter().try_for_each(|p| w.write_all(p))?;
    Pretty::at(depth).newline(w)?;
    w.write_all(b"]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn same_bytes_as_serde_json() {
        let items: Vec<serde_json::Value> = (0..100)
            .map(|n| json!({"n": n, "empty": [], "none": {}, "list": [1, {"a": "x\ny"}], "s": "q\"", "null": null}))
            .collect();
        for count in [0, 1, 17, 100] {
            let part = &items[..count];
            let mut ours = Vec::new();
            write_array(&mut ours, part, 0, write_at).expect("writes");
            assert_eq!(String::from_utf8_lossy(&ours), serde_json::to_string_pretty(part).expect("serialises"));
        }
        // Deeper than `BREAK` reaches.
        let deep = (0..40).fold(json!([1, []]), |inner, n| json!({ format!("k{n}"): inner }));
        let mut ours = Vec::new();
        write_at(&mut ours, &deep, 0).expect("writes");
        assert_eq!(String::from_utf8_lossy(&ours), serde_json::to_string_pretty(&deep).expect("serialises"));
    }
}
