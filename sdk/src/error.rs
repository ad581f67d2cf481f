//! The SDK's one error type (token-lifecycle.md §10).

use std::fmt;
use std::time::Duration;

/// Whether a failed request may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Nothing was sent: safe to retry any operation.
    BeforeSend,
    /// The request may have been processed; only replay-safe operations retry.
    AfterSend,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::BeforeSend => "before the request was sent",
            Phase::AfterSend => "the request may have reached the server",
        })
    }
}

/// One field's validation messages, keyed as the backend names the attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldError {
    /// The backend's raw attribute name, e.g. Spree's `zipcode`.
    pub attribute: String,
    /// The request field it corresponds to, e.g. `postal_code`, where known.
    pub field: Option<String>,
    /// The messages, without the attribute prefix.
    pub messages: Vec<String>,
}

impl FieldError {
    /// Messages about `attribute` (the backend's name), which is the request
    /// field `field` where known.
    pub fn new(attribute: impl Into<String>, field: Option<&str>, messages: Vec<String>) -> Self {
        Self {
            attribute: attribute.into(),
            field: field.map(str::to_owned),
            messages,
        }
    }
}

/// An error the API itself reported: the unified code, and the backend's own
/// code and message as they came.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status (201 for a Bagisto soft failure, 200 for a GraphQL error).
    pub status: u16,
    /// The unified code, the same for the same situation on every backend:
    /// Spree's vocabulary (`authentication_failed`, `validation_error`,
    /// `record_not_found`, …) plus codes other backends need
    /// (`email_not_confirmed`, `account_locked`, …); see [`Error::code`].
    pub code: String,
    /// The backend's raw code as it came, as a string (`"001"` keeps its
    /// zeros; the message template on Magento REST, which has no codes; the
    /// category on GraphQL).
    pub backend_code: String,
    /// The human-readable message (display text, placeholders substituted;
    /// branch on `code`).
    pub message: String,
    /// Field-level details of a validation failure.
    pub details: Vec<FieldError>,
    /// The `X-Request-Id` of the response, when present.
    pub request_id: Option<String>,
}

impl ApiError {
    /// An error of `status` with the unified `code`, the backend's raw code and
    /// the message; no details, no request id.
    pub fn new(
        status: u16,
        code: impl Into<String>,
        backend_code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let code = code.into();
        let backend_code = backend_code.into();
        // Every unified code a backend chooses is in the vocabulary; a code
        // passed on as the backend sent it (Spree's) may be any.
        #[cfg(test)]
        assert!(
            Error::CODES.contains(&code.as_str()) || code == backend_code,
            "`{code}` is not in Error::CODES"
        );
        Self {
            status,
            code,
            backend_code,
            message: message.into(),
            details: Vec::new(),
            request_id: None,
        }
    }

    /// With field-level details.
    pub fn with_details(mut self, details: Vec<FieldError>) -> Self {
        self.details = details;
        self
    }

    /// With the response's request id.
    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.status, self.message)
    }
}

/// Everything that can go wrong in an SDK call.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The connection failed; `phase` tells whether the request may have arrived.
    #[error("network error ({phase}): {message}")]
    Network {
        /// Whether the request may have been processed.
        phase: Phase,
        /// What the transport reported.
        message: String,
    },
    /// An attempt or the call's overall deadline ran out.
    #[error("request timed out ({phase})")]
    Timeout {
        /// Whether the request may have been processed.
        phase: Phase,
    },
    /// The caller cancelled the call.
    #[error("request cancelled")]
    Cancelled,
    /// The server throttled the call and the wait was longer than allowed.
    #[error("rate limited{}", retry_after.map(|d| format!(", retry after {}s", d.as_secs())).unwrap_or_default())]
    RateLimited {
        /// How long the server asked to wait.
        retry_after: Option<Duration>,
        /// The error body, when it had one.
        api: Option<Box<ApiError>>,
    },
    /// Login failed: unknown email or wrong password.
    #[error("invalid credentials: {0}")]
    InvalidCredentials(Box<ApiError>),
    /// The access token was missing or rejected.
    #[error("not authenticated{}", if *refreshed { " (after a refresh)" } else { "" })]
    Unauthenticated {
        /// Whether a refresh was attempted before giving up.
        refreshed: bool,
        /// The error body, when the server sent one.
        api: Option<Box<ApiError>>,
    },
    /// The session cannot be renewed: no refresh token, or it was rejected.
    #[error("session expired")]
    SessionExpired {
        /// The refresh rejection, when there was one.
        api: Option<Box<ApiError>>,
    },
    /// The input failed the server's validation.
    #[error("validation failed: {0}")]
    Validation(Box<ApiError>),
    /// The resource does not exist (or is not the caller's).
    #[error("not found: {0}")]
    NotFound(Box<ApiError>),
    /// The request conflicts with the resource's state.
    #[error("conflict: {0}")]
    Conflict(Box<ApiError>),
    /// The caller may not do this.
    #[error("forbidden: {0}")]
    Forbidden(Box<ApiError>),
    /// Any other error the API reported; `code` tells which.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The backend has no such operation.
    #[error("{operation} is not supported by the {backend} backend")]
    Unsupported {
        /// The SDK operation.
        operation: &'static str,
        /// The backend's name.
        backend: &'static str,
    },
    /// The client is misconfigured: a bad API key or base URL.
    #[error("configuration error: {message}")]
    Config {
        /// What is wrong.
        message: String,
        /// The server's rejection, when it came from the server.
        api: Option<Box<ApiError>>,
    },
    /// A 5xx response, whatever its body (an HTML 502 from a proxy included).
    #[error("server error {status}")]
    Server {
        /// HTTP status.
        status: u16,
        /// How long the server asked to wait (`Retry-After`), when it said so.
        retry_after: Option<Duration>,
        /// The error body, when it was the API's JSON envelope.
        api: Option<Box<ApiError>>,
        /// The start of the body, with token-like strings redacted.
        body_snippet: String,
    },
    /// A response that did not parse as the expected shape.
    #[error("could not decode a {status} response ({}): {message}", content_type.as_deref().unwrap_or("no content type"))]
    Decode {
        /// HTTP status.
        status: u16,
        /// The response's `Content-Type`.
        content_type: Option<String>,
        /// The start of the body, with token-like strings redacted.
        body_snippet: String,
        /// What the decoder reported.
        message: String,
    },
    /// The token store failed.
    #[error("storage error: {message}")]
    Storage {
        /// What the store reported.
        message: String,
    },
    /// The client was disposed; it makes no more calls.
    #[error("the client was disposed")]
    Disposed,
    /// The input was rejected before sending.
    #[error("invalid input: {message}")]
    InvalidInput {
        /// What is wrong with it.
        message: String,
    },
}

