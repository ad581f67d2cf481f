//! Token stores backed by JavaScript: `localStorage` / `sessionStorage`
//! (through `gloo-storage`), and a custom `{ getItem, setItem, removeItem }`
//! object (sync or async).
//!
//! Browser storage is reached lazily, at the first read or write, so that
//! creating a client touches nothing (TL-6.5). Any failure (no storage in this
//! environment, `SecurityError`, `QuotaExceededError`) is returned as a
//! `StorageError`; the SDK then keeps the session in memory and emits
//! `StorageUnavailable`. A storage area that cannot be reached at all (Node,
//! a worker, blocked storage) fails once: from then on the session is kept in
//! memory here, so the event comes once, not at every write.

use std::sync::atomic::{AtomicBool, Ordering};

use gloo_storage::{LocalStorage, SessionStorage, Storage as _};
use js_sys::{Promise, Reflect};
use storefront_sdk::{BoxFuture, MemoryStore, StorageError, TokenStore};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Which Web Storage area a [`WebStorage`] uses.
#[derive(Debug, Clone, Copy)]
pub enum WebStorageArea {
    /// `localStorage`: shared by the tabs of an origin, kept across restarts.
    Local,
    /// `sessionStorage`: one tab, kept across reloads.
    Session,
}

impl WebStorageArea {
    fn global_name(self) -> &'static str {
        match self {
            WebStorageArea::Local => "localStorage",
            WebStorageArea::Session => "sessionStorage",
        }
    }
}

/// `localStorage` or `sessionStorage` as the SDK's token store.
#[derive(Debug)]
pub struct WebStorage {
    area: WebStorageArea,
    /// Set once the area turned out unreachable (and that was reported):
    /// the session is then kept in `memory`.
    unreachable: AtomicBool,
    memory: MemoryStore,
}

impl WebStorage {
    /// A store in the given storage area.
    pub fn new(area: WebStorageArea) -> Self {
        Self {
            area,
            unreachable: AtomicBool::new(false),
            memory: MemoryStore::new(),
        }
    }

    /// The storage area, through `gloo-storage`'s `raw()` handles (its serde
    /// API would wrap the SDK's JSON record in JSON a second time, and cost
    /// 27 KB gz). `raw()` throws a JavaScript exception, which would unwind
    /// through Rust frames, where there is no `window` (Node, workers) or the
    /// area is missing or blocked (`SecurityError`): the same path is checked
    /// first without throwing.
    fn storage(&self) -> Result<web_sys::Storage, StorageError> {
        let reachable = web_sys::window().is_some_and(|window| {
            let area = match self.area {
                WebStorageArea::Local => window.local_storage(),
                WebStorageArea::Session => window.session_storage(),
            };
            matches!(area, Ok(Some(_)))
        });
        if !reachable {
            self.unreachable.store(true, Ordering::Relaxed);
            return Err(StorageError::new(format!(
                "{} is not available",
                self.area.global_name()
            )));
        }
        Ok(match self.area {
            WebStorageArea::Local => LocalStorage::raw(),
            WebStorageArea::Session => SessionStorage::raw(),
        })
    }
}

fn storage_error(operation: &str, error: JsValue) -> StorageError {
    let name = Reflect::get(&error, &JsValue::from_str("name"))
        .ok()
        .and_then(|name| name.as_string())
        .unwrap_or_else(|| "Error".to_owned());
    StorageError::new(format!("{operation} failed: {name}"))
}

impl TokenStore for WebStorage {
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<String>, StorageError>> {
        if self.unreachable.load(Ordering::Relaxed) {
            return self.memory.get(key);
        }
        let result = self.storage().and_then(|storage| {
            storage
                .get_item(key)
                .map_err(|e| storage_error("getItem", e))
        });
        Box::pin(async move { result })
    }

    fn set<'a>(&'a self, key: &'a str, value: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        if self.unreachable.load(Ordering::Relaxed) {
            return self.memory.set(key, value);
        }
        let result = self.storage().and_then(|storage| {
            storage
                .set_item(key, value)
                .map_err(|e| storage_error("setItem", e))
        });
        Box::pin(async move { result })
    }

    fn remove<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        if self.unreachable.load(Ordering::Relaxed) {
            return self.memory.remove(key);
        }
        let result = self.storage().and_then(|storage| {
            storage
                .remove_item(key)
                .map_err(|e| storage_error("removeItem", e))
        });
        Box::pin(async move { result })
    }
}

