//! Shapes of `@spree/sdk` 1.2.1 on the JavaScript side, translated to and from
//! the SDK's types. Values cross the boundary as JSON text.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use storefront_sdk::{
    AddressInput, AuthResponse, Credentials, Customer, CustomerUpdate, ListOptions, NewCustomer,
    NewPassword, Password, PasswordResetRequest, Session,
};
use wasm_bindgen::JsValue;

use crate::errors::config_error;

/// Reads a JavaScript value into `T` (through `JSON.stringify`).
pub fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, JsValue> {
    let text = if value.is_undefined() || value.is_null() {
        "{}".to_owned()
    } else {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| config_error(&format!("{what} must be a plain object")))?
    };
    serde_json::from_str(&text).map_err(|error| {
        // serde's messages quote wrongly typed values, which may be passwords.
        let message = error.to_string();
        let reason = match message.split(" at line").next() {
            Some(missing) if missing.starts_with("missing field") => missing,
            _ => "a field has the wrong type",
        };
        config_error(&format!("invalid {what}: {reason}"))
    })
}

/// Writes `value` as a JavaScript value (through `JSON.parse`).
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

/// `RegisterParams`.
#[derive(Deserialize)]
pub struct RegisterParams {
    email: String,
    password: String,
    password_confirmation: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    phone: Option<String>,
    accepts_email_marketing: Option<bool>,
    metadata: Option<serde_json::Value>,
}

impl From<RegisterParams> for NewCustomer {
    fn from(params: RegisterParams) -> Self {
        NewCustomer {
            email: params.email,
            password: Password::new(params.password),
            password_confirmation: params.password_confirmation.map(Password::new),
            first_name: params.first_name,
            last_name: params.last_name,
            phone: params.phone,
            accepts_email_marketing: params.accepts_email_marketing,
            metadata: params.metadata,
        }
    }
}

/// `LoginCredentials` (email and password; provider logins are not supported).
#[derive(Deserialize)]
pub struct LoginCredentials {
    provider: Option<String>,
    email: String,
    password: String,
}

impl LoginCredentials {
    /// The SDK's credentials, or a `config_error` for a provider login.
    pub fn into_credentials(self) -> Result<Credentials, JsValue> {
        match self.provider.as_deref() {
            None | Some("email") => Ok(Credentials::new(self.email, self.password)),
            Some(_) => Err(config_error("only email and password logins are supported")),
        }
    }
}

/// `{ refresh_token }` of `auth.refresh` and `auth.logout`.
#[derive(Deserialize)]
pub struct RefreshTokenParams {
    pub refresh_token: Option<String>,
}

/// `RequestPasswordResetParams`.
#[derive(Deserialize)]
pub struct PasswordResetParams {
    email: String,
    redirect_url: Option<String>,
}

impl From<PasswordResetParams> for PasswordResetRequest {
    fn from(params: PasswordResetParams) -> Self {
        PasswordResetRequest {
            email: params.email,
            redirect_url: params.redirect_url,
        }
    }
}

/// `ResetPasswordParams`.
#[derive(Deserialize)]
pub struct ResetPasswordParams {
    password: String,
    password_confirmation: String,
}

impl From<ResetPasswordParams> for NewPassword {
    fn from(params: ResetPasswordParams) -> Self {
        NewPassword {
            password: Password::new(params.password),
            password_confirmation: Password::new(params.password_confirmation),
        }
    }
}

/// The parameters of `customer.update`.
#[derive(Deserialize)]
pub struct CustomerUpdateParams {
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    password: Option<String>,
    password_confirmation: Option<String>,
    current_password: Option<String>,
    accepts_email_marketing: Option<bool>,
    phone: Option<String>,
    metadata: Option<serde_json::Value>,
}

impl From<CustomerUpdateParams> for CustomerUpdate {
    fn from(params: CustomerUpdateParams) -> Self {
        CustomerUpdate {
            first_name: params.first_name,
            last_name: params.last_name,
            phone: params.phone,
            accepts_email_marketing: params.accepts_email_marketing,
            metadata: params.metadata,
            email: params.email,
            password: params.password.map(Password::new),
            password_confirmation: params.password_confirmation.map(Password::new),
            current_password: params.current_password.map(Password::new),
        }
    }
}

/// `ListParams` (paging only).
#[derive(Deserialize)]
pub struct ListParams {
    page: Option<u32>,
    limit: Option<u32>,
}

impl From<ListParams> for ListOptions {
    fn from(params: ListParams) -> Self {
        ListOptions {
            page: params.page,
            limit: params.limit,
        }
    }
}

/// `AddressParams`, whole or partial.
pub type AddressParams = AddressInput;

/// `AuthTokens.user`.
#[derive(Serialize)]
struct AuthUser<'a> {
    id: &'a str,
    email: &'a str,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
}

impl<'a> From<&'a Customer> for AuthUser<'a> {
    fn from(customer: &'a Customer) -> Self {
        AuthUser {
            id: &customer.id,
            email: &customer.email,
            first_name: customer.first_name.as_deref(),
            last_name: customer.last_name.as_deref(),
        }
    }
}

/// `AuthTokens`: `{ token, refresh_token, user }`.
#[derive(Serialize)]
pub struct AuthTokens<'a> {
    token: &'a str,
    refresh_token: Option<&'a str>,
    user: AuthUser<'a>,
}

impl<'a> From<&'a AuthResponse> for AuthTokens<'a> {
    fn from(response: &'a AuthResponse) -> Self {
        AuthTokens {
            token: response.token.expose_secret(),
            refresh_token: response.refresh_token.as_ref().map(|t| t.expose_secret()),
            user: AuthUser::from(&response.user),
        }
    }
}

/// `AuthSession`: `{ token, refresh_token, expires_at, user }`, `expires_at`
/// in Unix seconds.
#[derive(Serialize)]
pub struct AuthSession<'a> {
    token: &'a str,
    refresh_token: Option<&'a str>,
    expires_at: i64,
    user: Option<&'a Customer>,
}

impl<'a> From<&'a Session> for AuthSession<'a> {
    fn from(session: &'a Session) -> Self {
        AuthSession {
            token: session.token.expose_secret(),
            refresh_token: session.refresh_token.as_ref().map(|t| t.expose_secret()),
            expires_at: session.expires_at_ms.div_euclid(1000),
            user: session.user.as_ref(),
        }
    }
}
