//! The boundary between the shared server and one emulated backend: the [`Emulator`] trait,
//! what a request brings along ([`RequestContext`]) and the errors the shared layer produces
//! but each backend words in its own format ([`SharedError`]).

use crate::control::ControlResult;
use crate::http::{ApiRequest, ApiResponse, CorsPolicy, ResponseOrigin};
use crate::options::MockOptions;
use crate::outbox::{Outbox, OutboxMessage};
use std::sync::Mutex;

/// One emulated store backend. The server holds exactly one, chosen by `MockOptions::backend`
/// (see `backends::emulator_for`), and hands it every request that is neither a CORS preflight
/// nor a control request under `/__mock/`.
///
/// The shared layer owns the clock, outbox, journal, faults, CORS, the body-size limit and the
/// control endpoints; an emulator owns its state, routes, wire formats and error bodies.
pub(crate) trait Emulator: Send + Sync {
    /// Path of the emulated API below the origin, without a trailing slash: `/api/v3/store`
    /// (Spree), `/rest/default` (Magento REST), empty (Spryker, the host root), `/api/shop`
    /// (Bagisto).
    fn api_base(&self, options: &MockOptions) -> String;

    /// The request headers its clients send and the response headers they read, for CORS.
    fn cors(&self) -> &'static CorsPolicy;

    /// Whether the backend itself checks a declared `Content-Length` against
    /// `max_request_body_size` on `path` (default: every path). The connection layer in front
    /// of every backend already refuses larger bodies on every path before reading them (with
    /// `error_response(&SharedError::BodyTooLarge)`), so this is a second check only.
    fn body_limit_applies(&self, path: &str) -> bool {
        let _ = path;
        true
    }

    /// Fixed headers the emulated framework adds to responses of this origin (e.g. Rails'
    /// security headers on action responses); none by default.
    fn framework_headers(&self, origin: ResponseOrigin) -> &'static [(&'static str, &'static str)] {
        let _ = origin;
        &[]
    }

    /// Answers one API request, or `None` when no route matches (the shared layer then answers
    /// with `error_response(&SharedError::UnknownRoute)`).
    fn handle(&self, request: &ApiRequest<'_>, context: &RequestContext<'_>)
    -> Option<ApiResponse>;

    /// The backend's own response for an error the shared layer produces.
    fn error_response(&self, error: &SharedError) -> ApiResponse;

    /// Checks changed options before `POST /__mock/config` applies them (e.g. that a signing
    /// key parses); the error refuses the change. Accepts everything by default.
    fn check_options(&self, options: &MockOptions) -> Result<(), String> {
        let _ = options;
        Ok(())
    }

    /// Takes changed options into account (e.g. a new signing secret). Called on every change,
    /// before the new options are in force.
    fn apply_options(&self, options: &MockOptions);

    /// Drops every customer, token, cache and counter, then re-creates the seed customers.
    fn reset(&self, options: &MockOptions, now: i64);

    /// Backend-specific control routes under `/__mock/`: `route` holds the raw (still
    /// percent-encoded) path segments after `/__mock`. `None` when the route is not the
    /// backend's (the shared layer answers 404). None by default.
    fn control(
        &self,
        request: &ApiRequest<'_>,
        route: &[&str],
        context: &RequestContext<'_>,
    ) -> Option<ControlResult> {
        let _ = (request, route, context);
        None
    }
}

/// Errors that the shared layer detects itself; [`Emulator::error_response`] gives their body.
/// The connection layer's refusals (issue 13) are worded through these too: a body over the
/// limit is `BodyTooLarge`; malformed chunked framing, a missing `Host` and a target that is
/// not a path are `MalformedRequest` with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SharedError {
    /// The `Content-Length` exceeds `max_request_body_size` (413).
    BodyTooLarge,
    /// No route of the backend matches the method and path (404).
    UnknownRoute,
    /// The request cannot be read, e.g. a body declared as JSON that does not parse (400);
    /// the text is the parser's message.
    MalformedRequest(String),
    /// The request head is over the layer's limits: 16 KiB, or more than 100 fields (431).
    HeadTooLarge,
}

/// What a backend needs to know about a request beyond its bytes.
pub(crate) struct RequestContext<'a> {
    /// Options in force.
    pub(crate) options: &'a MockOptions,
    /// Mock-clock time, unix seconds.
    pub(crate) now: i64,
    /// Client IP (for rate limits), from `client_ip_header` or `127.0.0.1`.
    pub(crate) client_ip: &'a str,
    outbox: &'a Mutex<Outbox>,
}

impl<'a> RequestContext<'a> {
    /// A context that publishes to `outbox`.
    pub(crate) fn new(
        options: &'a MockOptions,
        now: i64,
        client_ip: &'a str,
        outbox: &'a Mutex<Outbox>,
    ) -> Self {
        Self {
            options,
            now,
            client_ip,
            outbox,
        }
    }

    /// Publishes a message (an email the store would have sent) to the outbox.
    pub(crate) fn publish(&self, message: OutboxMessage) {
        self.outbox
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .publish(message);
    }
}
