//! Test hooks under `/__mock/` (no API key), shared by every backend.

use crate::faults::Fault;
use crate::http::{ApiRequest, ApiResponse, ResponseOrigin, rails_json};
use crate::journal::RecordedRequest;
use crate::options::MockOptions;
use crate::outbox::OutboxMessage;
use crate::server::Shared;
use serde::{Deserialize, Serialize};

/// Prefix of the control endpoints.
pub(crate) const CONTROL_PREFIX: &str = "/__mock";

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

fn error(status: u16, code: &str, message: &str) -> ApiResponse {
    let body = rails_json(&serde_json::json!({"error": {"code": code, "message": message}}));
    ApiResponse::json(status, body, ResponseOrigin::Filter)
}

fn json(status: u16, value: &serde_json::Value) -> ApiResponse {
    ApiResponse::json(status, rails_json(value), ResponseOrigin::Filter)
}

fn parse_body<T: serde::de::DeserializeOwned>(request: &ApiRequest<'_>) -> Result<T, ApiResponse> {
    let body: &[u8] = if request.body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        request.body
    };
    serde_json::from_slice(body)
        .map_err(|parse_error| error(400, "invalid_request", &parse_error.to_string()))
}

/// Answers a control request.
pub(crate) fn handle(shared: &Shared, request: &ApiRequest<'_>) -> ApiResponse {
    let rest = request
        .path
        .strip_prefix(CONTROL_PREFIX)
        .unwrap_or_default()
        .trim_end_matches('/');
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let outcome = match (request.method, segments.as_slice()) {
        ("GET", ["outbox"]) => {
            let recipient = request.query_param("to");
            let messages = shared.outbox_messages(recipient.as_deref());
            Ok(ApiResponse::json(
                200,
                rails_json(&MessagesJson { messages }),
                ResponseOrigin::Filter,
            ))
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
            json(200, &serde_json::json!({ "now": shared.clock.now() }))
        }),
        ("POST", ["reset"]) => {
            shared.reset();
            Ok(ApiResponse::empty(204, ResponseOrigin::Filter))
        }
        ("POST", ["config"]) => parse_body::<serde_json::Value>(request).and_then(|patch| {
            shared
                .patch_options(&patch)
                .map(|()| ApiResponse::empty(204, ResponseOrigin::Filter))
                .map_err(|message| error(400, "invalid_request", &message))
        }),
        ("GET", ["requests"]) => Ok(ApiResponse::json(
            200,
            rails_json(&RequestsJson {
                requests: shared.recorded_requests(),
            }),
            ResponseOrigin::Filter,
        )),
        ("DELETE", ["requests"]) => {
            shared.clear_requests();
            Ok(ApiResponse::empty(204, ResponseOrigin::Filter))
        }
        ("POST", ["faults"]) => parse_body::<Fault>(request).and_then(|fault| {
            shared
                .add_fault(fault)
                .map(|()| ApiResponse::empty(204, ResponseOrigin::Filter))
                .map_err(|message| error(400, "invalid_request", &message))
        }),
        ("DELETE", ["faults"]) => {
            shared.clear_faults();
            Ok(ApiResponse::empty(204, ResponseOrigin::Filter))
        }
        ("POST", ["addresses", id, "complete_order"]) => {
            let id = percent_encoding::percent_decode_str(id).decode_utf8_lossy();
            if shared.mark_address_ordered(&id) {
                Ok(json(200, &serde_json::json!({ "id": id, "ordered": true })))
            } else {
                Ok(error(404, "record_not_found", "Address not found"))
            }
        }
        _ => Ok(error(404, "not_found", "Not found")),
    };
    outcome.unwrap_or_else(|response| response)
}
