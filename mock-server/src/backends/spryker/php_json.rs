//! PHP's `json_encode` with the flags Spryker's `UtilEncoding` and Symfony's `JsonResponse`
//! use (`JSON_HEX_TAG | JSON_HEX_APOS | JSON_HEX_AMP | JSON_HEX_QUOT`): compact, `/` escaped as
//! `\/`, every non-ASCII character as `\uXXXX` (lower-case hex, surrogate pairs), and
//! `<`, `>`, `'`, `&`, `"` inside strings as `\u003C`, `\u003E`, `\u0027`, `\u0026`, `\u0022`.

use serde::Serialize;
use serde_json::ser::{CharEscape, Formatter};
use std::io::{self, Write};

/// The formatter that writes strings the way PHP does.
struct PhpFormatter;

/// Writes `\u` and four lower-case hex digits.
fn write_unit<W: ?Sized + Write>(writer: &mut W, unit: u16) -> io::Result<()> {
    write!(writer, "\\u{unit:04x}")
}

impl Formatter for PhpFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut plain_from = 0;
        for (index, character) in fragment.char_indices() {
            let escape: Option<&[u8]> = match character {
                '/' => Some(b"\\/"),
                '<' => Some(b"\\u003C"),
                '>' => Some(b"\\u003E"),
                '&' => Some(b"\\u0026"),
                '\'' => Some(b"\\u0027"),
                _ if character.is_ascii() => continue,
                _ => None,
            };
            writer.write_all(&fragment.as_bytes()[plain_from..index])?;
            plain_from = index + character.len_utf8();
            match escape {
                Some(bytes) => writer.write_all(bytes)?,
                None => {
                    let mut units = [0u16; 2];
                    for unit in character.encode_utf16(&mut units) {
                        write_unit(writer, *unit)?;
                    }
                }
            }
        }
        writer.write_all(&fragment.as_bytes()[plain_from..])
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        let bytes: &[u8] = match char_escape {
            CharEscape::Quote => b"\\u0022",
            CharEscape::ReverseSolidus => b"\\\\",
            CharEscape::Solidus => b"\\/",
            CharEscape::Backspace => b"\\b",
            CharEscape::FormFeed => b"\\f",
            CharEscape::LineFeed => b"\\n",
            CharEscape::CarriageReturn => b"\\r",
            CharEscape::Tab => b"\\t",
            CharEscape::AsciiControl(byte) => return write_unit(writer, u16::from(byte)),
        };
        writer.write_all(bytes)
    }
}

/// `value` as PHP would encode it (`{}` if it cannot be serialised, which the mock's own
/// types never cause).
pub(crate) fn php_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(512);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, PhpFormatter);
    match value.serialize(&mut serializer) {
        Ok(()) => out,
        Err(_) => b"{}".to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(value: serde_json::Value) -> String {
        String::from_utf8(php_json(&value)).expect("ASCII output")
    }

    #[test]
    fn slashes_tags_quotes_and_unicode_are_escaped_like_php() {
        assert_eq!(
            encoded(serde_json::json!({"self": "http://glue.example/customers/DE--1"})),
            r#"{"self":"http:\/\/glue.example\/customers\/DE--1"}"#
        );
        assert_eq!(
            encoded(serde_json::json!(["<b>&'\"\\", "Straße 😀", "\u{1f}\n"])),
            r#"["\u003Cb\u003E\u0026\u0027\u0022\\","Stra\u00dfe \ud83d\ude00","\u001f\n"]"#
        );
        assert_eq!(
            encoded(serde_json::json!({"n": 28800, "b": false, "z": null})),
            r#"{"b":false,"n":28800,"z":null}"#
        );
    }

    #[test]
    fn the_output_is_valid_json_that_reads_back_the_same() {
        let value = serde_json::json!({"mixed": "ä/<x>'&\"\u{7f}\u{0}€𝄞"});
        let text = encoded(value.clone());
        assert!(text.is_ascii());
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
    }
}
