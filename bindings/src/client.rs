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
    AccessToken, AddressInput, CallOptions, Client, Credentials, CustomerUpdate, Error,
    ListOptions, MemoryStore, NewCustomer, NewPassword, Password, PasswordResetRequest,
    RefreshToken, TokenStore,
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
        let call = Self {
            options: CallOptions {
                token: fields.string("token").map(AccessToken::new),
                timeout: fields
                    .number("timeout")
                    .map(|ms| Duration::from_millis(ms as u64)),
                idempotency_key: fields.string("idempotencyKey"),
            },
            signal,
        };
        fields.finish(call)
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

/// One call of the JavaScript API, its arguments read.
enum Operation {
    Register(NewCustomer),
    Login(Credentials),
    Refresh(Option<String>),
    Logout(Option<String>),
    RequestPasswordReset(PasswordResetRequest),
    ResetPassword(String, NewPassword),
    GetCustomer,
    UpdateCustomer(CustomerUpdate),
    ListAddresses(ListOptions),
    GetAddress(String),
    CreateAddress(AddressInput),
    UpdateAddress(String, AddressInput),
    DeleteAddress(String),
    GetSession,
    GetAccessToken,
}

/// `future` behind a pointer: awaited through it, an operation's state
/// machine and its drop code stay out of `perform`'s (which would otherwise
/// repeat them for every state; the wasm package is 1.3 KB gz smaller).
fn boxed<'a, T>(future: impl Future<Output = T> + 'a) -> Pin<Box<dyn Future<Output = T> + 'a>> {
    Box::pin(future)
}

