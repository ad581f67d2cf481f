//! WebAssembly bindings of `storefront-sdk`, published on npm as `storefront-accounts`.
//!
//! This crate only translates between JavaScript and the SDK; the session logic
//! lives in `storefront-sdk`.

mod errors;

use wasm_bindgen::prelude::*;

/// Returns the version of the package, as published on npm.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Creates a client. Placeholder until the SDK core lands: always throws.
#[wasm_bindgen(js_name = createClient)]
pub fn create_client(_config: JsValue) -> Result<JsValue, JsValue> {
    Err(errors::config_error("createClient is not available yet"))
}
