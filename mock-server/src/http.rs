//! Backend-neutral request and response types, JSON output and CORS.

use serde::Serialize;
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

    /// The first query parameter named `name`.
    pub(crate) fn query_param(&self, name: &str) -> Option<String> {
        let query = self.query?;
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }
}

/// Which response headers the emulated framework adds around a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ResponseOrigin {
    /// Rendered by an action: security headers and `X-Request-Id`.
    Action,
    /// Rendered by a halting filter or the router: `X-Request-Id` only.
    Filter,
    /// Rendered by a bare middleware (the 413): no extra headers at all.
    Middleware,
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

/// Response headers that the browser may read (CORS `Access-Control-Expose-Headers`).
const EXPOSED_HEADERS: &str = "Date, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, Idempotent-Replayed, X-Request-Id";

/// Request headers always allowed by preflights.
const ALLOWED_HEADERS: &[&str] = &[
    "authorization",
    "content-type",
    "idempotency-key",
    "x-spree-api-key",
    "x-spree-locale",
    "x-spree-currency",
    "x-spree-country",
    "x-spree-channel",
];

/// CORS headers for every response.
pub(crate) fn cors_headers(cors_origin: &str) -> Vec<(&'static str, String)> {
    let mut headers = vec![
        ("access-control-allow-origin", cors_origin.to_owned()),
        ("access-control-expose-headers", EXPOSED_HEADERS.to_owned()),
    ];
    if cors_origin != "*" {
        headers.push(("vary", "Origin".to_owned()));
    }
    headers
}

/// Extra headers of a preflight answer: methods, the allowed request headers and a max age.
pub(crate) fn preflight_headers(requested_headers: Option<&str>) -> Vec<(&'static str, String)> {
    let mut allowed: Vec<String> = ALLOWED_HEADERS
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    for requested in requested_headers.unwrap_or_default().split(',') {
        let name = requested.trim().to_ascii_lowercase();
        if name.starts_with("x-spree-") && !allowed.contains(&name) {
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

    #[test]
    fn html_characters_are_escaped_like_rails() {
        let body = rails_json(&serde_json::json!({"name":"<b>&</b>","other":"é"}));
        assert_eq!(
            String::from_utf8(body).expect("utf-8"),
            r#"{"name":"\u003cb\u003e\u0026\u003c/b\u003e","other":"é"}"#
        );
    }

    #[test]
    fn preflight_echoes_spree_headers() {
        let headers = preflight_headers(Some("X-Spree-Custom, X-Evil"));
        let allowed = &headers[1].1;
        assert!(allowed.contains("x-spree-custom"));
        assert!(!allowed.contains("x-evil"));
    }
}
