use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, Request, RequestInit, Response};

use super::{HttpRequest, HttpResponse, Transport, TransportError};
use crate::error::Phase;
use crate::platform::BoxFuture;

/// The wasm32 transport: the global `fetch` (browsers, workers, Node 18+).
/// Dropping a request's future aborts the fetch.
#[derive(Debug, Clone, Default)]
pub struct FetchTransport;

impl FetchTransport {
    /// A transport over the global `fetch`.
    pub fn new() -> Self {
        Self
    }
}

/// Aborts the fetch when the request future is dropped before completion.
struct AbortOnDrop(AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The string property `name` of a JavaScript value.
fn text_of(value: &JsValue, name: &str) -> Option<String> {
    Reflect::get(value, &JsValue::from_str(name))
        .ok()
        .and_then(|property| property.as_string())
        .filter(|text| !text.is_empty())
}

fn failure(phase: Phase, context: &str, value: JsValue) -> TransportError {
    let detail = text_of(&value, "message").unwrap_or_default();
    TransportError {
        phase,
        timed_out: false,
        message: format!("{context}: {detail}"),
    }
}

/// Connection errors that mean nothing was sent (Node's fetch says why in
/// `cause.code`).
const NOTHING_SENT: &[&str] = &[
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "ENETUNREACH",
    "EHOSTUNREACH",
];

/// A rejected `fetch`. Browsers say only "Failed to fetch" for a refused
/// connection and a lost response alike, so the phase is the cautious one;
/// Node's fetch names the cause (`connect ECONNREFUSED 127.0.0.1:1`), which
/// becomes the message and, where it proves nothing was sent, the phase.
fn fetch_failure(value: JsValue) -> TransportError {
    let cause = Reflect::get(&value, &JsValue::from_str("cause")).ok();
    let code = cause.as_ref().and_then(|cause| text_of(cause, "code"));
    let message = cause
        .as_ref()
        .and_then(|cause| text_of(cause, "message"))
        .or_else(|| text_of(&value, "message"))
        .unwrap_or_else(|| "fetch failed".into());
    let nothing_sent = code.is_some_and(|code| NOTHING_SENT.contains(&code.as_str()));
    TransportError {
        phase: if nothing_sent {
            Phase::BeforeSend
        } else {
            Phase::AfterSend
        },
        timed_out: false,
        message,
    }
}

async fn fetch(request: &HttpRequest) -> Result<HttpResponse, TransportError> {
    let controller =
        AbortController::new().map_err(|e| failure(Phase::BeforeSend, "AbortController", e))?;
    let guard = AbortOnDrop(controller);
    let headers = Headers::new().map_err(|e| failure(Phase::BeforeSend, "Headers", e))?;
    for (name, value) in &request.headers {
        headers
            .append(name, value)
            .map_err(|e| failure(Phase::BeforeSend, "header", e))?;
    }
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_headers(&headers);
    init.set_signal(Some(&guard.0.signal()));
    if let Some(body) = &request.body {
        init.set_body(&Uint8Array::from(body.as_slice()));
    }
    let js_request = Request::new_with_str_and_init(&request.url, &init)
        .map_err(|e| failure(Phase::BeforeSend, "invalid request", e))?;
    let fetch = Reflect::get(&js_sys::global(), &JsValue::from_str("fetch"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| TransportError {
            phase: Phase::BeforeSend,
            timed_out: false,
            message: "fetch is not available".into(),
        })?;
    let promise: Promise = fetch
        .call1(&JsValue::NULL, &js_request)
        .map_err(|e| failure(Phase::BeforeSend, "fetch", e))?
        .unchecked_into();
    let response: Response = JsFuture::from(promise)
        .await
        .map_err(fetch_failure)?
        .unchecked_into();
    // `Array.from` over the headers' iterator (its `[name, value]` pairs,
    // names in lower case, as the Fetch standard iterates them) instead of
    // the iterator protocol from Rust: smaller.
    let mut header_pairs = Vec::new();
    for entry in Array::from(&response.headers()).iter() {
        let pair: Array = entry.unchecked_into();
        if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            header_pairs.push((name, value));
        }
    }
    let buffer = response
        .array_buffer()
        .map_err(|e| failure(Phase::AfterSend, "body", e))?;
    let bytes = JsFuture::from(buffer)
        .await
        .map_err(|e| failure(Phase::AfterSend, "body", e))?;
    let body = Uint8Array::new(&bytes).to_vec();
    drop(guard);
    Ok(HttpResponse {
        status: response.status(),
        headers: header_pairs,
        body,
    })
}

impl Transport for FetchTransport {
    fn send<'a>(
        &'a self,
        request: &'a HttpRequest,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        Box::pin(fetch(request))
    }
}
