//! `ClientCore`: the SDK client as a JavaScript class. `client.js` arranges its
//! operations into the namespaces of `@spree/sdk` (`auth`, `customer.addresses`,
//! …), the same for every backend.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::{Either, select};
use js_sys::{Array, Function, Promise, Reflect};
use storefront_sdk::{
    AccessToken, BackendKind, CallOptions, Client, Error, MemoryStore, Password, RefreshToken,
    RetryPolicy, TokenStore,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::AbortSignal;

use crate::convert::{self, Fields, Shape};
use crate::cross_tab::CrossTab;
use crate::errors;
use crate::events;
use crate::storage::{CustomStorage, WebStorage, WebStorageArea};
use crate::web_lock::WebLock;

/// One call's SDK options (`{ timeout, token, idempotencyKey, headers,
/// retry }`) and its abort signal (`signal`).
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
        let mut call_options = CallOptions::new();
        call_options.token = fields.string("token").map(AccessToken::new);
        call_options.timeout = fields
            .number("timeout")
            .map(|ms| Duration::from_millis(ms as u64));
        call_options.idempotency_key = fields.string("idempotencyKey");
        call_options.headers = fields.strings("headers");
        call_options.retry = retry_policy(options)?;
        let call = Self {
            options: call_options,
            signal,
        };
        fields.finish(call)
    }
}

/// The `retry` field of `owner` (the `createClient` config or a call's
/// options): `RetryConfig | false`, as `@spree/sdk` takes it. `false` never
/// retries; an object changes the fields it names of the default policy
/// (times in milliseconds); absent, `None`.
fn retry_policy(owner: &JsValue) -> Result<Option<RetryPolicy>, JsValue> {
    let retry = Reflect::get(owner, &JsValue::from_str("retry")).unwrap_or(JsValue::UNDEFINED);
    if retry.is_undefined() || retry.is_null() {
        return Ok(None);
    }
    let mut policy = RetryPolicy::default();
    if retry.as_bool() == Some(false) {
        policy.max_retries = 0;
        return Ok(Some(policy));
    }
    let fields = Fields::of(&retry, "retry")?;
    if let Some(count) = fields.number("maxRetries") {
        policy.max_retries = count.min(u32::MAX as f64) as u32;
    }
    if let Some(statuses) = fields.field(
        "retryOnStatus",
        "must be an array of HTTP statuses",
        |value| {
            let statuses: Array = value.dyn_into().ok()?;
            // A loop rather than iterator adapters: the package is smaller.
            let mut list = Vec::new();
            for index in 0..statuses.length() {
                let status = statuses.get(index).as_f64()?;
                if status.fract() != 0.0 || !(100.0..600.0).contains(&status) {
                    return None;
                }
                list.push(status as u16);
            }
            Some(list)
        },
    ) {
        policy.retry_on_status = statuses;
    }
    if let Some(enabled) = fields.boolean("retryOnNetworkError") {
        policy.retry_on_network_error = enabled;
    }
    // Times in milliseconds.
    for (key, slot) in [
        ("baseDelay", &mut policy.base_delay),
        ("maxDelay", &mut policy.max_delay),
        ("maxRetryAfter", &mut policy.max_retry_after),
        ("maxTotalRetryAfter", &mut policy.max_total_retry_after),
    ] {
        if let Some(ms) = fields.number(key) {
            *slot = Duration::from_millis(ms as u64);
        }
    }
    fields.finish(Some(policy))
}

/// The `{ token, refresh_token }` of `setSession`.
fn session_tokens(value: &JsValue) -> Result<(AccessToken, Option<RefreshToken>), JsValue> {
    let fields = Fields::of(value, "session")?;
    let token = AccessToken::new(fields.required("token"));
    let refresh_token = fields.string("refresh_token").map(RefreshToken::new);
    fields.finish((token, refresh_token))
}

