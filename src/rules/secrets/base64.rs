//! Standard base64 (RFC 4648, with or without padding), for Secret `data` values, which
//! Kubernetes stores encoded.

/// The decoded bytes, or `None` when `s` is not base64 (whitespace between lines is allowed).
pub fn decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut padding = false;
    for b in s.bytes().filter(|b| !b.is_ascii_whitespace()) {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padding = true;
                continue;
            }
            _ => return None,
        };
        if padding {
            return None;
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_padded_unpadded_and_wrapped() {
        assert_eq!(decode("aHVudGVyMg==").as_deref(), Some(&b"hunter2"[..]));
        assert_eq!(decode("aHVudGVyMg").as_deref(), Some(&b"hunter2"[..]));
        assert_eq!(decode("aHVu\n  dGVy").as_deref(), Some(&b"hunter"[..]));
        assert_eq!(decode("not base64!"), None);
        assert_eq!(decode("ab=c"), None);
    }
}
