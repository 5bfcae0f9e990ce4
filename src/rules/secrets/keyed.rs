//! Provider credentials with no prefix of their own (an AWS secret access key is 40 base64
//! characters, a Datadog API key 32 hex digits): recognised by the name they are assigned to and
//! the exact shape of the value, so neither alone is enough.

/// The value's shape.
#[derive(Clone, Copy)]
enum Shape {
    /// `[A-Za-z0-9/+]` then `=` padding, `n` in all, mixing letters and digits.
    Base64(usize),
    /// `[0-9a-f]{n}` (either case), with letters and digits.
    Hex(usize),
    /// `8-4-4-4-12` hex.
    Uuid,
    /// `[A-Za-z0-9_-]{n}`, mixing letters and digits.
    Url(usize),
}

impl Shape {
    fn matches(self, v: &str) -> bool {
        let mixed = v.bytes().any(|b| b.is_ascii_digit()) && v.bytes().any(|b| b.is_ascii_alphabetic());
        match self {
            Shape::Base64(n) => {
                let body = v.strip_suffix("==").or_else(|| v.strip_suffix('=')).unwrap_or(v);
                v.len() == n && mixed && body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+')
            }
            Shape::Hex(n) => v.len() == n && mixed && v.bytes().all(|b| b.is_ascii_hexdigit()),
            Shape::Url(n) => {
                v.len() == n && mixed && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            }
            Shape::Uuid => {
                let groups: Vec<&str> = v.split('-').collect();
                groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
                    && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
            }
        }
    }
}

/// One keyed format: what the name contains (lower-case, letters and digits only) and the value.
struct Keyed {
    provider: &'static str,
    /// Every word of one group must appear in the name; any group will do.
    name: &'static [&'static [&'static str]],
    shapes: &'static [Shape],
}

/// The formats, described in the catalog entry of SEC201.
static KEYED: &[Keyed] = &[
    Keyed {
        provider: "AWS secret access key",
        name: &[&["secretaccesskey"], &["aws", "secret"]],
        shapes: &[Shape::Base64(40)],
    },
    Keyed {
        provider: "Azure storage account key",
        name: &[&["accountkey"], &["azure", "storagekey"]],
        shapes: &[Shape::Base64(88)],
    },
    Keyed { provider: "Datadog API key", name: &[&["datadog"], &["dd", "apikey"]], shapes: &[Shape::Hex(32)] },
    Keyed {
        provider: "Datadog application key",
        name: &[&["datadog"], &["dd", "appkey"], &["dd", "applicationkey"]],
        shapes: &[Shape::Hex(40)],
    },
    Keyed { provider: "Twilio auth token", name: &[&["twilio"]], shapes: &[Shape::Hex(32)] },
    Keyed { provider: "Heroku API key", name: &[&["heroku"]], shapes: &[Shape::Uuid] },
    Keyed { provider: "Algolia API key", name: &[&["algolia"]], shapes: &[Shape::Hex(32)] },
    Keyed {
        provider: "Cloudflare API token",
        name: &[&["cloudflare"], &["cfapi"]],
        shapes: &[Shape::Url(40), Shape::Hex(37)],
    },
    Keyed { provider: "New Relic license key", name: &[&["newrelic"], &["nrlicense"]], shapes: &[Shape::Hex(40)] },
    Keyed { provider: "Facebook app secret", name: &[&["facebook"], &["fbapp"]], shapes: &[Shape::Hex(32)] },
    Keyed { provider: "Okta API token", name: &[&["okta"]], shapes: &[Shape::Url(42)] },
];

/// The provider whose credential `value` is, given the secret-looking `name` it is assigned to.
pub fn provider(name: &str, value: &str) -> Option<&'static str> {
    let squashed: String = name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    KEYED
        .iter()
        .find(|k| {
            k.name.iter().any(|group| group.iter().all(|w| squashed.contains(w)))
                && k.shapes.iter().any(|s| s.matches(value))
        })
        .map(|k| k.provider)
}

#[cfg(test)]
mod tests {
    use super::provider;

    #[test]
    fn name_and_shape_together() {
        let aws = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKY".replace("EXAMPLE", "Q3b8T1x");
        let aws = &aws[..40];
        assert_eq!(provider("AWS_SECRET_ACCESS_KEY", aws), Some("AWS secret access key"));
        assert_eq!(provider("secretAccessKey", aws), Some("AWS secret access key"));
        assert_eq!(provider("DB_PASSWORD", aws), None);
        let azure = format!("{}==", "k3Zq9Lm2".repeat(11).get(..86).unwrap_or_default());
        assert_eq!(provider("azurestorageaccountkey", &azure), Some("Azure storage account key"));
        assert_eq!(provider("DD_API_KEY", "0123456789abcdef0123456789abcdef"), Some("Datadog API key"));
        assert_eq!(provider("DD_API_KEY", "0123456789abcdef"), None);
        assert_eq!(provider("HEROKU_API_KEY", "01234567-89ab-cdef-0123-456789abcdef"), Some("Heroku API key"));
        assert_eq!(provider("TWILIO_AUTH_TOKEN", "ffffffffffffffffffffffffffffffff"), None, "no digit");
    }
}
