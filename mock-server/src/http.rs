//! Backend-neutral request and response types, JSON request bodies and CORS.

use crate::emulator::SharedError;
use wiremock::http::HeaderMap;

/// JSON content type used by every emulated store.
pub(crate) const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// A request as the backends see it.
pub(crate) struct ApiRequest<'a> {
    /// Upper-case method.
    pub(crate) method: &'a str,
    /// Raw path, still percent-encoded, without the query.
    pub(crate) path: &'a str,
    /// Raw query string.
    pub(crate) query: Option<&'a str>,
    /// Request headers.
    pub(crate) headers: &'a HeaderMap,
    /// Raw body bytes.
    pub(crate) body: &'a [u8],
}

impl ApiRequest<'_> {
    /// A header value as text; `None` when missing or not visible ASCII.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The `Content-Length` header as a number, if present and numeric.
    pub(crate) fn content_length(&self) -> Option<u64> {
        self.header("content-length")?.trim().parse().ok()
    }

    /// The first query parameter named `name`.
    pub(crate) fn query_param(&self, name: &str) -> Option<String> {
        let query = self.query?;
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }
}

/// Who produced a response, which decides the headers added around it: every origin but
/// `Middleware` gets `X-Request-Id`; the backend's framework headers
/// (`Emulator::framework_headers`) depend on the origin and never apply to `Mock`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ResponseOrigin {
    /// The operation itself (an action): the framework's full decoration.
    Action,
    /// A check that halted the request before the operation, or the router.
    Filter,
    /// An outermost layer (e.g. Rack's body-size middleware): no extra headers at all.
    Middleware,
    /// The mock itself: control endpoints and CORS preflights, the same for every backend.
    Mock,
}

/// A response before the neutral headers (Date, CORS, request id) are added.
#[derive(Debug, Clone)]
pub(crate) struct ApiResponse {
    /// HTTP status.
    pub(crate) status: u16,
    /// Body bytes.
    pub(crate) body: Vec<u8>,
    /// `Content-Type`, if any.
    pub(crate) content_type: Option<String>,
    /// Further headers.
    pub(crate) headers: Vec<(String, String)>,
    /// Who produced the response.
    pub(crate) origin: ResponseOrigin,
    /// Whether this is an idempotent replay.
    pub(crate) replayed: bool,
}

impl ApiResponse {
    /// A JSON response.
    pub(crate) fn json(status: u16, body: Vec<u8>, origin: ResponseOrigin) -> Self {
        Self {
            status,
            body,
            content_type: Some(JSON_CONTENT_TYPE.to_owned()),
            headers: Vec::new(),
            origin,
            replayed: false,
        }
    }

    /// A response without a body or content type (204).
    pub(crate) fn empty(status: u16, origin: ResponseOrigin) -> Self {
        Self {
            status,
            body: Vec::new(),
            content_type: None,
            headers: Vec::new(),
            origin,
            replayed: false,
        }
    }

    /// Adds a header.
    pub(crate) fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }
}

/// Whether the request declares a JSON body: `application/json` or any `+json` media type.
fn declares_json(request: &ApiRequest<'_>) -> bool {
    request.header("content-type").is_some_and(|content_type| {
        let mime = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        mime == "application/json" || mime.ends_with("+json")
    })
}

/// The body as JSON when the request declares a JSON media type and the body is not blank;
/// `None` otherwise. A declared body that does not parse is [`SharedError::MalformedRequest`]
/// with the parser's message (the backend decides when in its pipeline to ask, and words the
/// error with `Emulator::error_response`).
pub(crate) fn json_body(
    request: &ApiRequest<'_>,
) -> Result<Option<serde_json::Value>, SharedError> {
    if !declares_json(request) || request.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(request.body)
        .map(Some)
        .map_err(|error| SharedError::MalformedRequest(error.to_string()))
}

/// Request headers every backend's preflights allow.
const BASE_ALLOWED_HEADERS: &[&str] = &["authorization", "content-type"];

