//! The backend boundary. A backend is I/O-free: it turns typed operations
//! into [`ApiRequest`]s and responses back into typed results or [`Error`]s.
//! Everything backend-specific lives in its own module (`spree/`); the session
//! logic in the client consults only [`Capabilities`] and this trait.

mod spree;

use std::time::Duration;

use crate::error::Error;
use crate::models::{
    Address, AddressInput, AuthResponse, Credentials, Customer, CustomerUpdate, ListOptions,
    NewCustomer, NewPassword, Page, PasswordResetRequest,
};
use crate::platform::{MaybeSend, MaybeSync};
use crate::secret::{Password, RefreshToken};
use crate::transport::{HttpResponse, Method};

/// Which commerce backend a client talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum BackendKind {
    /// Spree Store API v3 (5.6).
    #[default]
    Spree,
}

impl BackendKind {
    pub(crate) fn create(self, publishable_key: String) -> Box<dyn Backend> {
        match self {
            BackendKind::Spree => Box::new(spree::Spree::new(publishable_key)),
        }
    }
}

/// How a backend's logout revokes tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoutScope {
    /// One refresh token.
    RefreshToken,
    /// Every token of the customer.
    AllTokens,
    /// The presented access token.
    AccessToken,
}

/// What a backend's token model offers (TL-2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// The backend has a refresh operation.
    pub supports_refresh: bool,
    /// A refresh token is spent by use and replaced.
    pub rotation: bool,
    /// A refresh retried with the same idempotency key replays its result.
    pub idempotent_refresh: bool,
    /// What logout revokes.
    pub logout_scope: LogoutScope,
    /// The access-token lifetime to assume when the response does not say.
    pub default_ttl: Option<Duration>,
}

/// Whether a request carries the customer's access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Auth {
    /// Publishable key only.
    Public,
    /// The customer's bearer token too.
    Customer,
}

/// One operation's request, before headers are attached.
#[derive(Debug, Clone)]
pub(crate) struct ApiRequest {
    /// The SDK operation's name (for errors and tracing).
    pub operation: &'static str,
    pub method: Method,
    /// Path and query below the API base, already percent-encoded.
    pub path: String,
    pub body: Option<Vec<u8>>,
    pub auth: Auth,
    /// Safe to send twice by nature (a read or a delete).
    pub idempotent: bool,
    /// Gets an `Idempotency-Key` where the backend supports them.
    pub mutating: bool,
    /// A 429 is waited out (up to the policy's cap) rather than returned.
    pub wait_out_rate_limit: bool,
}

/// A token pair as the backend issued it, with what it said about expiry.
#[derive(Debug, Clone)]
pub(crate) struct IssuedSession {
    pub auth: AuthResponse,
    /// `expires_in`, when the response carries one.
    pub expires_in: Option<Duration>,
}

/// The operations every backend implements (or rejects as unsupported).
pub(crate) trait Backend: MaybeSend + MaybeSync {
    fn name(&self) -> &'static str;
    fn capabilities(&self) -> Capabilities;
    /// The path prefix below the origin, e.g. `/api/v3/store`.
    fn api_prefix(&self) -> &'static str;
    /// Headers sent on every request (publishable keys).
    fn common_headers(&self) -> Vec<(String, String)>;
    /// The idempotency header's name, where the backend honours one.
    fn idempotency_header(&self) -> Option<&'static str>;

    fn register(&self, input: &NewCustomer) -> Result<ApiRequest, Error>;
    fn login(&self, credentials: &Credentials) -> Result<ApiRequest, Error>;
    fn refresh(&self, refresh_token: &RefreshToken) -> Result<ApiRequest, Error>;
    fn logout(&self, refresh_token: Option<&RefreshToken>) -> Result<ApiRequest, Error>;
    fn request_password_reset(&self, request: &PasswordResetRequest) -> Result<ApiRequest, Error>;
    fn complete_password_reset(
        &self,
        reset_token: &Password,
        password: &NewPassword,
    ) -> Result<ApiRequest, Error>;
    fn get_customer(&self) -> Result<ApiRequest, Error>;
    fn update_customer(&self, update: &CustomerUpdate) -> Result<ApiRequest, Error>;
    fn list_addresses(&self, options: &ListOptions) -> Result<ApiRequest, Error>;
    fn get_address(&self, id: &str) -> Result<ApiRequest, Error>;
    fn create_address(&self, input: &AddressInput) -> Result<ApiRequest, Error>;
    fn update_address(&self, id: &str, input: &AddressInput) -> Result<ApiRequest, Error>;
    fn delete_address(&self, id: &str) -> Result<ApiRequest, Error>;

    fn parse_session(&self, response: &HttpResponse) -> Result<IssuedSession, Error>;
    /// The confirmation message of a password-reset request, if any.
    fn parse_reset_requested(&self, response: &HttpResponse) -> Result<Option<String>, Error>;
    fn parse_customer(&self, response: &HttpResponse) -> Result<Customer, Error>;
    fn parse_address(&self, response: &HttpResponse) -> Result<Address, Error>;
    fn parse_address_page(&self, response: &HttpResponse) -> Result<Page<Address>, Error>;
    /// Maps a non-2xx response to the SDK's error.
    fn parse_error(&self, response: &HttpResponse) -> Error;
    /// The backend's "access token rejected" signal (triggers refresh).
    fn is_access_rejected(&self, error: &Error) -> bool;
    /// The backend's "refresh token rejected" signal (terminal).
    fn is_refresh_rejected(&self, error: &Error) -> bool;
}
