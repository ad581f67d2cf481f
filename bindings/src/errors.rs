//! Errors thrown to JavaScript as `StorefrontError` (see `js/errors.js`).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// The JavaScript `Error` subclass thrown by every call.
    pub type StorefrontError;

    #[wasm_bindgen(constructor)]
    fn new(
        message: &str,
        code: &str,
        status: Option<u16>,
        details: JsValue,
        retry_after: Option<f64>,
        is_transient: bool,
    ) -> StorefrontError;
}

/// A `config_error` for invalid arguments given by the caller.
pub fn config_error(message: &str) -> JsValue {
    StorefrontError::new(message, "config_error", None, JsValue::UNDEFINED, None, false).into()
}

/// The `aborted` error of a call cancelled through its `AbortSignal`.
pub fn aborted() -> JsValue {
    StorefrontError::new(
        "the call was aborted",
        "aborted",
        None,
        JsValue::UNDEFINED,
        None,
        false,
    )
    .into()
}

/// Translates an SDK error; the message never holds secrets (the SDK redacts them).
pub fn to_js(error: &storefront_sdk::Error) -> JsValue {
    let message = error
        .api()
        .map_or_else(|| error.to_string(), |api| api.message.clone());
    let details = if error.details().is_empty() {
        JsValue::UNDEFINED
    } else {
        let details = Object::new();
        for field in error.details() {
            let messages: Array = field.messages.iter().map(|m| JsValue::from_str(m)).collect();
            let _ = Reflect::set(&details, &JsValue::from_str(&field.attribute), &messages);
        }
        details.into()
    };
    StorefrontError::new(
        &message,
        error.code(),
        error.status(),
        details,
        error.retry_after().map(|wait| wait.as_secs_f64()),
        error.is_transient(),
    )
    .into()
}
