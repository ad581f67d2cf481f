//! The SDK's JSON. Bodies and the stored record are written field by field
//! (in order, absent fields left out, objects and arrays nested) by a small
//! writer, which also writes a [`Json`] tree back (a read-modify-write keeps the
//! members the SDK does not model). Responses and stored records are read into
//! a [`Json`] tree (by `serde_json` natively, by the JavaScript engine's
//! `JSON.parse` in wasm: no parser, no tables in the package) and decoded field
//! by field with [`Fields`].

use std::cell::Cell;

use crate::platform;

/// Nesting deeper than this is refused (the tree is built and dropped
/// recursively, and no API response comes near it).
pub(crate) const MAX_DEPTH: usize = 128;

/// A parsed JSON value. Objects keep their members in document order (in
/// wasm, `JSON.parse` puts integer-like names first and keeps one of repeated
/// names: the last, which is also the one [`Fields`] reads).
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
    /// JSON, nesting deeper than [`MAX_DEPTH`] or an unpaired surrogate
    /// escape.
    pub fn parse(bytes: &[u8]) -> Option<Json> {
        let text = std::str::from_utf8(bytes).ok()?;
        if !well_formed(text) {
            return None;
        }
        platform::parse_json(text)
    }

    /// A reader of the members of an object.
    pub fn as_object(&self) -> Option<Fields<'_>> {
        match self {
            Json::Object(members) => Some(Fields {
                members,
                failed: Cell::new(false),
            }),
            _ => None,
        }
    }

    /// The member `name` of an object (the last of repeated ones).
    pub fn member(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members
                .iter()
                .rev()
                .find(|(member, _)| member == name)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// Sets the member `name` of an object, in place of every earlier value
    /// (appended when new); does nothing to other values.
    pub fn set_member(&mut self, name: &str, value: Json) {
        if let Json::Object(members) = self {
            members.retain(|(member, _)| member != name);
            members.push((name.to_owned(), value));
        }
    }

    /// Removes the member `name` of an object.
    pub fn remove_member(&mut self, name: &str) {
        if let Json::Object(members) = self {
            members.retain(|(member, _)| member != name);
        }
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Self {
        Json::String(text.to_owned())
    }
}

/// Reads the members of a JSON object strictly: an absent or `null`
/// optional member is `None`, a member of the wrong type (or a missing
/// required one) fails the whole read, which [`Fields::finish`] reports. Reads
/// never return early, so a decoder is a straight line of reads (small code)
/// and one check at the end. A repeated name reads as its last occurrence, as
/// `JSON.parse` does.
pub(crate) struct Fields<'a> {
    members: &'a [(String, Json)],
    failed: Cell<bool>,
}

