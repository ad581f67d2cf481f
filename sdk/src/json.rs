//! The SDK's JSON, over `miniserde`: bodies are written field by field (in
//! order, absent fields left out) and read into types that derive
//! `miniserde::Deserialize`. One parser serves every type, which keeps the
//! wasm package small.

use miniserde::de::Visitor;
use miniserde::json;
use miniserde::{Deserialize, Serialize};

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
        self.text.push_str(&json::to_string(name));
        self.text.push(':');
    }

    /// Adds `name: value`.
    pub fn field(mut self, name: &str, value: &dyn Serialize) -> Self {
        self.key(name);
        self.text.push_str(&json::to_string(value));
        self
    }

    /// Adds `name: value` when `value` is present.
    pub fn optional<T: Serialize>(self, name: &str, value: Option<T>) -> Self {
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
pub(crate) fn from_slice<T: miniserde::Deserialize>(bytes: &[u8]) -> Option<T> {
    json::from_str(std::str::from_utf8(bytes).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_keep_order_escape_and_leave_out_absent_fields() {
        let text = JsonObject::new()
            .field("email", &"a\"b@c.d")
            .optional("phone", None::<&str>)
            .optional("accepts_email_marketing", Some(true))
            .raw("metadata", r#"{"x":[1,2.5]}"#)
            .unwrap()
            .finish();
        assert_eq!(
            text,
            r#"{"email":"a\"b@c.d","accepts_email_marketing":true,"metadata":{"x":[1,2.5]}}"#
        );
        assert_eq!(JsonObject::new().finish(), "{}");
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
