//! Request bodies as API Platform reads them before an operation runs: a JSON media type
//! (415 otherwise), JSON that parses (400 `Syntax error`), and the operation's declared fields
//! of the declared JSON types (422). Fields go by their camelCase name, or a snake_case one
//! when that is absent; undeclared members are ignored.

use super::php;
use super::problem::Problem;
use crate::http::{ApiRequest, json_body};
use serde_json::{Map, Value};

/// The JSON type a field declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `?string`.
    Text,
    /// `?bool`.
    Flag,
    /// `?int`.
    Integer,
    /// An id: an integer or a string.
    Id,
}

impl Kind {
    fn accepts(self, value: &Value) -> bool {
        match self {
            Kind::Text => value.is_string(),
            Kind::Flag => value.is_boolean(),
            Kind::Integer => value.is_i64(),
            Kind::Id => value.is_i64() || value.is_string(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Flag => "bool",
            Kind::Integer => "int",
            Kind::Id => "int|string",
        }
    }
}

/// A declared body field: its names, the preferred (camelCase) one first, and its type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    names: &'static [&'static str],
    kind: Kind,
}

impl Field {
    /// A field of `kind` known by `names`, in order of precedence.
    pub(crate) const fn new(names: &'static [&'static str], kind: Kind) -> Self {
        Self { names, kind }
    }
}

/// A body that passed API Platform's checks.
#[derive(Debug, Default)]
pub(crate) struct Body {
    members: Map<String, Value>,
}

/// The 415 detail for a request's `Content-Type`.
fn unsupported(request: &ApiRequest<'_>) -> Problem {
    let detail = match request.header("content-type") {
        Some(value) => format!(
            "The content-type \"{}\" is not supported. Supported MIME types are \"application/json\".",
            value.split(';').next().unwrap_or_default().trim()
        ),
        None => "The \"Content-Type\" header must exist.".to_owned(),
    };
    Problem::unsupported_media_type(detail)
}

impl Body {
    /// Reads the request body of an operation that declares `fields`. A blank body is an
    /// empty object; a JSON array decodes to a PHP array with no named members.
    pub(crate) fn read(request: &ApiRequest<'_>, fields: &[Field]) -> Result<Body, Problem> {
        let parsed = json_body(request).map_err(|_| Problem::bad_request("Syntax error"))?;
        let members = match parsed {
            None if request.body.iter().all(u8::is_ascii_whitespace) => Map::new(),
            None => return Err(unsupported(request)),
            Some(Value::Object(members)) => members,
            Some(Value::Array(_)) => Map::new(),
            Some(_) => return Err(Problem::bad_request("The input data is misformatted.")),
        };
        for field in fields {
            for name in field.names {
                match members.get(*name) {
                    Some(value) if !value.is_null() && !field.kind.accepts(value) => {
                        return Err(Problem::unprocessable(format!(
                            "The \"{name}\" field must be of type {}, {} given.",
                            field.kind.name(),
                            php::type_name(value)
                        )));
                    }
                    _ => {}
                }
            }
        }
        Ok(Body { members })
    }

    /// The field's value: under its first name that holds a non-null value.
    pub(crate) fn value(&self, field: &Field) -> Option<&Value> {
        field
            .names
            .iter()
            .find_map(|name| self.members.get(*name).filter(|value| !value.is_null()))
    }

    /// A text field (`None` when absent or null).
    pub(crate) fn text(&self, field: &Field) -> Option<&str> {
        self.value(field).and_then(Value::as_str)
    }

    /// A boolean field.
    pub(crate) fn flag(&self, field: &Field) -> Option<bool> {
        self.value(field).and_then(Value::as_bool)
    }

    /// An integer field.
    pub(crate) fn integer(&self, field: &Field) -> Option<i64> {
        self.value(field).and_then(Value::as_i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::http::HeaderMap;

    const NAME: Field = Field::new(&["firstName", "first_name"], Kind::Text);
    const FLAG: Field = Field::new(&["defaultAddress", "default_address"], Kind::Flag);
    const COUNT: Field = Field::new(&["status"], Kind::Integer);

    fn read(content_type: Option<&str>, body: &[u8]) -> Result<Body, Problem> {
        let mut headers = HeaderMap::new();
        if let Some(value) = content_type.and_then(|value| value.parse().ok()) {
            headers.insert("content-type", value);
        }
        let request = ApiRequest {
            method: "POST",
            path: "/api/shop/customers",
            query: None,
            headers: &headers,
            body,
        };
        Body::read(&request, &[NAME, FLAG, COUNT])
    }

    #[test]
    fn camel_case_wins_and_snake_case_stands_in() {
        let json = Some("application/json");
        let body = read(json, br#"{"first_name":"Ann","default_address":true}"#).expect("ok");
        assert_eq!(body.text(&NAME), Some("Ann"));
        assert_eq!(body.flag(&FLAG), Some(true));
        let body = read(json, br#"{"firstName":"Bo","first_name":"Ann","status":0}"#).expect("ok");
        assert_eq!(body.text(&NAME), Some("Bo"));
        assert_eq!(body.integer(&COUNT), Some(0));
        let body = read(json, br#"{"firstName":null,"first_name":"Ann"}"#).expect("ok");
        assert_eq!(body.text(&NAME), Some("Ann"));
    }

    #[test]
    fn wrong_types_are_422_with_phps_names() {
        let json = Some("application/json");
        let problem = read(json, br#"{"first_name":["x"]}"#).err();
        assert_eq!(
            problem,
            Some(Problem::unprocessable(
                "The \"first_name\" field must be of type string, array given."
            ))
        );
        let problem = read(json, br#"{"status":1.5}"#).err();
        assert_eq!(
            problem,
            Some(Problem::unprocessable(
                "The \"status\" field must be of type int, float given."
            ))
        );
        assert!(read(json, br#"{"defaultAddress":"yes"}"#).is_err());
    }

    #[test]
    fn media_types_syntax_and_shapes() {
        assert!(read(None, b"").is_ok());
        assert!(read(Some("application/json"), b"  ").is_ok());
        assert!(read(Some("application/json"), b"[1,2]").is_ok());
        assert_eq!(
            read(Some("application/json"), b"{").err(),
            Some(Problem::bad_request("Syntax error"))
        );
        assert_eq!(
            read(Some("application/json"), b"\"x\"").err(),
            Some(Problem::bad_request("The input data is misformatted."))
        );
        assert_eq!(
            read(Some("text/plain; charset=utf-8"), b"{}").err(),
            Some(Problem::unsupported_media_type(
                "The content-type \"text/plain\" is not supported. Supported MIME types are \"application/json\"."
            ))
        );
        assert_eq!(
            read(None, b"{}").err(),
            Some(Problem::unsupported_media_type(
                "The \"Content-Type\" header must exist."
            ))
        );
    }
}