impl<'a> Fields<'a> {
    /// The members, in document order.
    pub fn members(&self) -> &'a [(String, Json)] {
        self.members
    }

    /// `value`, unless a read failed.
    pub fn finish<T>(&self, value: T) -> Option<T> {
        (!self.failed.get()).then_some(value)
    }

    /// `value`; a `None` fails the read.
    pub fn require<T>(&self, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.failed.set(true);
        }
        value
    }

    /// The member `name`, unless absent or `null`.
    pub fn get(&self, name: &str) -> Option<&'a Json> {
        self.members
            .iter()
            .rev()
            .find(|(member, _)| member == name)
            .map(|(_, value)| value)
            .filter(|value| !matches!(value, Json::Null))
    }

    /// `read` of the member `name` if present; a `None` from `read` fails
    /// the read.
    fn optional<T>(&self, name: &str, read: impl FnOnce(&'a Json) -> Option<T>) -> Option<T> {
        let value = self.get(name)?;
        self.require(read(value))
    }

    /// A required string (empty, and the read failed, when missing).
    pub fn string(&self, name: &str) -> String {
        let value = self.optional_string(name);
        self.require(value).unwrap_or_default()
    }

    /// An optional string.
    pub fn optional_string(&self, name: &str) -> Option<String> {
        self.optional(name, |value| match value {
            Json::String(text) => Some(text.clone()),
            _ => None,
        })
    }

    /// An optional boolean.
    pub fn optional_bool(&self, name: &str) -> Option<bool> {
        self.optional(name, |value| match value {
            Json::Bool(flag) => Some(*flag),
            _ => None,
        })
    }

    /// An optional integer in `i64` (exactly representable in a double).
    pub fn optional_i64(&self, name: &str) -> Option<i64> {
        self.optional(name, |value| match value {
            Json::Number(number)
                if number.fract() == 0.0 && number.abs() < 9_007_199_254_740_992.0 =>
            {
                Some(*number as i64)
            }
            _ => None,
        })
    }

    /// A required integer in `i64`.
    pub fn i64(&self, name: &str) -> i64 {
        let value = self.optional_i64(name);
        self.require(value).unwrap_or_default()
    }

    /// An optional integer in `u32`.
    pub fn optional_u32(&self, name: &str) -> Option<u32> {
        let value = self.optional_i64(name)?;
        self.require(u32::try_from(value).ok())
    }

    /// A required integer in `u32`.
    pub fn u32(&self, name: &str) -> u32 {
        let value = self.optional_u32(name);
        self.require(value).unwrap_or_default()
    }

    /// An optional object, read with `read`.
    pub fn optional_object<T>(&self, name: &str, read: fn(&Json) -> Option<T>) -> Option<T> {
        self.optional(name, read)
    }

    /// An optional array whose items all read with `read`.
    pub fn optional_list<T>(&self, name: &str, read: fn(&Json) -> Option<T>) -> Option<Vec<T>> {
        self.optional(name, |value| match value {
            Json::Array(items) => items.iter().map(read).collect(),
            _ => None,
        })
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

/// An array of the values.
impl<T: JsonValue> JsonValue for [T] {
    fn write(&self, out: &mut String) {
        out.push('[');
        for (index, item) in self.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            item.write(out);
        }
        out.push(']');
    }
}

impl<T: JsonValue> JsonValue for Vec<T> {
    fn write(&self, out: &mut String) {
        self.as_slice().write(out);
    }
}

/// A tree written back: integers (to 2^53) in full, other numbers in the
/// platform's shortest round-trip form.
impl JsonValue for Json {
    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(flag) => flag.write(out),
            Json::Number(number)
                if number.fract() == 0.0 && number.abs() < 9_007_199_254_740_992.0 =>
            {
                (*number as i64).write(out)
            }
            Json::Number(number) => out.push_str(&platform::format_number(*number)),
            Json::String(text) => text.write(out),
            Json::Array(items) => items.write(out),
            Json::Object(members) => {
                let mut object = JsonObject::new();
                for (name, value) in members {
                    object = object.field(name, value);
                }
                object.write(out);
            }
        }
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

/// A nested object.
impl JsonValue for JsonObject {
    fn write(&self, out: &mut String) {
        out.push_str(&self.text);
        out.push('}');
    }
}

/// Whether `text` is one JSON value.
pub(crate) fn is_json(text: &str) -> bool {
    Json::parse(text.as_bytes()).is_some()
}

/// What is checked on the text before parsing, the same for every parser:
/// arrays and objects nest at most [`MAX_DEPTH`] deep (so nothing deeper is
/// ever built), and every `\u` escape of a UTF-16 surrogate is one half of a
/// pair (a string with an unpaired one cannot be a Rust string; `JSON.parse`
/// would take it).
fn well_formed(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (mut depth, mut in_string) = (0usize, false);
    // Whether the last escape was a high surrogate, awaiting its low half.
    let mut high_surrogate = false;
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        index += 1;
        if in_string {
            if byte == b'\\' {
                let escape = bytes.get(index).copied();
                index += 1;
                let unit = if escape == Some(b'u') {
                    let unit = bytes
                        .get(index..index + 4)
                        .and_then(|hex| std::str::from_utf8(hex).ok())
                        .and_then(|hex| u16::from_str_radix(hex, 16).ok());
                    index += 4;
                    unit
                } else {
                    None
                };
                let is_low = unit.is_some_and(|unit| (0xDC00..0xE000).contains(&unit));
                if high_surrogate != is_low {
                    return false;
                }
                high_surrogate = unit.is_some_and(|unit| (0xD800..0xDC00).contains(&unit));
                continue;
            }
            if high_surrogate {
                return false;
            }
            if byte == b'"' {
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
    !high_surrogate
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
        assert_eq!(names, ["b", "a"], "a repeated name keeps its first place");
        assert_eq!(fields.u32("b"), 2, "the last occurrence wins");
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
        for (text, valid) in [
            (r#""\ud83e\udd80""#, true),
            (r#"{"\ud83e\udd80":"\u00e9\\ud800"}"#, true),
            (r#""\ud800""#, false),
            (r#""\udc00""#, false),
            (r#""\ud800x""#, false),
            (r#""\ud800\n""#, false),
            (r#"{"\udc00":1}"#, false),
            (r#""\ud800\ud800""#, false),
        ] {
            assert_eq!(Json::parse(text.as_bytes()).is_some(), valid, "{text}");
        }
        let in_strings = format!(r#"["{}", "\"{}"]"#, "[".repeat(500), "{".repeat(500));
        assert!(
            Json::parse(in_strings.as_bytes()).is_some(),
            "brackets in strings do not nest"
        );
    }

    #[test]
    fn fields_are_read_strictly() {
        let json = Json::parse(
            br#"{"s":"x","n":null,"b":true,"i":-3,"big":4294967296,"f":1.5,"o":{"k":"v"},"l":["a","b"],"bad":[1]}"#,
        )
        .unwrap();
        let read = |check: &dyn Fn(&Fields<'_>) -> bool| {
            let fields = json.as_object().unwrap();
            let expected = check(&fields);
            (expected, fields.finish(()).is_some())
        };
        assert_eq!(read(&|f| f.string("s") == "x"), (true, true));
        assert_eq!(
            read(&|f| f.string("n").is_empty()),
            (true, false),
            "null is absent"
        );
        assert_eq!(read(&|f| f.optional_string("n").is_none()), (true, true));
        assert_eq!(
            read(&|f| f.optional_string("missing").is_none()),
            (true, true)
        );
        assert_eq!(
            read(&|f| f.optional_string("b").is_none()),
            (true, false),
            "wrong type"
        );
        assert_eq!(read(&|f| f.optional_bool("b") == Some(true)), (true, true));
        assert_eq!(read(&|f| f.optional_i64("i") == Some(-3)), (true, true));
        assert_eq!(read(&|f| f.i64("f") == 0), (true, false));
        assert_eq!(read(&|f| f.optional_u32("i").is_none()), (true, false));
        assert_eq!(read(&|f| f.u32("big") == 0), (true, false));
        let object = |json: &Json| json.as_object().map(|o| o.string("k"));
        assert_eq!(
            read(&|f| f.optional_object("o", object).as_deref() == Some("v")),
            (true, true)
        );
        assert_eq!(
            read(&|f| f.optional_object("l", object).is_none()),
            (true, false)
        );
        let string = |json: &Json| match json {
            Json::String(text) => Some(text.clone()),
            _ => None,
        };
        assert_eq!(
            read(&|f| f.optional_list("l", string) == Some(vec!["a".into(), "b".into()])),
            (true, true)
        );
        assert_eq!(
            read(&|f| f.optional_list("bad", string).is_none()),
            (true, false)
        );
    }
}

#[cfg(test)]
mod parity;
