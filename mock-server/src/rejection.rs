//! Requests that the connection layer refuses, and how a refusal reaches the backend.
//!
//! The layer (`front`) never writes an answer of its own: it forwards a refused request to
//! the wiremock server without its body and with one marker header, and the responder asks
//! the backend for the error body (`Emulator::error_response` of the matching
//! [`SharedError`]). So refusals carry the same `Date`, CORS and envelope as every other
//! answer. The layer removes the marker from everything a client sends.

use crate::emulator::SharedError;
use crate::http::ApiRequest;

/// The marker header between the layer and the responder (never accepted from clients).
pub(crate) const MARKER: &str = "x-storefront-mock-rejection";

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
    /// Bytes that are not an HTTP/1.x request head (400).
    MalformedHead,
    /// A request head over 16 KiB or with more than 100 fields (431).
    HeadTooLarge,
}

impl Rejection {
    const ALL: [Rejection; 6] = [
        Rejection::BodyTooLarge,
        Rejection::MalformedBody,
        Rejection::MissingHost,
        Rejection::BadTarget,
        Rejection::MalformedHead,
        Rejection::HeadTooLarge,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Rejection::BodyTooLarge => "body_too_large",
            Rejection::MalformedBody => "malformed_body",
            Rejection::MissingHost => "missing_host",
            Rejection::BadTarget => "bad_target",
            Rejection::MalformedHead => "malformed_head",
            Rejection::HeadTooLarge => "head_too_large",
        }
    }

    /// The shared error the backend words: 413 for a body over the limit, 431 for a head over
    /// its limits, 400 with the parser's message for the rest.
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
            Rejection::MalformedHead => {
                SharedError::MalformedRequest("not an HTTP/1.x request head".to_owned())
            }
            Rejection::HeadTooLarge => SharedError::HeadTooLarge,
        }
    }

    /// The marker field of a request refused for this reason, CRLF included.
    pub(crate) fn marker_line(self) -> String {
        format!("{MARKER}: {}\r\n", self.name())
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
    fn marks_round_trip() {
        for rejection in Rejection::ALL {
            let mut headers = wiremock::http::HeaderMap::new();
            let line = rejection.marker_line();
            let (name, value) = line.trim_end().split_once(": ").unwrap();
            headers.insert(
                wiremock::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
            let request = ApiRequest {
                method: "POST",
                path: "/",
                query: None,
                headers: &headers,
                body: b"",
            };
            assert_eq!(Rejection::carried_by(&request), Some(rejection));
        }
    }
}
