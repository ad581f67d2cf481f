//! Request documents: `{"data":{"type","id"?,"attributes"}}` read the way Glue reads them
//! (`RequestResourceExtractor`, `RestRequestValidator`), as `application/vnd.api+json` or plain
//! `application/json`, and the attribute values with PHP's casts.

use super::errors::GlueError;
use crate::emulator::SharedError;
use crate::http::{ApiRequest, json_body};
use serde_json::{Map, Value};

/// Why a body yields no attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// A Glue error (no or invalid `data`, wrong `type`).
    Glue(GlueError),
    /// Malformed JSON, worded by the emulator's `error_response`.
    Shared(SharedError),
}

impl From<GlueError> for BodyError {
    fn from(error: GlueError) -> Self {
        Self::Glue(error)
    }
}

/// The parsed body: a declared JSON media type (`application/vnd.api+json`, plain
/// `application/json`) through the shared reader; any other declaration, or none, is read as
/// JSON too (a client replaying a documented request with curl's default form type still
/// gets its document read). A body that is not JSON is `MalformedRequest`.
fn body_json(request: &ApiRequest<'_>) -> Result<Option<Value>, SharedError> {
    let declared_json = request.header("content-type").is_some_and(|content_type| {
        let mime = content_type.split(';').next().unwrap_or_default().trim();
        mime.eq_ignore_ascii_case("application/json")
            || mime.to_ascii_lowercase().ends_with("+json")
    });
    if declared_json {
        return json_body(request);
    }
    if request.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(request.body)
        .map(Some)
        .map_err(|error| SharedError::MalformedRequest(error.to_string()))
}

/// The attributes of a `POST`/`PATCH` document for `resource_type`.
///
/// # Errors
/// "Post data is invalid." without `data.type` or `data.attributes` (or with scalar
/// attributes, which Glue cannot map), "Invalid type." for another resource type, and
/// `MalformedRequest` for a body that is not JSON.
pub(crate) fn read_attributes(
    request: &ApiRequest<'_>,
    resource_type: &str,
) -> Result<Attributes, BodyError> {
    let Some(Value::Object(mut document)) = body_json(request).map_err(BodyError::Shared)? else {
        return Err(GlueError::post_data_invalid().into());
    };
    let Some(Value::Object(mut data)) = document.remove("data") else {
        return Err(GlueError::post_data_invalid().into());
    };
    let (Some(kind), Some(attributes)) = (
        data.remove("type").filter(|kind| !kind.is_null()),
        data.remove("attributes").filter(|value| !value.is_null()),
    ) else {
        return Err(GlueError::post_data_invalid().into());
    };
    if kind.as_str() != Some(resource_type) {
        return Err(GlueError::invalid_type().into());
    }
    match attributes {
        Value::Object(map) => Ok(Attributes(map)),
        // A PHP list maps no property: the attributes are empty.
        Value::Array(_) => Ok(Attributes::default()),
        _ => Err(GlueError::post_data_invalid().into()),
    }
}

/// A scalar as PHP's `(string)` cast writes it; `None` for null, arrays and objects.
pub(crate) fn php_string(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(true) => Some("1".to_owned()),
        Value::Bool(false) => Some(String::new()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// PHP's truthiness: null, false, 0, 0.0, `""`, `"0"` and empty arrays are false.
pub(crate) fn php_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Number(number) => number.as_f64().is_some_and(|n| n != 0.0),
        Value::String(text) => !text.is_empty() && text != "0",
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
    }
}

/// The `attributes` object of a request document.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Attributes(Map<String, Value>);

impl Attributes {
    /// The raw value of an attribute (`Some(Null)` when sent as null).
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    /// An attribute as text (PHP's string cast); `None` when absent, null or not a scalar.
    pub(crate) fn text(&self, name: &str) -> Option<String> {
        self.get(name).and_then(php_string)
    }

