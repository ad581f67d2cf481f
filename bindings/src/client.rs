//! `ClientCore`: the SDK client as a JavaScript class. `client.js` arranges its
//! methods into the namespaces of `@spree/sdk` (`auth`, `customer.addresses`, …).

use std::cell::RefCell;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::{Either, select};
use js_sys::{Function, Promise, Reflect};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use storefront_sdk::{
    AccessToken, CallOptions, Client, Error, MemoryStore, Password, RefreshToken, TokenStore,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::AbortSignal;

use crate::convert::{
    self, AddressParams, AuthSession, AuthTokens, CustomerUpdateParams, ListParams,
    LoginCredentials, PasswordResetParams, RefreshTokenParams, RegisterParams,
    ResetPasswordParams,
};
use crate::cross_tab::CrossTab;
use crate::errors;
use crate::events;
use crate::storage::{CustomStorage, WebStorage, WebStorageArea};

/// The part of `ClientConfig` that JSON can carry (`storage` may be an object
/// with methods and is read separately).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClientConfig {
    base_url: String,
    publishable_key: String,
    storage_key: Option<String>,
}

/// Per-call options: `{ signal, timeout, token, idempotencyKey }`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RequestOptions {
    timeout: Option<f64>,
    token: Option<String>,
    idempotency_key: Option<String>,
}

/// One call's SDK options and its abort signal.
struct Call {
    options: CallOptions,
    signal: Option<AbortSignal>,
}

