//! Long flags in a container's `command` and `args`, in both forms Go's flag parsers accept:
//! `--name=value` as one item, and `--name` followed by the value as the next item.

use crate::syntax::yaml::NodeRef;

pub struct FlagValue<'a> {
    /// The item holding `--name`.
    pub flag: NodeRef<'a>,
    /// The item holding the value: the flag item itself in the `--name=value` form.
    pub node: NodeRef<'a>,
    pub value: &'a str,
}

/// Every value given to the long flag `name` (without dashes), in order.
pub fn flag_values<'a>(argv: &[NodeRef<'a>], name: &str) -> Vec<FlagValue<'a>> {
    let mut out = Vec::new();
    for (i, flag) in argv.iter().enumerate() {
        let Some(rest) = flag.str().and_then(|s| s.strip_prefix("--")).and_then(|s| s.strip_prefix(name)) else {
            continue;
        };
        if let Some(value) = rest.strip_prefix('=') {
            out.push(FlagValue { flag: *flag, node: *flag, value });
        } else if rest.is_empty()
            && let Some(next) = argv.get(i + 1)
            && let Some(value) = next.str()
        {
            out.push(FlagValue { flag: *flag, node: *next, value });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::flag_values;
    use crate::syntax::yaml::{Limits, parse};

    #[test]
    fn both_forms_and_no_prefix_matches() {
        let file = parse("[--git=/a, --git-config=x, --gitx=1, --git, /b, -git=/c, --git]", &Limits::default());
        let Some(root) = file.documents.first().and_then(|d| file.root(d)) else { panic!("no document") };
        let argv: Vec<_> = root.items().collect();
        let values: Vec<&str> = flag_values(&argv, "git").iter().map(|f| f.value).collect();
        assert_eq!(values, ["/a", "/b"]);
    }
}
