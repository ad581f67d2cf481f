use std::sync::Arc;
use std::time::Duration;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::BoxFuture;
use crate::json::Json;
use crate::transport::{FetchTransport, Transport};

/// Runs `future` to completion on the JavaScript event loop, independently of
/// its caller.
pub(crate) fn spawn(future: BoxFuture<'static, ()>) {
    wasm_bindgen_futures::spawn_local(future);
}

pub(crate) fn default_transport() -> Result<Arc<dyn Transport>, crate::Error> {
    Ok(Arc::new(FetchTransport::new()))
}

/// Reads a function-valued property of the global object (`window`, a worker
/// scope or Node's `globalThis` alike).
fn global_function(name: &str) -> Option<Function> {
    Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()
        .and_then(|value| value.dyn_into::<Function>().ok())
}

pub(super) fn monotonic_now() -> Duration {
    let performance = Reflect::get(&js_sys::global(), &JsValue::from_str("performance")).ok();
    let now = performance
        .as_ref()
        .and_then(|perf| Reflect::get(perf, &JsValue::from_str("now")).ok())
        .and_then(|now| now.dyn_into::<Function>().ok());
    match (performance, now) {
        (Some(perf), Some(now)) => {
            let millis = now
                .call0(&perf)
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            // Saturates (NaN reads as 0) and cannot panic.
            Duration::from_micros((millis * 1000.0) as u64)
        }
        _ => Duration::from_millis(wall_now_ms().max(0) as u64),
    }
}

pub(super) fn wall_now_ms() -> i64 {
    js_sys::Date::now() as i64
}

pub(super) fn sleep(duration: Duration) -> BoxFuture<'static, ()> {
    let millis = duration.as_millis().min(i32::MAX as u128) as i32;
    let promise = Promise::new(&mut |resolve, _reject| {
        if let Some(set_timeout) = global_function("setTimeout") {
            let _ = set_timeout.call2(&JsValue::NULL, &resolve, &JsValue::from(millis));
        } else {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    Box::pin(async move {
        let _ = JsFuture::from(promise).await;
    })
}

/// A non-integral or out-of-range number as JSON text, by the engine's
/// shortest round-trip formatting (no float formatting code in the package).
pub(super) fn format_number(number: f64) -> String {
    js_sys::Number::from(number)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_else(|_| "null".into())
}

pub(super) fn parse_json(text: &str) -> Option<Json> {
    from_js(&js_sys::JSON::parse(text).ok()?)
}

/// The tree of a value `JSON.parse` returned (so only JSON types occur; the
/// text was checked for depth and unpaired surrogates before parsing). Numbers
/// beyond a double, which `JSON.parse` makes infinite, are refused, as the
/// native parser refuses them.
fn from_js(value: &JsValue) -> Option<Json> {
    Some(if let Some(text) = value.as_string() {
        Json::String(text)
    } else if let Some(number) = value.as_f64() {
        Json::Number(Some(number).filter(|number| number.is_finite())?)
    } else if let Some(flag) = value.as_bool() {
        Json::Bool(flag)
    } else if value.is_null() {
        Json::Null
    } else if Array::is_array(value) {
        // Loops rather than iterator adapters: the wasm package is smaller.
        let array: &Array = value.unchecked_ref();
        let mut items = Vec::new();
        for index in 0..array.length() {
            items.push(from_js(&array.get(index))?);
        }
        Json::Array(items)
    } else {
        let entries = Object::entries(value.unchecked_ref());
        let mut members = Vec::new();
        for index in 0..entries.length() {
            let entry: Array = entries.get(index).unchecked_into();
            members.push((entry.get(0).as_string()?, from_js(&entry.get(1))?));
        }
        Json::Object(members)
    })
}
