//! Schema helpers: how YAML 1.1 readers (Kubernetes via go-yaml v2) type plain scalars.

/// A YAML 1.1 null: ``, `~`, `null`, `Null`, `NULL`.
pub fn is_null_str(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

/// A YAML 1.1 boolean: `y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON` and their opposites.
pub fn yaml11_bool(s: &str) -> Option<bool> {
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => Some(true),
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

/// A YAML 1.1 integer: optional sign, then decimal (`1_000`), `0x1F`, `0o17`, `0b101`, or a
/// leading-zero octal (`0777` is 511). `_` separators are allowed after the first digit.
/// Sexagesimal (`1:30`) is not read as a number. `None` for anything else or on overflow.
pub fn yaml11_int(s: &str) -> Option<i64> {
    let (negative, digits) = match s.as_bytes().first()? {
        b'-' => (true, s.get(1..)?),
        b'+' => (false, s.get(1..)?),
        _ => (false, s),
    };
    let (radix, body) = if let Some(rest) = digits.strip_prefix("0x") {
        (16, rest)
    } else if let Some(rest) = digits.strip_prefix("0o") {
        (8, rest)
    } else if let Some(rest) = digits.strip_prefix("0b") {
        (2, rest)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, digits.get(1..)?)
    } else {
        (10, digits)
    };
    // At least one digit, and a separator never first (`0x_1` and `_1` are not numbers in
    // practice; YAML 1.1's `0[0-7_]+` octal is the exception, e.g. `0_7`).
    let legacy_octal = radix == 8 && !digits.starts_with("0o");
    if body.starts_with('_') && !legacy_octal {
        return None;
    }
    let mut magnitude: u64 = 0;
    let mut any_digit = false;
    for b in body.bytes() {
        if b == b'_' {
            continue;
        }
        let digit = char::from(b).to_digit(radix)?;
        magnitude = magnitude.checked_mul(u64::from(radix))?.checked_add(u64::from(digit))?;
        any_digit = true;
    }
    if !any_digit {
        return None;
    }
    if negative {
        if magnitude == 1u64 << 63 { Some(i64::MIN) } else { i64::try_from(magnitude).ok().map(|m| -m) }
    } else {
        i64::try_from(magnitude).ok()
    }
}
