//! WebAssembly bindings of `storefront-sdk`, published on npm as
//! `storefront-accounts`.
//!
//! This crate only translates between JavaScript and the SDK: arguments and
//! results in the shapes of `@spree/sdk`, errors as a JavaScript `Error`
//! subclass, browser storage and cross-tab propagation. The session logic
//! lives in `storefront-sdk`.
//!
//! The crate is empty on targets other than `wasm32`.
#![cfg(target_arch = "wasm32")]

mod client;
mod convert;
mod cross_tab;
mod errors;
mod events;
mod storage;
mod web_lock;

use std::future::Future;
use std::pin::Pin;

pub use client::{ClientCore, op};

/// The module's allocator (single-threaded: the module runs on one event loop).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Runs `task` on the JavaScript event loop. Boxed, so that one spawner
/// serves every task.
fn spawn(task: Pin<Box<dyn Future<Output = ()>>>) {
    wasm_bindgen_futures::spawn_local(task);
}

/// The version of the package, as published on npm. The entries export it
/// as a constant that bindings/build.sh writes (a wasm export would cost
/// the package its glue).
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
