//! The SDK's cross-tab refresh lock (TL-7.2) on the Web Locks API, through
//! `requestLock` of `js/lock.js`: `navigator.locks.request(name, { mode:
//! 'exclusive', signal }, callback)`, whose callback holds the lock until a
//! release promise resolves, which the guard's `Drop` does (after a refresh's
//! success, its failure, or its cancellation: dropped before the grant, it
//! makes the grant release the lock at once).
//!
//! Acquisition gives up after 15 s. Without Web Locks (older browsers, Node,
//! SSR) or on timeout the refresh goes ahead without the lock: correctness
//! never depends on it (TL-7.5), it only saves the duplicate request of a
//! second tab.

use js_sys::{Array, Function, Promise};
use storefront_sdk::{BoxFuture, LockGuard, RefreshLock};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/js/lock.js")]
extern "C" {
    /// `[granted, release]`: a promise of whether the lock is held, and the
    /// function that releases it.
    #[wasm_bindgen(js_name = requestLock)]
    fn request_lock(name: &str) -> Array;
}

/// Web Locks as the SDK's [`RefreshLock`].
#[derive(Default)]
pub struct WebLock;

/// Releases the lock when dropped.
struct Held {
    release: Function,
}

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.release.call0(&JsValue::UNDEFINED);
    }
}

async fn acquire(name: &str) -> Option<Box<dyn LockGuard>> {
    let requested = request_lock(name);
    // Held from the start, so that a cancelled acquisition releases too.
    let held = Held {
        release: requested.get(1).unchecked_into(),
    };
    let granted = JsFuture::from(requested.get(0).unchecked_into::<Promise>()).await;
    match granted {
        Ok(granted) if granted.is_truthy() => Some(Box::new(held)),
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
    use js_sys::Reflect;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn get(target: &JsValue, key: &str) -> Option<JsValue> {
        Reflect::get(target, &JsValue::from_str(key))
            .ok()
            .filter(|value| !value.is_undefined() && !value.is_null())
    }

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