impl Call {
    fn from_js(options: &JsValue) -> Result<Self, JsValue> {
        let parsed: RequestOptions = convert::from_js(options, "request options")?;
        let signal = if options.is_object() {
            Reflect::get(options, &JsValue::from_str("signal"))
                .ok()
                .and_then(|signal| signal.dyn_into::<AbortSignal>().ok())
        } else {
            None
        };
        Ok(Self {
            options: CallOptions {
                token: parsed.token.map(AccessToken::new),
                timeout: parsed
                    .timeout
                    .filter(|ms| ms.is_finite() && *ms >= 0.0)
                    .map(|ms| Duration::from_millis(ms as u64)),
                idempotency_key: parsed.idempotency_key,
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

/// Runs `work` as a promise: SDK errors become `StorefrontError`s, and an
/// abort of the call's signal drops `work` (which cancels its request) and
/// rejects with `aborted`.
fn promise<F>(signal: Option<AbortSignal>, work: F) -> Promise
where
    F: Future<Output = Result<JsValue, Error>> + 'static,
{
    future_to_promise(async move {
        let outcome = match signal {
            None => work.await,
            Some(signal) => match select(Box::pin(work), Box::pin(aborted(signal))).await {
                Either::Left((outcome, _)) => outcome,
                Either::Right(_) => return Err(errors::aborted()),
            },
        };
        outcome.map_err(|error| errors::to_js(&error))
    })
}

/// Reads a call's parameters and options.
fn arguments<T: DeserializeOwned>(
    params: &JsValue,
    what: &str,
    options: &JsValue,
) -> Result<(T, Call), JsValue> {
    Ok((convert::from_js(params, what)?, Call::from_js(options)?))
}

/// Rejects with a `StorefrontError` for arguments that could not be read.
fn rejected(error: JsValue) -> Promise {
    Promise::reject(&error)
}

/// The client behind `createClient`.
#[wasm_bindgen]
pub struct ClientCore {
    client: Client,
    cross_tab: RefCell<Option<CrossTab>>,
}

#[wasm_bindgen]
impl ClientCore {
    /// Creates a client from a `ClientConfig`. Touches no storage and no network.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<ClientCore, JsValue> {
        let parsed: ClientConfig = convert::from_js(&config, "client config")?;
        let storage = Reflect::get(&config, &JsValue::from_str("storage"))
            .unwrap_or(JsValue::UNDEFINED);
        let (store, shared_between_tabs): (Arc<dyn TokenStore>, bool) =
            match storage.as_string().as_deref() {
                None if storage.is_undefined() => (Arc::new(MemoryStore::new()), false),
                Some("memory") => (Arc::new(MemoryStore::new()), false),
                Some("local") => (
                    Arc::new(WebStorage::new(WebStorageArea::Local)),
                    true,
                ),
                Some("session") => (
                    Arc::new(WebStorage::new(WebStorageArea::Session)),
                    false,
                ),
                Some(_) => {
                    return Err(errors::config_error(
                        "storage must be 'memory', 'local', 'session' or an object with getItem, setItem and removeItem",
                    ));
                }
                None => match CustomStorage::new(storage) {
                    Some(custom) => (Arc::new(custom), false),
                    None => {
                        return Err(errors::config_error(
                            "a custom storage needs getItem, setItem and removeItem methods",
                        ));
                    }
                },
            };
        let storage_key = parsed.storage_key.unwrap_or_else(|| {
            format!(
                "storefront-sdk:v1:spree:{}",
                parsed.base_url.trim().trim_end_matches('/')
            )
        });
        let client = Client::builder(parsed.base_url)
            .publishable_key(parsed.publishable_key)
            .token_store(store)
            .storage_key(storage_key.clone())
            .build()
            .map_err(|error| errors::to_js(&error))?;
        let cross_tab = if shared_between_tabs {
            CrossTab::start(&client, &storage_key)
        } else {
            None
        };
        Ok(ClientCore {
            client,
            cross_tab: RefCell::new(cross_tab),
        })
    }

    /// `customers.create(params)`: registers and signs in.
    pub fn register(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments::<RegisterParams>(&params, "registration", &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(call.signal, async move {
            let response = client
                .with(call.options)
                .customers()
                .create(&params.into())
                .await?;
            Ok(convert::to_js(&AuthTokens::from(&response)))
        })
    }

    /// `auth.login(credentials)`.
    pub fn login(&self, credentials: JsValue, options: JsValue) -> Promise {
        let (credentials, call) =
            match arguments::<LoginCredentials>(&credentials, "credentials", &options)
                .and_then(|(credentials, call)| Ok((credentials.into_credentials()?, call)))
            {
                Ok(parsed) => parsed,
                Err(error) => return rejected(error),
            };
        let client = self.client.clone();
        promise(call.signal, async move {
            let response = client.with(call.options).auth().login(&credentials).await?;
            Ok(convert::to_js(&AuthTokens::from(&response)))
        })
    }

    /// `auth.refresh(params?)`: the held session, or an explicit refresh token.
    pub fn refresh(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments::<RefreshTokenParams>(&params, "refresh parameters", &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(call.signal, async move {
            let auth = client.with(call.options).auth();
            let response = match params.refresh_token {
                Some(token) => auth.refresh_with(&RefreshToken::new(token)).await?,
                None => auth.refresh().await?,
            };
            Ok(convert::to_js(&AuthTokens::from(&response)))
        })
    }

    /// `auth.logout(params?)`: the held session, or an explicit refresh token.
    pub fn logout(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments::<RefreshTokenParams>(&params, "logout parameters", &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(call.signal, async move {
            let auth = client.with(call.options).auth();
            match params.refresh_token {
                Some(token) => auth.logout_with(&RefreshToken::new(token)).await?,
                None => auth.logout().await?,
            }
            Ok(JsValue::UNDEFINED)
        })
    }

    /// `passwordResets.create(params)`.
    #[wasm_bindgen(js_name = requestPasswordReset)]
    pub fn request_password_reset(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments::<PasswordResetParams>(&params, "password reset request", &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(call.signal, async move {
            client
                .with(call.options)
                .password_resets()
                .create(&params.into())
                .await?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// `passwordResets.update(token, params)`: completes a reset and signs in.
    #[wasm_bindgen(js_name = resetPassword)]
    pub fn reset_password(&self, token: String, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments::<ResetPasswordParams>(&params, "new password", &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(call.signal, async move {
            let response = client
                .with(call.options)
                .password_resets()
                .update(&Password::new(token), &params.into())
                .await?;
            Ok(convert::to_js(&AuthTokens::from(&response)))
        })
    }

    /// `customer.get()`.
    #[wasm_bindgen(js_name = getCustomer)]
    pub fn get_customer(&self, options: JsValue) -> Promise {
        let call = match Call::from_js(&options) {
            Ok(call) => call,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(call.signal, async move {
            let customer = client.with(call.options).customer().get().await?;
            Ok(convert::to_js(&customer))
        })
    }

    /// `customer.update(params)`.
    #[wasm_bindgen(js_name = updateCustomer)]
    pub fn update_customer(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments::<CustomerUpdateParams>(&params, "profile update", &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(call.signal, async move {
            let customer = client
                .with(call.options)
                .customer()
                .update(&params.into())
                .await?;
            Ok(convert::to_js(&customer))
        })
    }

    /// `customer.addresses.list(params?)`.
    #[wasm_bindgen(js_name = listAddresses)]
    pub fn list_addresses(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments::<ListParams>(&params, "list parameters", &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(call.signal, async move {
            let page = client
                .with(call.options)
                .customer()
                .addresses()
                .list(&params.into())
                .await?;
            Ok(convert::to_js(&page))
        })
    }

    /// `customer.addresses.get(id)`.
    #[wasm_bindgen(js_name = getAddress)]
    pub fn get_address(&self, id: String, options: JsValue) -> Promise {
        let call = match Call::from_js(&options) {
            Ok(call) => call,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(call.signal, async move {
            let address = client.with(call.options).customer().addresses().get(&id).await?;
            Ok(convert::to_js(&address))
        })
    }

    /// `customer.addresses.create(params)`.
    #[wasm_bindgen(js_name = createAddress)]
    pub fn create_address(&self, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments::<AddressParams>(&params, "address", &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(call.signal, async move {
            let address = client
                .with(call.options)
                .customer()
                .addresses()
                .create(&params)
                .await?;
            Ok(convert::to_js(&address))
        })
    }

    /// `customer.addresses.update(id, params)`.
    #[wasm_bindgen(js_name = updateAddress)]
    pub fn update_address(&self, id: String, params: JsValue, options: JsValue) -> Promise {
        let (params, call) = match arguments::<AddressParams>(&params, "address", &options) {
            Ok(parsed) => parsed,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(call.signal, async move {
            let address = client
                .with(call.options)
                .customer()
                .addresses()
                .update(&id, &params)
                .await?;
            Ok(convert::to_js(&address))
        })
    }

    /// `customer.addresses.delete(id)`.
    #[wasm_bindgen(js_name = deleteAddress)]
    pub fn delete_address(&self, id: String, options: JsValue) -> Promise {
        let call = match Call::from_js(&options) {
            Ok(call) => call,
            Err(error) => return rejected(error),
        };
        let client = self.client.clone();
        promise(call.signal, async move {
            client
                .with(call.options)
                .customer()
                .addresses()
                .delete(&id)
                .await?;
            Ok(JsValue::UNDEFINED)
        })
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
        promise(None, async move {
            Ok(match client.get_session().await? {
                Some(session) => convert::to_js(&AuthSession::from(&session)),
                None => JsValue::NULL,
            })
        })
    }

    /// `getAccessToken()`: a fresh access token, or `null` when signed out.
    #[wasm_bindgen(js_name = getAccessToken)]
    pub fn get_access_token(&self) -> Promise {
        let client = self.client.clone();
        promise(None, async move {
            match client.access_token().await {
                Ok(token) => Ok(JsValue::from_str(token.expose_secret())),
                Err(Error::Unauthenticated { .. } | Error::SessionExpired { .. }) => {
                    Ok(JsValue::NULL)
                }
                Err(error) => Err(error),
            }
        })
    }

    /// `dispose()`: ends subscriptions and cross-tab listeners.
    pub fn dispose(&self) {
        if let Some(cross_tab) = self.cross_tab.borrow_mut().take() {
            cross_tab.stop();
        }
        self.client.dispose();
    }
}