impl Error {
    /// Every code [`Error::code`] can return: the unified codes the
    /// backends report, then the fixed codes of failures the API did not
    /// describe. Spree passes its own codes on as they come, so a Spree
    /// server may send one that is not here (its catalogue's codes for the
    /// account endpoints are). The npm package's `StorefrontErrorCode`
    /// repeats this list; a test of the bindings pins the two together.
    pub const CODES: &'static [&'static str] = &[
        // Reported by the API, the same for the same situation on every backend.
        "access_denied",
        "account_locked",
        "api_error",
        "authentication_failed",
        "authentication_required",
        "conflict",
        "current_password_invalid",
        "email_not_confirmed",
        "idempotency_key_reused",
        "invalid_provider",
        "invalid_refresh_token",
        "invalid_request",
        "invalid_token",
        "parameter_missing",
        "password_reset_token_invalid",
        "processing_error",
        "rate_limit_exceeded",
        "record_not_found",
        "request_too_large",
        "server_error",
        "validation_error",
        // Failures without an API error body.
        "aborted",
        "client_disposed",
        "config_error",
        "decode_error",
        "invalid_input",
        "network_error",
        "session_expired",
        "storage_error",
        "timeout",
        "unauthenticated",
        "unsupported",
    ];

    /// True for failures that say nothing about the request or the
    /// credentials: network, timeout, 408, 429 and 5xx (TL-10.3).
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Network { .. }
            | Error::Timeout { .. }
            | Error::RateLimited { .. }
            | Error::Server { .. } => true,
            other => other.status() == Some(408),
        }
    }

    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Server { status, .. } | Error::Decode { status, .. } => Some(*status),
            Error::RateLimited { api, .. } => Some(api.as_ref().map_or(429, |api| api.status)),
            other => other.api().map(|api| api.status),
        }
    }

    /// The API error body, when the server sent one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::InvalidCredentials(api)
            | Error::Validation(api)
            | Error::NotFound(api)
            | Error::Conflict(api)
            | Error::Forbidden(api)
            | Error::Api(api) => Some(api.as_ref()),
            Error::RateLimited { api, .. }
            | Error::Unauthenticated { api, .. }
            | Error::SessionExpired { api }
            | Error::Config { api, .. }
            | Error::Server { api, .. } => api.as_deref(),
            _ => None,
        }
    }

    /// The unified code: for errors the API reported, the same code for the
    /// same situation on every backend (`authentication_failed`,
    /// `authentication_required`, `validation_error`, `record_not_found`,
    /// `invalid_refresh_token`, `password_reset_token_invalid`,
    /// `current_password_invalid`, `rate_limit_exceeded`,
    /// `email_not_confirmed`, `account_locked`, `invalid_token` for a rejected
    /// store key, …); else a fixed code naming the kind of failure
    /// (`network_error`, `timeout`, `aborted`, `unsupported`, `invalid_input`,
    /// …).
    pub fn code(&self) -> &str {
        if let Some(api) = self.api() {
            return &api.code;
        }
        match self {
            Error::Network { .. } => "network_error",
            Error::Timeout { .. } => "timeout",
            Error::Cancelled => "aborted",
            Error::RateLimited { .. } => "rate_limit_exceeded",
            Error::Unauthenticated { .. } => "unauthenticated",
            Error::SessionExpired { .. } => "session_expired",
            Error::Unsupported { .. } => "unsupported",
            Error::Config { .. } => "config_error",
            Error::Server { .. } => "server_error",
            Error::Decode { .. } => "decode_error",
            Error::Storage { .. } => "storage_error",
            Error::InvalidInput { .. } => "invalid_input",
            Error::Disposed => "client_disposed",
            _ => "api_error",
        }
    }

    /// The backend's own code as it came (`"001"`, `graphql-input`,
    /// `missing_key`, …), when the API reported the error.
    pub fn backend_code(&self) -> Option<&str> {
        self.api().map(|api| api.backend_code.as_str())
    }

    /// How long the server asked to wait before retrying (a 429, or a 5xx
    /// with `Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after, .. } | Error::Server { retry_after, .. } => {
                *retry_after
            }
            _ => None,
        }
    }

    /// Field-level validation details (empty for other errors).
    pub fn details(&self) -> &[FieldError] {
        self.api().map_or(&[], |api| api.details.as_slice())
    }

    pub(crate) fn invalid_input(message: impl Into<String>) -> Self {
        Error::InvalidInput {
            message: message.into(),
        }
    }
}

