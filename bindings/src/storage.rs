//! Token stores backed by JavaScript: `localStorage` / `sessionStorage`, and a
//! custom `{ getItem, setItem, removeItem }` object (sync or async).
//!
//! Browser storage is reached lazily, at the first read or write, so that
//! creating a client touches nothing (TL-6.5). Any failure (no storage in this
//! environment, `SecurityError`, `QuotaExceededError`) is returned as a
//! `StorageError`; the SDK then keeps the session in memory and emits
//! `StorageUnavailable`.

use js_sys::{Function, Promise, Reflect};
use storefront_sdk::{BoxFuture, StorageError, TokenStore};
use wasm_bindgen::{JsCast, JsValue};
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
}

impl WebStorage {
    /// A store in the given storage area.
    pub fn new(area: WebStorageArea) -> Self {
        Self { area }
    }

    fn storage(&self) -> Result<web_sys::Storage, StorageError> {
        let name = self.area.global_name();
        Reflect::get(&js_sys::global(), &JsValue::from_str(name))
            .ok()
            .and_then(|value| value.dyn_into::<web_sys::Storage>().ok())
            .ok_or_else(|| StorageError::new(format!("{name} is not available")))
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
        let result = self
            .storage()
            .and_then(|storage| storage.get_item(key).map_err(|e| storage_error("getItem", e)));
        Box::pin(async move { result })
    }

    fn set<'a>(&'a self, key: &'a str, value: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        let result = self.storage().and_then(|storage| {
            storage
                .set_item(key, value)
                .map_err(|e| storage_error("setItem", e))
        });
        Box::pin(async move { result })
    }

    fn remove<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        let result = self.storage().and_then(|storage| {
            storage
                .remove_item(key)
                .map_err(|e| storage_error("removeItem", e))
        });
        Box::pin(async move { result })
    }
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

    async fn call(&self, method: &str, arguments: &[&str]) -> Result<JsValue, StorageError> {
        let function: Function = Reflect::get(&self.object, &JsValue::from_str(method))
            .map_err(|e| storage_error(method, e))?
            .unchecked_into();
        let arguments: js_sys::Array = arguments.iter().map(|a| JsValue::from_str(a)).collect();
        let returned = function
            .apply(&self.object, &arguments)
            .map_err(|e| storage_error(method, e))?;
        JsFuture::from(Promise::resolve(&returned))
            .await
            .map_err(|e| storage_error(method, e))
    }
}

impl TokenStore for CustomStorage {
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<String>, StorageError>> {
        Box::pin(async move { Ok(self.call("getItem", &[key]).await?.as_string()) })
    }

    fn set<'a>(&'a self, key: &'a str, value: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async move { self.call("setItem", &[key, value]).await.map(drop) })
    }

    fn remove<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StorageError>> {
        Box::pin(async move { self.call("removeItem", &[key]).await.map(drop) })
    }
}
