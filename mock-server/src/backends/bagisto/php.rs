//! The few PHP value semantics the package's code relies on: `empty()` of strings, `(int)`
//! casts, type names in error messages and `ucfirst`.

use serde_json::Value;

/// PHP `empty()` of a string: `""` and `"0"`.
pub(crate) fn empty_str(text: &str) -> bool {
    text.is_empty() || text == "0"
}

/// PHP's type name of a decoded JSON value (objects decode to arrays; integers beyond
/// `PHP_INT_MAX` to floats).
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(number) if number.is_i64() => "int",
        Value::Number(_) => "float",
        Value::String(_) => "string",
        Value::Array(_) | Value::Object(_) => "array",
    }
}

/// PHP `(int)` of a string: leading whitespace, an optional sign and the digits that follow;
/// 0 when there are none, saturating at the `int` range.
pub(crate) fn int_cast(text: &str) -> i64 {
    let trimmed = text.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (negative, digits) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let mut value: i64 = 0;
    for digit in digits.bytes().take_while(u8::is_ascii_digit) {
        let digit = i64::from(digit - b'0');
        value = match (negative, value.checked_mul(10)) {
            (false, Some(shifted)) => shifted.saturating_add(digit),
            (true, Some(shifted)) => shifted.saturating_sub(digit),
            (false, None) => i64::MAX,
            (true, None) => i64::MIN,
        };
    }
    value
}

/// PHP `ucfirst`: an ASCII lower-case first letter made upper-case.
pub(crate) fn ucfirst(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn type_names_are_phps() {
        assert_eq!(type_name(&json!([1])), "array");
        assert_eq!(type_name(&json!({"a":1})), "array");
        assert_eq!(type_name(&json!(1)), "int");
        assert_eq!(type_name(&json!(1.5)), "float");
        assert_eq!(type_name(&json!(u64::MAX)), "float");
        assert_eq!(type_name(&json!(true)), "bool");
        assert_eq!(type_name(&json!("x")), "string");
    }

    #[test]
    fn int_casts_are_phps() {
        assert_eq!(int_cast("42"), 42);
        assert_eq!(int_cast("  12abc"), 12);
        assert_eq!(int_cast("-7"), -7);
        assert_eq!(int_cast("+7"), 7);
        assert_eq!(int_cast("abc"), 0);
        assert_eq!(int_cast(""), 0);
        assert_eq!(int_cast("99999999999999999999"), i64::MAX);
        assert_eq!(int_cast("-99999999999999999999"), i64::MIN);
    }

    #[test]
    fn ucfirst_touches_ascii_only() {
        assert_eq!(ucfirst("john"), "John");
        assert_eq!(ucfirst("élan"), "élan");
        assert_eq!(ucfirst(""), "");
    }
}