#[wasm_bindgen(module = "/js/host.js")]
extern "C" {
    /// Resolves once `signal` aborts. (`catch` gives it a glue function of
    /// its own: wasm-bindgen would import it from the snippet directly,
    /// which `tools/minify-glue.mjs` does not rename.)
    #[wasm_bindgen(catch, js_name = abortOf)]
    fn abort_of(signal: &AbortSignal) -> Result<Promise, JsValue>;
}

/// Resolves when `signal` aborts.
async fn aborted(signal: AbortSignal) {
    match abort_of(&signal) {
        Ok(aborted) => drop(JsFuture::from(aborted).await),
        Err(_) => std::future::pending().await,
    }
}

/// The operations of the JavaScript API, by number: `client.js` calls
/// [`ClientCore::call`] with one of these (one export for all of them keeps
/// the module and its glue small).
pub mod op {
    /// `customers.create(params)`
    pub const REGISTER: u8 = 0;
    /// `auth.login(credentials)`
    pub const LOGIN: u8 = 1;
    /// `auth.refresh(params?)`
    pub const REFRESH: u8 = 2;
    /// `auth.logout(params?)`
    pub const LOGOUT: u8 = 3;
    /// `passwordResets.create(params)`
    pub const REQUEST_PASSWORD_RESET: u8 = 4;
    /// `passwordResets.update(token, params)`
    pub const RESET_PASSWORD: u8 = 5;
    /// `customer.get()`
    pub const GET_CUSTOMER: u8 = 6;
    /// `customer.update(params)`
    pub const UPDATE_CUSTOMER: u8 = 7;
    /// `customer.addresses.list(params?)`
    pub const LIST_ADDRESSES: u8 = 8;
    /// `customer.addresses.get(id)`
    pub const GET_ADDRESS: u8 = 9;
    /// `customer.addresses.create(params)`
    pub const CREATE_ADDRESS: u8 = 10;
    /// `customer.addresses.update(id, params)`
    pub const UPDATE_ADDRESS: u8 = 11;
    /// `customer.addresses.delete(id)`
    pub const DELETE_ADDRESS: u8 = 12;
    /// `getSession()`
    pub const GET_SESSION: u8 = 13;
    /// `getAccessToken()`
    pub const GET_ACCESS_TOKEN: u8 = 14;
    /// `setSession({ token, refresh_token })`
    pub const SET_SESSION: u8 = 15;
}

/// An id argument (a string).
fn id(value: &JsValue) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| errors::invalid_input("id must be a string"))
}

/// `future` behind a pointer: awaited through it, an operation's state
/// machine and its drop code stay out of `perform`'s (which would otherwise
/// repeat them for every state; the wasm package is 1.3 KB gz smaller).
fn boxed<'a, T>(future: impl Future<Output = T> + 'a) -> Pin<Box<dyn Future<Output = T> + 'a>> {
    Box::pin(future)
}

/// How an operation fails: its arguments could not be read (rejected
/// with the `invalid_input` as it is), or the SDK's error.
enum Failure {
    Arguments(JsValue),
    Sdk(Error),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Sdk(error)
    }
}

/// Arguments that could not be read.
fn read<T>(read: Result<T, JsValue>) -> Result<T, Failure> {
    read.map_err(Failure::Arguments)
}

