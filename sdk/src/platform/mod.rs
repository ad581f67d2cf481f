//! The only place where native targets and `wasm32` differ: task spawning,
//! `Send` bounds, the system clock's timer, the default transport, and the JSON
//! parser and number formatter.

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
use native as imp;

#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(target_arch = "wasm32")]
use wasm as imp;

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

pub(crate) use imp::{default_transport, spawn};

/// A boxed future that is `Send` on native targets and not on wasm32, where
/// everything runs on the one JavaScript event loop.
#[cfg(not(target_arch = "wasm32"))]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// A boxed future that is `Send` on native targets and not on wasm32, where
/// everything runs on the one JavaScript event loop.
#[cfg(target_arch = "wasm32")]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// A boxed one-shot function that is `Send` on native targets and not on
/// wasm32.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type SendFnOnce<A, R> = Box<dyn FnOnce(A) -> R + Send>;
/// A boxed one-shot function that is `Send` on native targets and not on
/// wasm32.
#[cfg(target_arch = "wasm32")]
pub(crate) type SendFnOnce<A, R> = Box<dyn FnOnce(A) -> R>;

/// `Send` on native targets; implemented by every type on wasm32.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSend: Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + ?Sized> MaybeSend for T {}
/// `Send` on native targets; implemented by every type on wasm32.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSend {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSend for T {}

/// `Sync` on native targets; implemented by every type on wasm32.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSync: Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Sync + ?Sized> MaybeSync for T {}
/// `Sync` on native targets; implemented by every type on wasm32.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSync {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSync for T {}

/// Parses JSON text into a tree (natively with `serde_json`; in wasm with the
/// JavaScript engine's `JSON.parse`, which costs the package nothing).
pub(crate) fn parse_json(text: &str) -> Option<crate::json::Json> {
    imp::parse_json(text)
}

/// A finite number that is not a safe integer, as JSON text.
pub(crate) fn format_number(number: f64) -> String {
    imp::format_number(number)
}

/// Monotonic time and wall time of the host, and a real timer.
pub(crate) fn system_monotonic() -> Duration {
    imp::monotonic_now()
}

/// Milliseconds since the Unix epoch on the host's wall clock.
pub(crate) fn system_wall_ms() -> i64 {
    imp::wall_now_ms()
}

/// A future that completes after `duration` of real time.
pub(crate) fn system_sleep(duration: Duration) -> BoxFuture<'static, ()> {
    imp::sleep(duration)
}
