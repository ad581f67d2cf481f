//! The SDK's JSON. Bodies and the stored record are written field by field
//! (in order, absent fields left out) by a small writer. Responses and stored
//! records are read into a [`Json`] tree (by `miniserde` natively, by the
//! JavaScript engine's `JSON.parse` in wasm: no parser, no tables in the
//! package) and decoded field by field with [`Fields`].

use crate::platform;

/// Nesting deeper than this is refused (the tree is built and dropped
/// recursively, and no API response comes near it).
pub(crate) const MAX_DEPTH: usize = 128;

/// A parsed JSON value. Objects keep their members in document order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Parses `bytes` as one JSON value; `None` for invalid UTF-8, invalid
    /// JSON or nesting deeper than [`MAX_DEPTH`].
    pub fn parse(bytes: &[u8]) -> Option<Json> {
        let text = std::str::from_utf8(bytes).ok()?;
        if !within_depth(text) {
            return None;
        }
        platform::parse_json(text)
    }

    /// The members of an object.
    pub fn as_object(&self) -> Option<Fields<'_>> {
        match self {
            Json::Object(members) => Some(Fields(members)),
            _ => None,
        }
    }
}

/// Reads the members of a JSON object, strictly: an absent or `null`
/// optional member is `None`, but a member of the wrong type fails the read
/// (the outer `None`), as a typed decoder would. A repeated name reads as its
/// last occurrence, as `JSON.parse` does.
#[derive(Clone, Copy)]
pub(crate) struct Fields<'a>(&'a [(String, Json)]);

impl<'a> Fields<'a> {
    /// The members, in document order.
    pub fn members(self) -> &'a [(String, Json)] {
        self.0
    }

    /// The member `name`, unless absent or `null`.
    pub fn get(self, name: &str) -> Option<&'a Json> {
        self.0
            .iter()
            .rev()
            .find(|(member, _)| member == name)
            .map(|(_, value)| value)
            .filter(|value| **value != Json::Null)
    }

    /// A required string.
    pub fn string(self, name: &str) -> Option<String> {
        self.optional_string(name)?
    }

    /// An optional string.
    pub fn optional_string(self, name: &str) -> Option<Option<String>> {
        match self.get(name) {
            None => Some(None),
            Some(Json::String(text)) => Some(Some(text.clone())),
            Some(_) => None,
        }
    }

    /// An optional boolean.
    pub fn optional_bool(self, name: &str) -> Option<Option<bool>> {
        match self.get(name) {
            None => Some(None),
            Some(Json::Bool(value)) => Some(Some(*value)),
            Some(_) => None,
        }
    }

    /// An optional integer in `i64`.
    pub fn optional_i64(self, name: &str) -> Option<Option<i64>> {
        match self.get(name) {
            None => Some(None),
            Some(Json::Number(number))
                if number.fract() == 0.0 && number.abs() < 9_007_199_254_740_992.0 =>
            {
                Some(Some(*number as i64))
            }
            Some(_) => None,
        }
    }

    /// A required integer in `u32`.
    pub fn u32(self, name: &str) -> Option<u32> {
        self.optional_u32(name)?
    }

    /// An optional integer in `u32`.
    pub fn optional_u32(self, name: &str) -> Option<Option<u32>> {
        match self.optional_i64(name)? {
            None => Some(None),
            Some(number) => u32::try_from(number).ok().map(Some),
        }
    }

    /// An optional object.
    pub fn optional_object(self, name: &str) -> Option<Option<Fields<'a>>> {
        match self.get(name) {
            None => Some(None),
            Some(value) => value.as_object().map(Some),
        }
    }

    /// An optional array whose items all read with `read`.
    pub fn optional_list<T>(
        self,
        name: &str,
        read: fn(&Json) -> Option<T>,
    ) -> Option<Option<Vec<T>>> {
        match self.get(name) {
            None => Some(None),
            Some(Json::Array(items)) => items.iter().map(read).collect::<Option<_>>().map(Some),
            Some(_) => None,
        }
    }
}

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

/// Whether `text` is one JSON value.
pub(crate) fn is_json(text: &str) -> bool {
    Json::parse(text.as_bytes()).is_some()
}

/// Whether arrays and objects in `text` nest at most [`MAX_DEPTH`] deep
/// (checked before parsing, so that nothing deeper is ever built).
fn within_depth(text: &str) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for byte in text.bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return false;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
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
    fn parsing_keeps_order_and_rejects_invalid_input() {
        let json = Json::parse(br#"{"b":1,"a":[true,null,"x",-2.5],"b":2}"#).unwrap();
        let fields = json.as_object().unwrap();
        let names: Vec<&str> = fields.members().iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["b", "a", "b"]);
        assert_eq!(fields.u32("b"), Some(2), "the last occurrence wins");
        assert_eq!(
            fields.get("a"),
            Some(&Json::Array(vec![
                Json::Bool(true),
                Json::Null,
                Json::String("x".into()),
                Json::Number(-2.5)
            ]))
        );
        for invalid in [&b"\"\xff\""[..], b"{", b"[1,]", b"", b"01", b"{} x"] {
            assert_eq!(Json::parse(invalid), None, "{invalid:?}");
        }
        let deep = |depth: usize| "[".repeat(depth) + &"]".repeat(depth);
        assert!(Json::parse(deep(MAX_DEPTH).as_bytes()).is_some());
        assert_eq!(Json::parse(deep(MAX_DEPTH + 1).as_bytes()), None);
        assert_eq!(Json::parse(deep(1_000_000).as_bytes()), None);
        let in_strings = format!(r#"["{}", "\"{}"]"#, "[".repeat(500), "{".repeat(500));
        assert!(
            Json::parse(in_strings.as_bytes()).is_some(),
            "brackets in strings do not nest"
        );
    }

    #[test]
    fn fields_are_read_strictly() {
        let json = Json::parse(
            br#"{"s":"x","n":null,"b":true,"i":-3,"big":4294967296,"f":1.5,"o":{},"l":["a","b"],"bad":[1]}"#,
        )
        .unwrap();
        let f = json.as_object().unwrap();
        assert_eq!(f.string("s").as_deref(), Some("x"));
        assert_eq!(f.string("n"), None, "null is absent for a required field");
        assert_eq!(f.optional_string("n"), Some(None));
        assert_eq!(f.optional_string("missing"), Some(None));
        assert_eq!(f.optional_string("b"), None, "wrong type fails");
        assert_eq!(f.optional_bool("b"), Some(Some(true)));
        assert_eq!(f.optional_i64("i"), Some(Some(-3)));
        assert_eq!(f.optional_i64("f"), None);
        assert_eq!(f.optional_u32("i"), None);
        assert_eq!(f.optional_u32("big"), None);
        assert!(matches!(f.optional_object("o"), Some(Some(_))));
        assert!(f.optional_object("l").is_none());
        let string = |json: &Json| match json {
            Json::String(text) => Some(text.clone()),
            _ => None,
        };
        assert_eq!(
            f.optional_list("l", string),
            Some(Some(vec!["a".to_owned(), "b".to_owned()]))
        );
        assert_eq!(f.optional_list("bad", string), None);
    }
}
