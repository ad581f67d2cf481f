//! PHP's `json_encode` output, which Magento's REST renderer uses: compact, `/` escaped as
//! `\/` and every non-ASCII character as `\uXXXX` (UTF-16, lower-case hex).

use serde::Serialize;

/// Serialises `value` the way PHP's `json_encode` does with its default flags.
pub(crate) fn php_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let compact = serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned());
    if compact.bytes().all(|byte| byte.is_ascii() && byte != b'/') {
        return compact.into_bytes();
    }
    // `/` and non-ASCII characters only occur inside strings, so a rewrite per character
    // is safe.
    let mut out = String::with_capacity(compact.len() + 16);
    for character in compact.chars() {
        match character {
            '/' => out.push_str("\\/"),
            c if c.is_ascii() => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashes_and_non_ascii_are_escaped_like_php() {
        let body = php_json(&serde_json::json!({"a": "x/y", "b": "Köln 😀"}));
        assert_eq!(
            String::from_utf8(body).expect("ascii"),
            r#"{"a":"x\/y","b":"K\u00f6ln \ud83d\ude00"}"#
        );
        assert_eq!(php_json(&true), b"true");
        assert_eq!(php_json("tok"), b"\"tok\"");
    }
}