/// Runs operation `op` (see [`op`]): reads its arguments, calls the SDK and
/// translates the result. One function for every operation, so that one
/// state machine serves them all.
async fn perform(
    client: Client,
    shape: Shape,
    options: CallOptions,
    op: u8,
    first: JsValue,
    second: JsValue,
) -> Result<JsValue, Failure> {
    let explicit_token = options.token.clone();
    let call = client.with(options);
    Ok(match op {
        op::REGISTER => {
            let params = read(convert::new_customer(&first))?;
            convert::registration_to_js(&boxed(call.customers().create(&params)).await?)
        }
        op::LOGIN => {
            let credentials = read(convert::credentials(&first, client.backend()))?;
            convert::auth_tokens_to_js(&boxed(call.auth().login(&credentials)).await?)
        }
        op::REFRESH => {
            let token = read(convert::refresh_token(&first))?;
            let auth = call.auth();
            let response = match token {
                Some(token) => boxed(auth.refresh_with(&RefreshToken::new(token))).await?,
                None => boxed(auth.refresh()).await?,
            };
            convert::auth_tokens_to_js(&response)
        }
        op::LOGOUT => {
            let refresh_token = read(convert::refresh_token(&first))?.map(RefreshToken::new);
            let auth = call.auth();
            if explicit_token.is_none() && refresh_token.is_none() {
                boxed(auth.logout()).await?;
            } else {
                // An explicit session, on the server only: Spree revokes the
                // refresh token, the other backends the access token.
                let token = explicit_token.unwrap_or_else(|| AccessToken::new(""));
                boxed(auth.logout_with(&token, refresh_token.as_ref())).await?;
            }
            JsValue::UNDEFINED
        }
        op::REQUEST_PASSWORD_RESET => {
            let params = read(convert::password_reset_request(&first))?;
            let message = boxed(call.password_resets().create(&params)).await?;
            convert::message(message.as_deref().unwrap_or_default())
        }
        op::RESET_PASSWORD => {
            let token = Password::new(read(id(&first))?);
            let params = read(convert::new_password(&second))?;
            let resets = call.password_resets();
            match boxed(resets.update(&token, &params)).await? {
                Some(session) => convert::auth_tokens_to_js(&session),
                None => JsValue::NULL,
            }
        }
        op::GET_CUSTOMER => convert::customer_to_js(&boxed(call.customer().get()).await?, shape),
        op::UPDATE_CUSTOMER => {
            let params = read(convert::customer_update(&first))?;
            convert::customer_to_js(&boxed(call.customer().update(&params)).await?, shape)
        }
        op::LIST_ADDRESSES => {
            let params = read(convert::list_options(&first))?;
            let page = boxed(call.customer().addresses().list(&params)).await?;
            convert::address_page_to_js(&page, shape)
        }
        op::GET_ADDRESS => {
            let id = read(id(&first))?;
            convert::address_to_js(&boxed(call.customer().addresses().get(&id)).await?, shape)
        }
        op::CREATE_ADDRESS => {
            let params = read(convert::address(&first))?;
            let address = boxed(call.customer().addresses().create(&params)).await?;
            convert::address_to_js(&address, shape)
        }
        op::UPDATE_ADDRESS => {
            let id = read(id(&first))?;
            let params = read(convert::address(&second))?;
            let address = boxed(call.customer().addresses().update(&id, &params)).await?;
            convert::address_to_js(&address, shape)
        }
        op::DELETE_ADDRESS => {
            let id = read(id(&first))?;
            boxed(call.customer().addresses().delete(&id)).await?;
            JsValue::UNDEFINED
        }
        op::GET_SESSION => match boxed(client.get_session()).await? {
            Some(session) => convert::session_to_js(&session, shape),
            None => JsValue::NULL,
        },
        op::GET_ACCESS_TOKEN => match boxed(client.access_token()).await {
            Ok(token) => JsValue::from_str(token.expose_secret()),
            Err(Error::Unauthenticated { .. } | Error::SessionExpired { .. }) => JsValue::NULL,
            Err(error) => return Err(error.into()),
        },
        op::SET_SESSION => {
            let (token, refresh_token) = read(session_tokens(&first))?;
            convert::auth_tokens_to_js(&boxed(client.set_session(token, refresh_token)).await?)
        }
        _ => {
            return Err(Failure::Arguments(errors::config_error(
                "unknown operation",
            )));
        }
    })
}

/// The client behind `createClient`.
#[wasm_bindgen]
pub struct ClientCore {
    client: Client,
    shape: Shape,
    cross_tab: Cell<Option<CrossTab>>,
}

