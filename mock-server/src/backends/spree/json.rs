//! Rails' JSON output: compact, with `<`, `>` and `&` escaped.

use serde::Serialize;

/// Serialises compactly and escapes `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`, like Rails.
pub(crate) fn rails_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let compact = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
    // These three bytes can only occur inside JSON strings, so a byte-level rewrite is safe.
    if !compact
        .iter()
        .any(|byte| matches!(byte, b'<' | b'>' | b'&'))
    {
        return compact;
    }
    let mut escaped = Vec::with_capacity(compact.len() + 16);
    for byte in compact {
        match byte {
            b'<' => escaped.extend_from_slice(b"\\u003c"),
            b'>' => escaped.extend_from_slice(b"\\u003e"),
            b'&' => escaped.extend_from_slice(b"\\u0026"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_characters_are_escaped_like_rails() {
        let body = rails_json(&serde_json::json!({"name":"<b>&</b>","other":"é"}));
        assert_eq!(
            String::from_utf8(body).expect("utf-8"),
            r#"{"name":"\u003cb\u003e\u0026\u003c/b\u003e","other":"é"}"#
        );
    }
}
