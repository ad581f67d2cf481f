//! Requests that the connection layer refuses, and how a refusal reaches the backend.
//!
//! The layer (`front`) never writes an answer of its own: it forwards a refused request to
//! the wiremock server without its body and with one marker header, and the responder asks
//! the backend for the error body (`Emulator::error_response` of the matching
//! [`SharedError`]). So refusals carry the same `Date`, CORS and envelope as every other
//! answer. The layer removes the marker from everything a client sends.

use crate::emulator::SharedError;
use crate::http::ApiRequest;
use hyper::HeaderMap;
use hyper::header::HeaderValue;

/// The marker header between the layer and the responder (never accepted from clients).
const MARKER: &str = "x-storefront-mock-rejection";

/// Why the connection layer refused a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rejection {
    /// The declared or received body is over `max_request_body_size` (413).
    BodyTooLarge,
    /// The body framing is broken, e.g. a bad chunk size (400).
    MalformedBody,
    /// An HTTP/1.1 request without `Host` (400, RFC 9112 §3.2).
    MissingHost,
    /// A request target without a path (authority-form, as in `CONNECT`) (400).
    BadTarget,
}

impl Rejection {
    const ALL: [Rejection; 4] = [
        Rejection::BodyTooLarge,
        Rejection::MalformedBody,
        Rejection::MissingHost,
        Rejection::BadTarget,
    ];

    fn name(self) -> &'static str {
        match self {
            Rejection::BodyTooLarge => "body_too_large",
            Rejection::MalformedBody => "malformed_body",
            Rejection::MissingHost => "missing_host",
            Rejection::BadTarget => "bad_target",
        }
    }

    /// The shared error the backend words: 413 for a body over the limit, 400 with the
    /// parser's message for the rest.
    pub(crate) fn shared_error(self) -> SharedError {
        match self {
            Rejection::BodyTooLarge => SharedError::BodyTooLarge,
            Rejection::MalformedBody => {
                SharedError::MalformedRequest("malformed chunked body framing".to_owned())
            }
            Rejection::MissingHost => {
                SharedError::MalformedRequest("an HTTP/1.1 request needs a Host header".to_owned())
            }
            Rejection::BadTarget => SharedError::MalformedRequest(
                "the request target is not a path (origin form)".to_owned(),
            ),
        }
    }

    /// Removes any marker a client sent.
    pub(crate) fn strip(headers: &mut HeaderMap) {
        headers.remove(MARKER);
    }

    /// Marks a forwarded request as refused for this reason.
    pub(crate) fn mark(self, headers: &mut HeaderMap) {
        headers.insert(MARKER, HeaderValue::from_static(self.name()));
    }

    /// The refusal a forwarded request carries, if any.
    pub(crate) fn carried_by(request: &ApiRequest<'_>) -> Option<Rejection> {
        let name = request.header(MARKER)?;
        Self::ALL
            .into_iter()
            .find(|rejection| rejection.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_round_trip_and_strip() {
        for rejection in Rejection::ALL {
            let mut headers = HeaderMap::new();
            rejection.mark(&mut headers);
            let request = ApiRequest {
                method: "POST",
                path: "/",
                query: None,
                headers: &headers,
                body: b"",
            };
            assert_eq!(Rejection::carried_by(&request), Some(rejection));
            Rejection::strip(&mut headers);
            assert!(headers.is_empty());
        }
    }
}