/// A backend's CORS needs: which request headers its clients send, which response headers
/// they read.
#[derive(Debug)]
pub(crate) struct CorsPolicy {
    /// Request headers a preflight always allows besides `authorization` and `content-type`
    /// (lower case, in answer order).
    pub(crate) allow_headers: &'static [&'static str],
    /// Prefixes (lower case) of further request headers a preflight allows when asked for,
    /// e.g. `x-spree-`.
    pub(crate) allow_header_prefixes: &'static [&'static str],
    /// `Access-Control-Expose-Headers`: the response headers a browser client may read.
    pub(crate) expose_headers: &'static str,
}

/// CORS headers for every response.
pub(crate) fn cors_headers(cors_origin: &str, policy: &CorsPolicy) -> Vec<(&'static str, String)> {
    let mut headers = vec![
        ("access-control-allow-origin", cors_origin.to_owned()),
        (
            "access-control-expose-headers",
            policy.expose_headers.to_owned(),
        ),
    ];
    if cors_origin != "*" {
        headers.push(("vary", "Origin".to_owned()));
    }
    headers
}

/// Extra headers of a preflight answer: methods, the allowed request headers and a max age.
pub(crate) fn preflight_headers(
    requested_headers: Option<&str>,
    policy: &CorsPolicy,
) -> Vec<(&'static str, String)> {
    let mut allowed: Vec<String> = BASE_ALLOWED_HEADERS
        .iter()
        .chain(policy.allow_headers)
        .map(|name| (*name).to_owned())
        .collect();
    for requested in requested_headers.unwrap_or_default().split(',') {
        let name = requested.trim().to_ascii_lowercase();
        if policy
            .allow_header_prefixes
            .iter()
            .any(|prefix| name.starts_with(prefix))
            && !allowed.contains(&name)
        {
            allowed.push(name);
        }
    }
    vec![
        (
            "access-control-allow-methods",
            "GET, POST, PUT, PATCH, DELETE, OPTIONS".to_owned(),
        ),
        ("access-control-allow-headers", allowed.join(", ")),
        ("access-control-max-age", "86400".to_owned()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: CorsPolicy = CorsPolicy {
        allow_headers: &["x-store-key"],
        allow_header_prefixes: &["x-store-"],
        expose_headers: "Date",
    };

    #[test]
    fn preflight_allows_the_base_the_listed_and_the_prefixed_headers() {
        let headers = preflight_headers(Some("X-Store-Custom, X-Evil, X-Store-Key"), &POLICY);
        assert_eq!(
            headers[1].1,
            "authorization, content-type, x-store-key, x-store-custom"
        );
    }

    #[test]
    fn a_named_origin_varies() {
        assert_eq!(cors_headers("*", &POLICY).len(), 2);
        let named = cors_headers("https://shop.example", &POLICY);
        assert_eq!(named[1].1, "Date");
        assert_eq!(named[2], ("vary", "Origin".to_owned()));
    }

    fn request<'a>(
        content_type: &str,
        headers: &'a mut HeaderMap,
        body: &'a [u8],
    ) -> ApiRequest<'a> {
        if let Ok(value) = content_type.parse() {
            headers.insert("content-type", value);
        }
        ApiRequest {
            method: "POST",
            path: "/",
            query: None,
            headers,
            body,
        }
    }

    #[test]
    fn json_bodies_are_read_only_when_declared() {
        let mut headers = HeaderMap::new();
        let parsed = json_body(&request("application/json", &mut headers, br#"{"a":1}"#));
        assert_eq!(parsed, Ok(Some(serde_json::json!({"a":1}))));
        let mut headers = HeaderMap::new();
        let vendor = json_body(&request(
            "application/vnd.api+json; charset=utf-8",
            &mut headers,
            b"[1]",
        ));
        assert_eq!(vendor, Ok(Some(serde_json::json!([1]))));
        let mut headers = HeaderMap::new();
        assert_eq!(
            json_body(&request("text/plain", &mut headers, b"{")),
            Ok(None)
        );
        let mut headers = HeaderMap::new();
        assert_eq!(
            json_body(&request("application/json", &mut headers, b" \n")),
            Ok(None)
        );
        let mut headers = HeaderMap::new();
        let broken = json_body(&request("application/json", &mut headers, b"{"));
        assert!(
            matches!(broken, Err(SharedError::MalformedRequest(message)) if !message.is_empty())
        );
    }
}