/// The start of a response body for error reports, with anything that looks
/// like a token (a long run of base64url/base58 characters) redacted. A body
/// that is not UTF-8 shows up to its first invalid byte, then a marker.
pub(crate) fn body_snippet(body: &[u8]) -> String {
    const MAX_CHARS: usize = 200;
    const TOKEN_RUN: usize = 20;
    let (text, invalid) = match std::str::from_utf8(body) {
        Ok(text) => (text, false),
        Err(error) => (
            std::str::from_utf8(body.get(..error.valid_up_to()).unwrap_or_default())
                .unwrap_or_default(),
            true,
        ),
    };
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= TOKEN_RUN {
            out.push_str("[redacted]");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for ch in text.chars().take(MAX_CHARS) {
        if ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.' | '=' | '+' | '/') {
            run.push(ch);
        } else {
            flush(&mut run, &mut out);
            out.push(ch);
        }
    }
    flush(&mut run, &mut out);
    if invalid && text.chars().nth(MAX_CHARS).is_none() {
        out.push_str("[not UTF-8]");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_redact_token_like_runs() {
        let body = br#"{"token":"eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoxfQ.sig","x":"short"}"#;
        let snippet = body_snippet(body);
        assert!(!snippet.contains("eyJ"), "{snippet}");
        assert!(snippet.contains("short"));
    }

    #[test]
    fn snippets_of_bodies_that_are_not_utf8_end_with_a_marker() {
        assert_eq!(
            body_snippet(b"<html>bad \xff\xfe gateway"),
            "<html>bad [not UTF-8]"
        );
        assert_eq!(body_snippet(b"\xff"), "[not UTF-8]");
    }

    #[test]
    fn transient_kinds_match_the_spec() {
        assert!(
            Error::Server {
                status: 502,
                retry_after: None,
                api: None,
                body_snippet: String::new()
            }
            .is_transient()
        );
        assert!(
            Error::Timeout {
                phase: Phase::AfterSend
            }
            .is_transient()
        );
        assert!(!Error::Cancelled.is_transient());
        let request_timeout = ApiError::new(408, "request_timeout", "request_timeout", "");
        assert!(Error::Api(Box::new(request_timeout)).is_transient());
        assert_eq!(Error::Cancelled.code(), "aborted");
    }

    #[test]
    fn every_fixed_code_is_in_the_vocabulary() {
        let failures = [
            Error::Network {
                phase: Phase::BeforeSend,
                message: String::new(),
            },
            Error::Timeout {
                phase: Phase::AfterSend,
            },
            Error::Cancelled,
            Error::RateLimited {
                retry_after: None,
                api: None,
            },
            Error::Unauthenticated {
                refreshed: true,
                api: None,
            },
            Error::SessionExpired { api: None },
            Error::Unsupported {
                operation: "auth.refresh",
                backend: "magento-rest",
            },
            Error::Config {
                message: String::new(),
                api: None,
            },
            Error::Server {
                status: 502,
                retry_after: None,
                api: None,
                body_snippet: String::new(),
            },
            Error::Decode {
                status: 200,
                content_type: None,
                body_snippet: String::new(),
                message: String::new(),
            },
            Error::Storage {
                message: String::new(),
            },
            Error::Disposed,
            Error::invalid_input(""),
        ];
        for failure in &failures {
            assert!(Error::CODES.contains(&failure.code()), "{}", failure.code());
        }
        let mut sorted = Error::CODES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), Error::CODES.len(), "a code is listed twice");
    }

    #[test]
    #[should_panic(expected = "not in Error::CODES")]
    fn a_unified_code_outside_the_vocabulary_fails_the_tests() {
        ApiError::new(422, "invalid_zip", "zip.invalid", "");
    }
}
