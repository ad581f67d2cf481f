//! The SDK's JSON. Bodies and the stored record are written field by field
//! (in order, absent fields left out) by a small writer; responses are read
//! into types that derive `miniserde::Deserialize`, one parser for every type.
//! Both keep the wasm package small.

use miniserde::Deserialize;
use miniserde::de::Visitor;
use miniserde::json;

/// A value the writer can write.
pub(crate) trait JsonValue {
    /// Appends the value's JSON text to `out`.
    fn write(&self, out: &mut String);
}

impl JsonValue for str {
    fn write(&self, out: &mut String) {
        out.push('"');
        for ch in self.chars() {
            match ch {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                ch if ch < ' ' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.push_str("\\u00");
                    out.push(HEX[ch as usize >> 4] as char);
                    out.push(HEX[ch as usize & 15] as char);
                }
                ch => out.push(ch),
            }
        }
        out.push('"');
    }
}

impl JsonValue for String {
    fn write(&self, out: &mut String) {
        self.as_str().write(out);
    }
}

impl JsonValue for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl JsonValue for i64 {
    fn write(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl JsonValue for u32 {
    fn write(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl<T: JsonValue + ?Sized> JsonValue for &T {
    fn write(&self, out: &mut String) {
        (**self).write(out);
    }
}

/// `null` when absent.
impl<T: JsonValue> JsonValue for Option<T> {
    fn write(&self, out: &mut String) {
        match self {
            Some(value) => value.write(out),
            None => out.push_str("null"),
        }
    }
}

/// A JSON object written field by field.
pub(crate) struct JsonObject {
    text: String,
}

impl JsonObject {
    /// An empty object.
    pub fn new() -> Self {
        Self {
            text: String::from("{"),
        }
    }

    fn key(&mut self, name: &str) {
        if self.text.len() > 1 {
            self.text.push(',');
        }
        name.write(&mut self.text);
        self.text.push(':');
    }

    /// Adds `name: value`.
    pub fn field(mut self, name: &str, value: &dyn JsonValue) -> Self {
        self.key(name);
        value.write(&mut self.text);
        self
    }

    /// Adds `name: value` when `value` is present.
    pub fn optional<T: JsonValue>(self, name: &str, value: Option<T>) -> Self {
        match value {
            Some(value) => self.field(name, &value),
            None => self,
        }
    }

    /// Adds `name` with `json_text` as its value, verbatim; `None` when the
    /// text is not JSON.
    pub fn raw(mut self, name: &str, json_text: &str) -> Option<Self> {
        is_json(json_text).then(|| {
            self.key(name);
            self.text.push_str(json_text);
            self
        })
    }

    /// The object's text.
    pub fn finish(mut self) -> String {
        self.text.push('}');
        self.text
    }
}

/// Any JSON value, read through without building it.
struct AnyJson;

impl Deserialize for AnyJson {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        *out = Some(AnyJson);
        <dyn Visitor>::ignore()
    }
}

/// Whether `text` is one JSON value.
pub(crate) fn is_json(text: &str) -> bool {
    json::from_str::<AnyJson>(text).is_ok()
}

/// Reads `bytes` as JSON of type `T`; `None` for anything else.
pub(crate) fn from_slice<T: Deserialize>(bytes: &[u8]) -> Option<T> {
    json::from_str(std::str::from_utf8(bytes).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_keep_order_and_leave_out_absent_fields() {
        let text = JsonObject::new()
            .field("email", &"a@b.c")
            .optional::<&str>("phone", None)
            .optional("accepts_email_marketing", Some(true))
            .field("refresh", &None::<&str>)
            .field("expires_at_ms", &-5i64)
            .field("page", &7u32)
            .raw("metadata", r#"{"x":[1,2.5]}"#)
            .unwrap()
            .finish();
        assert_eq!(
            text,
            r#"{"email":"a@b.c","accepts_email_marketing":true,"refresh":null,"expires_at_ms":-5,"page":7,"metadata":{"x":[1,2.5]}}"#
        );
        assert_eq!(JsonObject::new().finish(), "{}");
    }

    #[test]
    fn strings_round_trip_through_a_standard_parser() {
        let every_control: String = (0u8..32).map(char::from).collect();
        for text in [
            every_control.as_str(),
            "quote \" backslash \\ slash / done",
            "unicode é 漢字 🦀 \u{2028}",
            "",
        ] {
            let written = JsonObject::new().field("k", &text).finish();
            let parsed: serde_json::Value = serde_json::from_str(&written).unwrap();
            assert_eq!(parsed["k"], text, "{written}");
        }
    }

    #[test]
    fn raw_values_must_be_json() {
        assert!(JsonObject::new().raw("metadata", "{not json").is_none());
        assert!(JsonObject::new().raw("metadata", "").is_none());
    }

    #[test]
    fn reading_rejects_invalid_utf8_and_wrong_shapes() {
        assert_eq!(from_slice::<String>(br#""ok""#).as_deref(), Some("ok"));
        assert_eq!(from_slice::<String>(b"\"\xff\""), None);
        assert_eq!(from_slice::<String>(b"12"), None);
    }
}
