//! Spree's answers to requests that the connection layer refused.

use super::SpreeBackend;
use super::errors::SpreeError;
use crate::http::{ApiResponse, ResponseOrigin};
use crate::rejection::Rejection;

impl SpreeBackend {
    /// The error for a refused request. In Spree these come from Rack middleware and the
    /// server, before any controller: no request id or security headers.
    pub(crate) fn rejection(&self, rejection: Rejection) -> ApiResponse {
        let error = match rejection {
            Rejection::BodyTooLarge => SpreeError::RequestTooLarge,
            Rejection::MalformedBody => {
                SpreeError::InvalidRequest("Malformed request body framing".into())
            }
            Rejection::MissingHost => SpreeError::InvalidRequest("Missing Host header".into()),
            Rejection::BadTarget => SpreeError::InvalidRequest("Invalid request target".into()),
        };
        error.response(ResponseOrigin::Middleware)
    }
}