#[wasm_bindgen]
impl ClientCore {
    /// Creates a client of `backend` (`'spree'`, `'magento-rest'`, …: the
    /// entry's, which passes it) from a `ClientConfig`. Touches no storage
    /// and no network.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue, backend: &str) -> Result<ClientCore, JsValue> {
        let Some(kind) = BackendKind::from_name(backend) else {
            return Err(errors::config_error("unknown backend"));
        };
        let fields = Fields::of(&config, "config")?;
        let base_url = fields.required("baseUrl");
        // The store key: Spree's publishable key, Bagisto's storefront key.
        let publishable_key = if matches!(kind, BackendKind::Spree | BackendKind::Bagisto) {
            Some(fields.required("publishableKey"))
        } else {
            None
        };
        // Magento's store code (the SDK's default is `default`).
        let store_code = fields.string("storeCode");
        // The server release, where the wire differs between releases
        // (Magento GraphQL; the SDK's default is its oldest).
        let server_version = fields.string("serverVersion");
        let storage_key = fields.string("storageKey");
        fields.finish(())?;
        let retry = retry_policy(&config)?;
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
        let mut builder = Client::builder(base_url).backend(kind).token_store(store);
        if let Some(key) = publishable_key {
            builder = builder.publishable_key(key);
        }
        if let Some(code) = store_code {
            builder = builder.store_code(code);
        }
        if let Some(version) = server_version {
            builder = builder.server_version(version);
        }
        if let Some(storage_key) = storage_key {
            builder = builder.storage_key(storage_key);
        }
        // Only a build that refreshes takes the lock (elsewhere the Web Locks
        // code is left out of the module).
        if lock_refreshes && storefront_sdk::REFRESHES_SESSIONS {
            builder = builder.refresh_lock(Arc::new(WebLock));
        }
        if let Some(policy) = retry {
            builder = builder.retry_policy(policy);
        }
        let client = builder.build().map_err(|error| errors::to_js(&error))?;
        let cross_tab = if shared_between_tabs {
            CrossTab::start(&client)
        } else {
            None
        };
        Ok(ClientCore {
            client,
            shape: Shape::of(kind),
            cross_tab: Cell::new(cross_tab),
        })
    }

    /// Runs operation `op` (see [`op`]) with its arguments (`first`,
    /// `second`: as the JavaScript method takes them) and the call's
    /// `options`, as a promise: SDK errors become `StorefrontError`s, and an
    /// abort of the call's signal drops the work (which cancels its request)
    /// and rejects with `aborted`. Arguments that could not be read reject at
    /// once.
    pub fn call(&self, op: u8, first: JsValue, second: JsValue, options: JsValue) -> Promise {
        let call = match Call::from_js(&options) {
            Ok(call) => call,
            Err(error) => return Promise::reject(&error),
        };
        let work = Box::pin(perform(
            self.client.clone(),
            self.shape,
            call.options,
            op,
            first,
            second,
        ));
        let signal = call.signal;
        future_to_promise(async move {
            let outcome = match signal {
                None => work.await,
                Some(signal) => match select(work, Box::pin(aborted(signal))).await {
                    Either::Left((outcome, _)) => outcome,
                    Either::Right(_) => return Err(errors::aborted()),
                },
            };
            outcome.map_err(|failure| match failure {
                Failure::Arguments(error) => error,
                Failure::Sdk(error) => errors::to_js(&error),
            })
        })
    }

    /// `onAuthStateChange(callback)`: returns the unsubscribe function.
    #[wasm_bindgen(js_name = onAuthStateChange)]
    pub fn on_auth_state_change(&self, callback: Function) -> JsValue {
        events::subscribe(&self.client, self.shape, callback)
    }

    /// `dispose()`: ends subscriptions and cross-tab listeners; later calls
    /// reject with `client_disposed`.
    pub fn dispose(&self) {
        self.cross_tab.take();
        self.client.dispose();
    }
}
