//! Request parameters: the flat JSON body, read the way Rails strong parameters would.

use crate::emulator::SharedError;
use crate::http::{ApiRequest, json_body};
use serde_json::{Map, Value};

/// The parameters of one request.
#[derive(Debug, Default)]
pub(crate) struct Params(Map<String, Value>);

impl Params {
    /// Parses the body (only a declared JSON body, as Rails does); malformed JSON is the
    /// shared [`SharedError::MalformedRequest`], which Spree words as 400 `invalid_request`.
    pub(crate) fn parse(request: &ApiRequest<'_>) -> Result<Params, SharedError> {
        match json_body(request)? {
            Some(Value::Object(map)) => Ok(Params(map)),
            // Rails nests non-object JSON under `_json`: every named parameter is absent.
            Some(_) | None => Ok(Params::default()),
        }
    }

    /// Whether the key was sent at all (even as null).
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// A scalar parameter as text; arrays, objects and null read as absent.
    pub(crate) fn string(&self, key: &str) -> Option<String> {
        match self.0.get(key)? {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            Value::Bool(flag) => Some(flag.to_string()),
            Value::Null | Value::Array(_) | Value::Object(_) => None,
        }
    }

    /// A boolean parameter cast like ActiveModel: `false`, `0`, `"f"`, `"false"`, `"off"` are
    /// false, blank is absent, anything else is true.
    pub(crate) fn boolean(&self, key: &str) -> Option<bool> {
        let text = self.string(key)?;
        let lowered = text.trim().to_ascii_lowercase();
        if lowered.is_empty() {
            return None;
        }
        Some(!matches!(lowered.as_str(), "false" | "0" | "f" | "off"))
    }

    /// An object parameter (`metadata`).
    pub(crate) fn object(&self, key: &str) -> Option<Value> {
        self.0.get(key).filter(|value| value.is_object()).cloned()
    }
}

/// Collapses runs of whitespace and trims, like Rails `squish`.
pub(crate) fn squish(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Squished text, or `None` when blank.
pub(crate) fn presence(text: Option<String>) -> Option<String> {
    text.map(|text| squish(&text))
        .filter(|text| !text.is_empty())
}

/// Trimmed text, or `None` when blank (address fields are stripped, not squished).
pub(crate) fn stripped(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

/// Whether the value is missing or only whitespace.
pub(crate) fn is_blank(text: Option<&str>) -> bool {
    text.is_none_or(|text| text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squish_and_presence() {
        assert_eq!(squish("  a \t b\n"), "a b");
        assert_eq!(presence(Some("   ".into())), None);
        assert_eq!(presence(Some(" Ann ".into())), Some("Ann".into()));
    }

    #[test]
    fn booleans_cast_like_rails() {
        let params = Params(
            serde_json::json!({"a":true,"b":"0","c":"false","d":"yes","e":"","f":0})
                .as_object()
                .cloned()
                .unwrap_or_default(),
        );
        assert_eq!(params.boolean("a"), Some(true));
        assert_eq!(params.boolean("b"), Some(false));
        assert_eq!(params.boolean("c"), Some(false));
        assert_eq!(params.boolean("d"), Some(true));
        assert_eq!(params.boolean("e"), None);
        assert_eq!(params.boolean("f"), Some(false));
        assert_eq!(params.boolean("missing"), None);
    }
}