/// Runs one operation and translates its result. One function for every
/// operation, so that one state machine serves them all.
async fn perform(
    client: Client,
    options: CallOptions,
    operation: Operation,
) -> Result<JsValue, Error> {
    let call = client.with(options);
    Ok(match operation {
        Operation::Register(params) => {
            convert::auth_tokens_to_js(&boxed(call.customers().create(&params)).await?)
        }
        Operation::Login(credentials) => {
            convert::auth_tokens_to_js(&boxed(call.auth().login(&credentials)).await?)
        }
        Operation::Refresh(token) => {
            let auth = call.auth();
            let response = match token {
                Some(token) => boxed(auth.refresh_with(&RefreshToken::new(token))).await?,
                None => boxed(auth.refresh()).await?,
            };
            convert::auth_tokens_to_js(&response)
        }
        Operation::Logout(token) => {
            let auth = call.auth();
            match token {
                Some(token) => boxed(auth.logout_with(&RefreshToken::new(token))).await?,
                None => boxed(auth.logout()).await?,
            }
            JsValue::UNDEFINED
        }
        Operation::RequestPasswordReset(params) => {
            let message = boxed(call.password_resets().create(&params)).await?;
            convert::message(message.as_deref().unwrap_or_default())
        }
        Operation::ResetPassword(token, params) => convert::auth_tokens_to_js(
            &boxed(
                call.password_resets()
                    .update(&Password::new(token), &params),
            )
            .await?,
        ),
        Operation::GetCustomer => convert::customer_to_js(&boxed(call.customer().get()).await?),
        Operation::UpdateCustomer(params) => {
            convert::customer_to_js(&boxed(call.customer().update(&params)).await?)
        }
        Operation::ListAddresses(params) => {
            convert::address_page_to_js(&boxed(call.customer().addresses().list(&params)).await?)
        }
        Operation::GetAddress(id) => {
            convert::address_to_js(&boxed(call.customer().addresses().get(&id)).await?)
        }
        Operation::CreateAddress(params) => {
            convert::address_to_js(&boxed(call.customer().addresses().create(&params)).await?)
        }
        Operation::UpdateAddress(id, params) => {
            convert::address_to_js(&boxed(call.customer().addresses().update(&id, &params)).await?)
        }
        Operation::DeleteAddress(id) => {
            boxed(call.customer().addresses().delete(&id)).await?;
            JsValue::UNDEFINED
        }
        Operation::GetSession => match boxed(client.get_session()).await? {
            Some(session) => convert::session_to_js(&session),
            None => JsValue::NULL,
        },
        Operation::GetAccessToken => match boxed(client.access_token()).await {
            Ok(token) => JsValue::from_str(token.expose_secret()),
            Err(Error::Unauthenticated { .. } | Error::SessionExpired { .. }) => JsValue::NULL,
            Err(error) => return Err(error),
        },
    })
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
        let base_url = fields.required("baseUrl");
        let publishable_key = fields.required("publishableKey");
        let storage_key = fields.string("storageKey");
        fields.finish(())?;
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
        if let Some(storage_key) = storage_key {
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
        self.run(
            convert::new_customer(&params).map(Operation::Register),
            &options,
        )
    }

    /// `auth.login(credentials)`.
    pub fn login(&self, credentials: JsValue, options: JsValue) -> Promise {
        self.run(
            convert::credentials(&credentials).map(Operation::Login),
            &options,
        )
    }

    /// `auth.refresh(params?)`: the held session, or an explicit refresh token.
    pub fn refresh(&self, params: JsValue, options: JsValue) -> Promise {
        self.run(
            convert::refresh_token(&params).map(Operation::Refresh),
            &options,
        )
    }

    /// `auth.logout(params?)`: the held session, or an explicit refresh token.
    pub fn logout(&self, params: JsValue, options: JsValue) -> Promise {
        self.run(
            convert::refresh_token(&params).map(Operation::Logout),
            &options,
        )
    }

    /// `passwordResets.create(params)`.
    #[wasm_bindgen(js_name = requestPasswordReset)]
    pub fn request_password_reset(&self, params: JsValue, options: JsValue) -> Promise {
        self.run(
            convert::password_reset_request(&params).map(Operation::RequestPasswordReset),
            &options,
        )
    }

    /// `passwordResets.update(token, params)`: completes a reset and signs in.
    #[wasm_bindgen(js_name = resetPassword)]
    pub fn reset_password(&self, token: String, params: JsValue, options: JsValue) -> Promise {
        self.run(
            convert::new_password(&params).map(|params| Operation::ResetPassword(token, params)),
            &options,
        )
    }

    /// `customer.get()`.
    #[wasm_bindgen(js_name = getCustomer)]
    pub fn get_customer(&self, options: JsValue) -> Promise {
        self.run(Ok(Operation::GetCustomer), &options)
    }

    /// `customer.update(params)`.
    #[wasm_bindgen(js_name = updateCustomer)]
    pub fn update_customer(&self, params: JsValue, options: JsValue) -> Promise {
        self.run(
            convert::customer_update(&params).map(Operation::UpdateCustomer),
            &options,
        )
    }

    /// `customer.addresses.list(params?)`.
    #[wasm_bindgen(js_name = listAddresses)]
    pub fn list_addresses(&self, params: JsValue, options: JsValue) -> Promise {
        self.run(
            convert::list_options(&params).map(Operation::ListAddresses),
            &options,
        )
    }

    /// `customer.addresses.get(id)`.
    #[wasm_bindgen(js_name = getAddress)]
    pub fn get_address(&self, id: String, options: JsValue) -> Promise {
        self.run(Ok(Operation::GetAddress(id)), &options)
    }

    /// `customer.addresses.create(params)`.
    #[wasm_bindgen(js_name = createAddress)]
    pub fn create_address(&self, params: JsValue, options: JsValue) -> Promise {
        self.run(
            convert::address(&params).map(Operation::CreateAddress),
            &options,
        )
    }

    /// `customer.addresses.update(id, params)`.
    #[wasm_bindgen(js_name = updateAddress)]
    pub fn update_address(&self, id: String, params: JsValue, options: JsValue) -> Promise {
        self.run(
            convert::address(&params).map(|params| Operation::UpdateAddress(id, params)),
            &options,
        )
    }

    /// `customer.addresses.delete(id)`.
    #[wasm_bindgen(js_name = deleteAddress)]
    pub fn delete_address(&self, id: String, options: JsValue) -> Promise {
        self.run(Ok(Operation::DeleteAddress(id)), &options)
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
        self.run(Ok(Operation::GetSession), &JsValue::UNDEFINED)
    }

    /// `getAccessToken()`: a fresh access token, or `null` when signed out.
    #[wasm_bindgen(js_name = getAccessToken)]
    pub fn get_access_token(&self) -> Promise {
        self.run(Ok(Operation::GetAccessToken), &JsValue::UNDEFINED)
    }

    /// `dispose()`: ends subscriptions and cross-tab listeners.
    pub fn dispose(&self) {
        self.cross_tab.take();
        self.client.dispose();
    }
}

impl ClientCore {
    /// Runs `operation` as a promise: SDK errors become `SpreeError`s, and an
    /// abort of the call's signal drops the work (which cancels its request)
    /// and rejects with `aborted`. Arguments that could not be read reject at
    /// once.
    fn run(&self, operation: Result<Operation, JsValue>, options: &JsValue) -> Promise {
        let (operation, call) = match operation.and_then(|op| Ok((op, Call::from_js(options)?))) {
            Ok(parsed) => parsed,
            Err(error) => return Promise::reject(&error),
        };
        let work = Box::pin(perform(self.client.clone(), call.options, operation));
        let signal = call.signal;
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
}