#[wasm_bindgen(module = "/js/host.js")]
extern "C" {
    /// `storage[method](key, value)` as a promise.
    #[wasm_bindgen(js_name = callStorage)]
    fn call_storage(storage: &JsValue, method: &str, key: &str, value: Option<&str>) -> Promise;
}

/// A custom storage object with `getItem`, `setItem` and `removeItem`, each
/// returning a value or a promise of one.
#[derive(Debug)]
pub struct CustomStorage {
    object: JsValue,
}

impl CustomStorage {
    /// Wraps `object` if it has the three methods.
    pub fn new(object: JsValue) -> Option<Self> {
        let has_methods = ["getItem", "setItem", "removeItem"].iter().all(|name| {
            Reflect::get(&object, &JsValue::from_str(name)).is_ok_and(|value| value.is_function())
        });
        has_methods.then_some(Self { object })
    }

    async fn call(
        &self,
        method: &str,
        key: &str,
        value: Option<&str>,
    ) -> Result<JsValue, StorageError> {
        JsFuture::from(call_storage(&self.object, method, key, value))
            .await
            .map_err(|e| storage_error(method, e))
    }
}

impl TokenStore for CustomStorage {
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<String>, StorageError>> {
        Box::pin(async move { Ok(self.call("getItem", key, None).await?.as_string()) })
    }

    fn set<'a>(&'a self, key: &'a str, value: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async move { self.call("setItem", key, Some(value)).await.map(drop) })
    }

    fn remove<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async move { self.call("removeItem", key, None).await.map(drop) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn has_global(name: &str) -> bool {
        Reflect::get(&js_sys::global(), &JsValue::from_str(name))
            .is_ok_and(|value| value.is_object())
    }

    #[wasm_bindgen_test]
    async fn web_storage_round_trips_where_it_exists_and_fails_once_elsewhere() {
        for area in [WebStorageArea::Local, WebStorageArea::Session] {
            let store = WebStorage::new(area);
            let written = store.set("storefront-test", "value").await;
            if has_global(area.global_name()) {
                written.unwrap();
            } else {
                // Reported once; the store then keeps the session in memory.
                let error = written.unwrap_err();
                assert!(error.message.contains("not available"), "{}", error.message);
                assert_eq!(store.get("storefront-test").await.unwrap(), None);
                store.set("storefront-test", "value").await.unwrap();
            }
            assert_eq!(
                store.get("storefront-test").await.unwrap().as_deref(),
                Some("value")
            );
            store.remove("storefront-test").await.unwrap();
            assert_eq!(store.get("storefront-test").await.unwrap(), None);
        }
    }

    fn custom_storage(source: &str) -> CustomStorage {
        let object = js_sys::Function::new_no_args(source)
            .call0(&JsValue::NULL)
            .unwrap();
        CustomStorage::new(object).expect("has the three methods")
    }

    #[wasm_bindgen_test]
    async fn custom_storage_accepts_sync_and_async_methods() {
        let sync = custom_storage(
            "const m = new Map(); return { getItem: (k) => m.get(k) ?? null, \
             setItem: (k, v) => { m.set(k, v) }, removeItem: (k) => { m.delete(k) } };",
        );
        let asynchronous = custom_storage(
            "const m = new Map(); return { getItem: async (k) => m.get(k) ?? null, \
             setItem: async (k, v) => { m.set(k, v) }, removeItem: async (k) => { m.delete(k) } };",
        );
        for store in [sync, asynchronous] {
            assert_eq!(store.get("k").await.unwrap(), None);
            store.set("k", "v").await.unwrap();
            assert_eq!(store.get("k").await.unwrap().as_deref(), Some("v"));
            store.remove("k").await.unwrap();
            assert_eq!(store.get("k").await.unwrap(), None);
        }
    }

    #[wasm_bindgen_test]
    async fn a_throwing_custom_storage_is_a_storage_error_without_the_value() {
        let store = custom_storage(
            "return { getItem: () => { throw new DOMException('no', 'SecurityError') }, \
             setItem: () => Promise.reject(new DOMException('full', 'QuotaExceededError')), \
             removeItem: () => {} };",
        );
        assert_eq!(
            store.get("k").await.unwrap_err().message,
            "getItem failed: SecurityError"
        );
        let error = store.set("k", "secret-token").await.unwrap_err();
        assert_eq!(error.message, "setItem failed: QuotaExceededError");
    }

    #[wasm_bindgen_test]
    fn an_object_without_the_methods_is_not_a_storage() {
        assert!(CustomStorage::new(js_sys::Object::new().into()).is_none());
    }
}