    /// Whether an attribute is present and truthy in PHP's sense.
    pub(crate) fn truthy(&self, name: &str) -> bool {
        self.get(name).is_some_and(php_truthy)
    }

    /// For a `PATCH`: `None` when the attribute was not sent, else its new text (`Some(None)`
    /// clears it).
    pub(crate) fn change(&self, name: &str) -> Option<Option<String>> {
        self.get(name).map(php_string)
    }
}

#[cfg(test)]
impl Attributes {
    /// Attributes from a JSON object (tests).
    pub(crate) fn from_json(value: Value) -> Self {
        match value {
            Value::Object(map) => Self(map),
            _ => Self::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::http::HeaderMap;

    fn read(content_type: Option<&str>, body: &str) -> Result<Attributes, BodyError> {
        let mut headers = HeaderMap::new();
        if let Some(value) = content_type.and_then(|value| value.parse().ok()) {
            headers.insert("content-type", value);
        }
        let request = ApiRequest {
            method: "POST",
            path: "/access-tokens",
            query: None,
            headers: &headers,
            body: body.as_bytes(),
        };
        read_attributes(&request, "access-tokens")
    }

    #[test]
    fn documents_are_read_whatever_the_declared_media_type() {
        let body = r#"{"data":{"type":"access-tokens","attributes":{"username":"a"}}}"#;
        for content_type in [
            Some("application/vnd.api+json"),
            Some("application/json; charset=utf-8"),
            None,
        ] {
            let attributes = read(content_type, body).expect("a document");
            assert_eq!(attributes.text("username").as_deref(), Some("a"));
        }
        let form = read(Some("application/x-www-form-urlencoded"), body).expect("read as JSON");
        assert_eq!(form.text("username").as_deref(), Some("a"));
        assert!(matches!(
            read(Some("application/x-www-form-urlencoded"), "username=a"),
            Err(BodyError::Shared(SharedError::MalformedRequest(_)))
        ));
    }

    #[test]
    fn glue_refuses_what_it_cannot_map() {
        let invalid = Err(BodyError::Glue(GlueError::post_data_invalid()));
        for body in [
            "",
            "[]",
            "{}",
            r#"{"data":[]}"#,
            r#"{"data":{"type":"access-tokens"}}"#,
            r#"{"data":{"attributes":{}}}"#,
            r#"{"data":{"type":"access-tokens","attributes":null}}"#,
            r#"{"data":{"type":"access-tokens","attributes":"x"}}"#,
        ] {
            assert_eq!(read(Some("application/json"), body), invalid, "{body}");
        }
        assert_eq!(
            read(
                Some("application/json"),
                r#"{"data":{"type":"customers","attributes":{}}}"#
            ),
            Err(BodyError::Glue(GlueError::invalid_type()))
        );
        assert!(matches!(
            read(Some("application/json"), "{"),
            Err(BodyError::Shared(SharedError::MalformedRequest(_)))
        ));
        assert_eq!(
            read(
                None,
                r#"{"data":{"type":"access-tokens","attributes":[1,2]}}"#
            ),
            Ok(Attributes::default())
        );
    }

    #[test]
    fn values_cast_like_php() {
        let attributes = Attributes::from_json(serde_json::json!({
            "s": "x", "n": 12, "t": true, "f": false, "z": null, "a": [1], "zero": "0"
        }));
        assert_eq!(attributes.text("n").as_deref(), Some("12"));
        assert_eq!(attributes.text("t").as_deref(), Some("1"));
        assert_eq!(attributes.text("f").as_deref(), Some(""));
        assert_eq!(attributes.text("a"), None);
        assert_eq!(attributes.change("z"), Some(None));
        assert_eq!(attributes.change("missing"), None);
        assert!(attributes.truthy("s") && attributes.truthy("t") && attributes.truthy("a"));
        assert!(!attributes.truthy("zero") && !attributes.truthy("f") && !attributes.truthy("z"));
    }
}
