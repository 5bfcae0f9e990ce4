//! Applying fixes: non-overlapping edits on the original bytes, one pass at a time; callers
//! re-lint and repeat to a fixpoint.

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// Which fixes a run applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Safe,
    /// `--unsafe-fixes`: behaviour-changing fixes too.
    Unsafe,
}

impl Mode {
    pub fn allows(self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self == Mode::Unsafe,
            Applicability::DisplayOnly => false,
        }
    }
}

/// Applies the fixes of `diagnostics` that `mode` allows and that do not overlap an earlier one.
/// Returns the new text and how many fixes were applied.
pub fn apply(text: &str, diagnostics: &[&Diagnostic], mode: Mode) -> (String, usize) {
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for d in diagnostics {
        let Some(fix) = d.fix.as_ref().filter(|f| mode.allows(f.applicability)) else { continue };
        let fits = fix.edits.iter().all(|e| {
            text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
                && e.span.start <= e.span.end
                && e.span.end <= text.len()
        });
        let overlaps = fix.edits.iter().any(|e| accepted.iter().any(|a| overlap(a, e)));
        if fits && !overlaps {
            accepted.extend(&fix.edits);
            applied += 1;
        }
    }
    accepted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in accepted {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Two edits conflict when their ranges intersect, or both insert at the same point.
fn overlap(a: &Edit, b: &Edit) -> bool {
    if a.span.is_empty() && b.span.is_empty() {
        return a.span.start == b.span.start;
    }
    a.span.start < b.span.end && b.span.start < a.span.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity};
    use crate::span::Span;

    fn diag(start: usize, end: usize, rep: &str, a: Applicability) -> Diagnostic {
        Diagnostic::new("X", "x", Severity::Error, "f".into(), Span::new(start, end), "m").with_fix(Fix {
            message: "f".into(),
            applicability: a,
            edits: vec![Edit { span: Span::new(start, end), replacement: rep.into() }],
        })
    }

    #[test]
    fn applies_non_overlapping_allowed_fixes() {
        let a = diag(0, 1, "A", Applicability::Safe);
        let b = diag(0, 2, "B", Applicability::Safe);
        let c = diag(3, 3, "C", Applicability::Unsafe);
        let d = diag(4, 5, "D", Applicability::DisplayOnly);
        assert_eq!(apply("abcdef", &[&a, &b, &c, &d], Mode::Safe), ("Abcdef".to_string(), 1));
        assert_eq!(apply("abcdef", &[&a, &b, &c, &d], Mode::Unsafe), ("AbcCdef".to_string(), 2));
        // Out-of-range edits are dropped, not a panic.
        let bad = diag(10, 12, "x", Applicability::Safe);
        assert_eq!(apply("abc", &[&bad], Mode::Safe), ("abc".to_string(), 0));
    }
}
