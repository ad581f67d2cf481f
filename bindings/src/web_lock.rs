//! The SDK's cross-tab refresh lock (TL-7.2) on the Web Locks API:
//! `navigator.locks.request(name, { mode: 'exclusive', signal }, callback)`.
//!
//! The callback resolves a "granted" promise and returns a "release" promise;
//! the lock is held until the release promise resolves, which the guard's
//! `Drop` does (after a refresh's success, its failure, or its cancellation).
//! Acquisition gives up after 15 s (`AbortSignal.timeout`). Without Web Locks
//! (older browsers, Node, SSR) or on timeout the refresh goes ahead without
//! the lock: correctness never depends on it (TL-7.5), it only saves the
//! duplicate request of a second tab.

use js_sys::{Array, Function, Object, Promise, Reflect};
use storefront_sdk::{BoxFuture, LockGuard, RefreshLock};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// How long a tab waits for another tab's refresh before going ahead alone.
const ACQUIRE_TIMEOUT_MS: u32 = 15_000;

/// Web Locks as the SDK's [`RefreshLock`].
#[derive(Default)]
pub struct WebLock;

/// Releases the lock when dropped, by resolving the promise the lock's
/// callback returned. Dropped before the lock is granted (the refresh was
/// cancelled), it makes the callback release the lock as soon as it runs.
struct Held {
    release: Function,
}

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.release.call0(&JsValue::UNDEFINED);
    }
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

/// A promise and the function that resolves it.
fn deferred() -> (Promise, Function) {
    let mut resolver = None;
    let promise = Promise::new(&mut |resolve, _reject| resolver = Some(resolve));
    let resolve = resolver.unwrap_or_else(|| Function::new_no_args(""));
    (promise, resolve)
}

async fn acquire(name: &str) -> Option<Box<dyn LockGuard>> {
    let global = js_sys::global();
    // Node has no tabs to coordinate with.
    if get(&global, "process")
        .and_then(|process| get(&process, "versions"))
        .and_then(|versions| get(&versions, "node"))
        .is_some()
    {
        return None;
    }
    let locks = get(&global, "navigator").and_then(|navigator| get(&navigator, "locks"))?;
    let request: Function = get(&locks, "request")?.dyn_into().ok()?;
    let abort_signal = get(&global, "AbortSignal")?;
    let timeout: Function = get(&abort_signal, "timeout")?.dyn_into().ok()?;
    let signal = timeout
        .call1(&abort_signal, &JsValue::from(ACQUIRE_TIMEOUT_MS))
        .ok()?;

    let options = Object::new();
    Reflect::set(&options, &"mode".into(), &"exclusive".into()).ok()?;
    Reflect::set(&options, &"signal".into(), &signal).ok()?;

    let (release, resolve_release) = deferred();
    let held = Held {
        release: resolve_release,
    };
    let (granted, resolve_granted) = deferred();
    // Freed when called; a request that times out never calls it, and its
    // few bytes stay allocated (once per 15 s wait at most).
    let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        let _ = resolve_granted.call1(&JsValue::UNDEFINED, &JsValue::TRUE);
        release.into()
    });
    // Resolves once the lock has been released again, or rejects when the
    // request times out or is refused (e.g. an opaque origin).
    let requested = request
        .call3(&locks, &JsValue::from_str(name), &options, &callback)
        .ok()?;
    let first = Promise::race(&Array::of2(&granted, &requested));
    match JsFuture::from(first).await {
        Ok(value) if value.is_truthy() => Some(Box::new(held)),
        _ => None,
    }
}

impl RefreshLock for WebLock {
    fn acquire<'a>(&'a self, name: &'a str) -> BoxFuture<'a, Option<Box<dyn LockGuard>>> {
        Box::pin(acquire(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// `navigator.locks.query()`: how many locks named `name` are held and pending.
    async fn lock_state(name: &str) -> (u32, u32) {
        let locks = get(&js_sys::global(), "navigator")
            .and_then(|navigator| get(&navigator, "locks"))
            .unwrap();
        let query: Function = get(&locks, "query").unwrap().unchecked_into();
        let promise: Promise = query.call0(&locks).unwrap().unchecked_into();
        let snapshot = JsFuture::from(promise).await.unwrap();
        let count = |list: &str| {
            Array::from(&get(&snapshot, list).unwrap())
                .iter()
                .filter(|lock| {
                    get(lock, "name").and_then(|n| n.as_string()).as_deref() == Some(name)
                })
                .count() as u32
        };
        (count("held"), count("pending"))
    }

    /// A page (Chromium) has Web Locks; Node has none.
    fn in_a_page() -> bool {
        get(&js_sys::global(), "document").is_some()
    }

    #[wasm_bindgen_test]
    async fn a_second_acquisition_waits_for_the_release_of_the_first() {
        let name = "storefront-test-lock";
        let lock = WebLock;
        let first = lock.acquire(name).await;
        if !in_a_page() {
            // Node: no lock, and the refresh goes ahead.
            assert!(first.is_none());
            return;
        }
        let first = first.expect("a free lock is granted");
        assert_eq!(lock_state(name).await, (1, 0));
        let mut second = Box::pin(lock.acquire(name));
        assert!((&mut second).now_or_never().is_none());
        assert_eq!(lock_state(name).await, (1, 1));
        drop(first);
        let second = second.await.expect("granted once the first is released");
        assert_eq!(lock_state(name).await, (1, 0));
        drop(second);
        let third = lock.acquire(name).await;
        assert!(third.is_some(), "granted once the second is released");
    }

    #[wasm_bindgen_test]
    async fn a_cancelled_acquisition_leaves_the_lock_free() {
        let name = "storefront-test-lock-cancelled";
        let lock = WebLock;
        let Some(first) = lock.acquire(name).await else {
            assert!(!in_a_page(), "a page has Web Locks");
            return;
        };
        let mut second = Box::pin(lock.acquire(name));
        assert!((&mut second).now_or_never().is_none());
        drop(second);
        drop(first);
        // The cancelled request is granted and at once released.
        let third = lock.acquire(name).await;
        assert!(third.is_some(), "the lock is free again");
    }
}
