//! `ClientCore`: the SDK client as a JavaScript class. `client.js` arranges its
//! methods into the namespaces of `@spree/sdk` (`auth`, `customer.addresses`, …).

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::{Either, select};
use js_sys::{Function, Promise, Reflect};
use storefront_sdk::{
    AccessToken, CallOptions, Client, Error, MemoryStore, Password, RefreshToken, TokenStore,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::AbortSignal;

use crate::convert::{self, Fields};
use crate::cross_tab::CrossTab;
use crate::errors;
use crate::events;
use crate::storage::{CustomStorage, WebStorage, WebStorageArea};
use crate::web_lock::WebLock;

/// One call's SDK options (`{ timeout, token, idempotencyKey }`) and its
/// abort signal (`signal`).
struct Call {
    options: CallOptions,
    signal: Option<AbortSignal>,
}

impl Call {
    fn from_js(options: &JsValue) -> Result<Self, JsValue> {
        let fields = Fields::of(options, "options")?;
        let signal = Reflect::get(options, &JsValue::from_str("signal"))
            .ok()
            .and_then(|signal| signal.dyn_into::<AbortSignal>().ok());
        Ok(Self {
            options: CallOptions {
                token: fields.string("token")?.map(AccessToken::new),
                timeout: fields
                    .number("timeout")?
                    .map(|ms| Duration::from_millis(ms as u64)),
                idempotency_key: fields.string("idempotencyKey")?,
            },
            signal,
        })
    }
}

/// Resolves when `signal` aborts.
async fn aborted(signal: AbortSignal) {
    if signal.aborted() {
        return;
    }
    let promise = Promise::new(&mut |resolve, _reject| {
        let _ = signal.add_event_listener_with_callback("abort", &resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// The work of one call, boxed so that one promise adapter serves every method.
type Work = Pin<Box<dyn Future<Output = Result<JsValue, Error>>>>;

/// Runs `work` as a promise: SDK errors become `StorefrontError`s, and an
/// abort of the call's signal drops `work` (which cancels its request) and
/// rejects with `aborted`.
fn promise(signal: Option<AbortSignal>, work: Work) -> Promise {
    future_to_promise(async move {
        let outcome = match signal {
            None => work.await,
            Some(signal) => match select(work, Box::pin(aborted(signal))).await {
                Either::Left((outcome, _)) => outcome,
                Either::Right(_) => return Err(errors::aborted()),
            },
        };
        outcome.map_err(|error| errors::to_js(&error))
    })
}

/// Reads a call's parameters with `read`, and its options.
fn arguments<T>(
    params: &JsValue,
    read: fn(&JsValue) -> Result<T, JsValue>,
    options: &JsValue,
) -> Result<(T, Call), JsValue> {
    Ok((read(params)?, Call::from_js(options)?))
}

/// Rejects with a `StorefrontError` for arguments that could not be read.
fn rejected(error: JsValue) -> Promise {
    Promise::reject(&error)
}

/// The client behind `createClient`.
#[wasm_bindgen]
pub struct ClientCore {
    client: Client,
    cross_tab: Cell<Option<CrossTab>>,
}

#[wasm_bindgen]
impl ClientCore {
    /// Creates a client from a `ClientConfig`. Touches no storage and no network.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<ClientCore, JsValue> {
        let fields = Fields::of(&config, "config")?;
        let base_url = fields.required("baseUrl")?;
        let publishable_key = fields.required("publishableKey")?;
        let storage =
            Reflect::get(&config, &JsValue::from_str("storage")).unwrap_or(JsValue::UNDEFINED);
        // Which storage, whether other tabs see it (cross-tab events), and
        // whether they may spend the same refresh token (Web Locks): a custom
        // storage may well be shared, so its refreshes take the lock too.
        let (store, shared_between_tabs, lock_refreshes): (Arc<dyn TokenStore>, bool, bool) =
            match storage.as_string().as_deref() {
                None if storage.is_undefined() => (Arc::new(MemoryStore::new()), false, false),
                Some("memory") => (Arc::new(MemoryStore::new()), false, false),
                Some("local") => (Arc::new(WebStorage::new(WebStorageArea::Local)), true, true),
                Some("session") => (
                    Arc::new(WebStorage::new(WebStorageArea::Session)),
                    false,
                    false,
                ),
                Some(_) => {
                    return Err(errors::config_error(
                        "storage must be 'memory', 'local', 'session' or an object with getItem, setItem and removeItem",
                    ));
                }
                None => match CustomStorage::new(storage) {
                    Some(custom) => (Arc::new(custom), false, true),
                    None => {
                        return Err(errors::config_error(
                            "a custom storage needs getItem, setItem and removeItem methods",
                        ));
                    }
                },
            };
        let mut builder = Client::builder(base_url)
            .publishable_key(publishable_key)
            .token_store(store);
        if let Some(storage_key) = fields.string("storageKey")? {
            builder = builder.storage_key(storage_key);
        }
        if lock_refreshes {
            builder = builder.refresh_lock(Arc::new(WebLock));
        }
        let client = builder.build().map_err(|error| errors::to_js(&error))?;
        let cross_tab = if shared_between_tabs {
            CrossTab::start(&client)
        } else {
            None
        };
        Ok(ClientCore {
            client,
            cross_tab: Cell::new(cross_tab),
        })
    }

    /// `customers.create(params)`: registers and signs in.
    pub fn register(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments(&params, convert::new_customer, &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                let response = client
                    .with(call.options)
                    .customers()
                    .create(&params)
                    .await?;
                Ok(convert::auth_tokens_to_js(&response))
            }),
        )
    }

    /// `auth.login(credentials)`.
    pub fn login(&self, credentials: JsValue, options: JsValue) -> Promise {
        let (credentials, call) = match arguments(&credentials, convert::credentials, &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                let response = client.with(call.options).auth().login(&credentials).await?;
                Ok(convert::auth_tokens_to_js(&response))
            }),
        )
    }

    /// `auth.refresh(params?)`: the held session, or an explicit refresh token.
    pub fn refresh(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments(&params, convert::refresh_token, &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                let auth = client.with(call.options).auth();
                let response = match params {
                    Some(token) => auth.refresh_with(&RefreshToken::new(token)).await?,
                    None => auth.refresh().await?,
                };
                Ok(convert::auth_tokens_to_js(&response))
            }),
        )
    }

    /// `auth.logout(params?)`: the held session, or an explicit refresh token.
    pub fn logout(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments(&params, convert::refresh_token, &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                let auth = client.with(call.options).auth();
                match params {
                    Some(token) => auth.logout_with(&RefreshToken::new(token)).await?,
                    None => auth.logout().await?,
                }
                Ok(JsValue::UNDEFINED)
            }),
        )
    }

    /// `passwordResets.create(params)`.
    #[wasm_bindgen(js_name = requestPasswordReset)]
    pub fn request_password_reset(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments(&params, convert::password_reset_request, &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                let message = client
                    .with(call.options)
                    .password_resets()
                    .create(&params)
                    .await?;
                Ok(convert::message(message.as_deref().unwrap_or_default()))
            }),
        )
    }

    /// `passwordResets.update(token, params)`: completes a reset and signs in.
    #[wasm_bindgen(js_name = resetPassword)]
    pub fn reset_password(&self, token: String, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments(&params, convert::new_password, &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                let response = client
                    .with(call.options)
                    .password_resets()
                    .update(&Password::new(token), &params)
                    .await?;
                Ok(convert::auth_tokens_to_js(&response))
            }),
        )
    }

    /// `customer.get()`.
    #[wasm_bindgen(js_name = getCustomer)]
    pub fn get_customer(&self, options: JsValue) -> Promise {
        let call = match Call::from_js(&options) {
            Ok(call) => call,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                let customer = client.with(call.options).customer().get().await?;
                Ok(convert::customer_to_js(&customer))
            }),
        )
    }

    /// `customer.update(params)`.
    #[wasm_bindgen(js_name = updateCustomer)]
    pub fn update_customer(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments(&params, convert::customer_update, &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                let customer = client.with(call.options).customer().update(&params).await?;
                Ok(convert::customer_to_js(&customer))
            }),
        )
    }

    /// `customer.addresses.list(params?)`.
    #[wasm_bindgen(js_name = listAddresses)]
    pub fn list_addresses(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments(&params, convert::list_options, &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                let page = client
                    .with(call.options)
                    .customer()
                    .addresses()
                    .list(&params)
                    .await?;
                Ok(convert::address_page_to_js(&page))
            }),
        )
    }

    /// `customer.addresses.get(id)`.
    #[wasm_bindgen(js_name = getAddress)]
    pub fn get_address(&self, id: String, options: JsValue) -> Promise {
        let call = match Call::from_js(&options) {
            Ok(call) => call,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                let address = client
                    .with(call.options)
                    .customer()
                    .addresses()
                    .get(&id)
                    .await?;
                Ok(convert::address_to_js(&address))
            }),
        )
    }

    /// `customer.addresses.create(params)`.
    #[wasm_bindgen(js_name = createAddress)]
    pub fn create_address(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments(&params, convert::address, &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                let address = client
                    .with(call.options)
                    .customer()
                    .addresses()
                    .create(&params)
                    .await?;
                Ok(convert::address_to_js(&address))
            }),
        )
    }

    /// `customer.addresses.update(id, params)`.
    #[wasm_bindgen(js_name = updateAddress)]
    pub fn update_address(&self, id: String, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments(&params, convert::address, &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                let address = client
                    .with(call.options)
                    .customer()
                    .addresses()
                    .update(&id, &params)
                    .await?;
                Ok(convert::address_to_js(&address))
            }),
        )
    }

    /// `customer.addresses.delete(id)`.
    #[wasm_bindgen(js_name = deleteAddress)]
    pub fn delete_address(&self, id: String, options: JsValue) -> Promise {
        let call = match Call::from_js(&options) {
            Ok(call) => call,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(
            call.signal,
            Box::pin(async move {
                client
                    .with(call.options)
                    .customer()
                    .addresses()
                    .delete(&id)
                    .await?;
                Ok(JsValue::UNDEFINED)
            }),
        )
    }

    /// `onAuthStateChange(callback)`: returns the unsubscribe function.
    #[wasm_bindgen(js_name = onAuthStateChange)]
    pub fn on_auth_state_change(&self, callback: Function) -> JsValue {
        events::subscribe(&self.client, callback)
    }

    /// `getSession()`: the session with its tokens, refreshed first if it
    /// expired, or `null`.
    #[wasm_bindgen(js_name = getSession)]
    pub fn get_session(&self) -> Promise {
        let client = self.client.clone();
        promise(
            None,
            Box::pin(async move {
                Ok(match client.get_session().await? {
                    Some(session) => convert::session_to_js(&session),
                    None => JsValue::NULL,
                })
            }),
        )
    }

    /// `getAccessToken()`: a fresh access token, or `null` when signed out.
    #[wasm_bindgen(js_name = getAccessToken)]
    pub fn get_access_token(&self) -> Promise {
        let client = self.client.clone();
        promise(
            None,
            Box::pin(async move {
                match client.access_token().await {
                    Ok(token) => Ok(JsValue::from_str(token.expose_secret())),
                    Err(Error::Unauthenticated { .. } | Error::SessionExpired { .. }) => {
                        Ok(JsValue::NULL)
                    }
                    Err(error) => Err(error),
                }
            }),
        )
    }

    /// `dispose()`: ends subscriptions and cross-tab listeners.
    pub fn dispose(&self) {
        self.cross_tab.take();
        self.client.dispose();
    }
}
