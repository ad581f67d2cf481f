//! Test hooks under `/__mock/` (no API key), the same for every backend: their own neutral JSON,
//! never a backend's error envelope. Routes a backend adds (`Emulator::control`) answer through
//! the same types.

use crate::faults::Fault;
use crate::http::{ApiRequest, ApiResponse, ResponseOrigin};
use crate::journal::RecordedRequest;
use crate::options::MockOptions;
use crate::outbox::OutboxMessage;
use crate::server::Shared;
use serde::{Deserialize, Serialize};

/// Prefix of the control endpoints.
pub(crate) const CONTROL_PREFIX: &str = "/__mock";

/// What a control route answers: 200 with this JSON, or 204 for `None`.
pub(crate) type ControlResult = Result<Option<serde_json::Value>, ControlError>;

/// A control-endpoint error, sent as `{"mock_error":{"code":…,"message":…}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ControlError {
    status: u16,
    code: &'static str,
    message: String,
}

impl ControlError {
    /// 404 `not_found`: no such control endpoint, or the record it names does not exist.
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self {
            status: 404,
            code: "not_found",
            message: message.into(),
        }
    }

    /// 400 `invalid_request`: the body or its values are not acceptable.
    pub(crate) fn invalid_request(message: impl Into<String>) -> Self {
        Self {
            status: 400,
            code: "invalid_request",
            message: message.into(),
        }
    }

    fn response(&self) -> ApiResponse {
        let body = serde_json::json!({
            "mock_error": { "code": self.code, "message": self.message }
        });
        json_response(self.status, &body)
    }
}

/// Whether `path` is a control endpoint.
pub(crate) fn is_control_path(path: &str) -> bool {
    path.strip_prefix(CONTROL_PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Whether an answer to `path` carries CORS headers: API paths always; control paths only
/// with `cors_control`, so that no web page can read the outbox or change the options.
pub(crate) fn cors_allowed(path: &str, options: &MockOptions) -> bool {
    options.cors_control || !is_control_path(path)
}

/// Body of `POST /__mock/clock`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockChange {
    #[serde(default)]
    advance_seconds: Option<i64>,
    #[serde(default)]
    set_unix: Option<i64>,
    #[serde(default)]
    freeze: Option<bool>,
}

/// `GET /__mock/outbox` body.
#[derive(Serialize)]
struct MessagesJson {
    messages: Vec<OutboxMessage>,
}

/// `GET /__mock/requests` body.
#[derive(Serialize)]
struct RequestsJson {
    requests: Vec<RecordedRequest>,
}

fn json_response<T: Serialize + ?Sized>(status: u16, value: &T) -> ApiResponse {
    let body = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
    ApiResponse::json(status, body, ResponseOrigin::Mock)
}

fn parse_body<T: serde::de::DeserializeOwned>(request: &ApiRequest<'_>) -> Result<T, ControlError> {
    let body: &[u8] = if request.body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        request.body
    };
    serde_json::from_slice(body).map_err(|error| ControlError::invalid_request(error.to_string()))
}

/// The response for a control result.
fn render(result: ControlResult) -> ApiResponse {
    match result {
        Ok(Some(value)) => json_response(200, &value),
        Ok(None) => ApiResponse::empty(204, ResponseOrigin::Mock),
        Err(error) => error.response(),
    }
}

/// The shared routes; `None` when the route is not one of them. (Lists are serialised from
/// their structs, so that keys keep their documented order.)
fn shared_route(shared: &Shared, request: &ApiRequest<'_>, route: &[&str]) -> Option<ApiResponse> {
    let result = match (request.method, route) {
        ("GET", ["outbox"]) => {
            let recipient = request.query_param("to");
            let messages = shared.outbox_messages(recipient.as_deref());
            return Some(json_response(200, &MessagesJson { messages }));
        }
        ("POST", ["clock"]) => parse_body::<ClockChange>(request).map(|change| {
            if let Some(frozen) = change.freeze {
                shared.clock.freeze(frozen);
            }
            if let Some(unix) = change.set_unix {
                shared.clock.set(unix);
            }
            if let Some(seconds) = change.advance_seconds {
                shared.clock.advance_seconds(seconds);
            }
            Some(serde_json::json!({ "now": shared.clock.now() }))
        }),
        ("POST", ["reset"]) => {
            shared.reset();
            Ok(None)
        }
        ("POST", ["config"]) => parse_body::<serde_json::Value>(request).and_then(|patch| {
            shared
                .patch_options(&patch)
                .map(|()| None)
                .map_err(ControlError::invalid_request)
        }),
        ("GET", ["requests"]) => {
            let requests = shared.recorded_requests();
            return Some(json_response(200, &RequestsJson { requests }));
        }
        ("DELETE", ["requests"]) => {
            shared.clear_requests();
            Ok(None)
        }
        ("POST", ["faults"]) => parse_body::<Fault>(request).and_then(|fault| {
            shared
                .add_fault(fault)
                .map(|()| None)
                .map_err(ControlError::invalid_request)
        }),
        ("DELETE", ["faults"]) => {
            shared.clear_faults();
            Ok(None)
        }
        _ => return None,
    };
    Some(render(result))
}

/// Answers a control request: a shared route, else one of the backend's, else 404.
pub(crate) fn handle(shared: &Shared, request: &ApiRequest<'_>) -> ApiResponse {
    let rest = request
        .path
        .strip_prefix(CONTROL_PREFIX)
        .unwrap_or_default()
        .trim_end_matches('/');
    let route: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    if let Some(response) = shared_route(shared, request, &route) {
        return response;
    }
    render(shared.backend_control(request, &route).unwrap_or_else(|| {
        Err(ControlError::not_found(format!(
            "No control endpoint {} {}",
            request.method, request.path
        )))
    }))
}
