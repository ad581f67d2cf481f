//! The backend boundary. A backend is I/O-free: it turns each typed operation
//! into a [`Plan`] — requests to send one after another, each paired with the
//! code that reads its response and says what comes next — and classifies any
//! response into success or the SDK's [`Error`]. The client runs every step of
//! every plan through its one pipeline (auth, retries, refresh and replay,
//! timeouts, cancellation) and consults only [`Capabilities`] and this trait.
//!
//! One module per backend, each of the same shape: `mod.rs` (the [`Backend`]
//! implementation: operations as plans, error classification), `wire.rs` (its
//! JSON shapes) and `data.rs` (what only it has, public).

mod plan;
mod support;

#[cfg(feature = "bagisto")]
pub(crate) mod bagisto;
#[cfg(feature = "magento-graphql")]
pub(crate) mod magento_graphql;
#[cfg(feature = "magento-rest")]
pub(crate) mod magento_rest;
#[cfg(feature = "spree")]
pub(crate) mod spree;
#[cfg(feature = "spryker")]
pub(crate) mod spryker;

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::models::{
    Address, AddressInput, Credentials, Customer, CustomerUpdate, ListOptions, NewCustomer,
    NewPassword, Page, PasswordResetRequest,
};
use crate::platform::{MaybeSend, MaybeSync};
use crate::secret::{AccessToken, Password, RefreshToken};
use crate::transport::{HttpResponse, Method};

pub(crate) use plan::{Plan, Step};

/// Which commerce backend a client talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum BackendKind {
    /// Spree Store API v3 (5.6).
    #[default]
    Spree,
    /// Magento 2 / Adobe Commerce REST (`/rest/<store>/V1`).
    MagentoRest,
    /// Magento 2 / Adobe Commerce GraphQL (`/graphql`).
    MagentoGraphql,
    /// Spryker Glue storefront API (JSON:API).
    Spryker,
    /// Bagisto shop API (`/api/shop`).
    Bagisto,
}

impl BackendKind {
    /// The backend's name in storage keys and errors (`spree`,
    /// `magento-rest`, `magento-graphql`, `spryker`, `bagisto`).
    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Spree => "spree",
            BackendKind::MagentoRest => "magento-rest",
            BackendKind::MagentoGraphql => "magento-graphql",
            BackendKind::Spryker => "spryker",
            BackendKind::Bagisto => "bagisto",
        }
    }

    /// The backend of a name as [`BackendKind::name`] gives it.
    pub fn from_name(name: &str) -> Option<Self> {
        [
            BackendKind::Spree,
            BackendKind::MagentoRest,
            BackendKind::MagentoGraphql,
            BackendKind::Spryker,
            BackendKind::Bagisto,
        ]
        .into_iter()
        .find(|kind| kind.name() == name)
    }

    /// The backend of this kind with these settings; a `Config` error when
    /// a setting it needs is missing or the backend was not compiled in.
    pub(crate) fn create(self, settings: &Settings) -> Result<Box<dyn Backend>, Error> {
        match self {
            #[cfg(feature = "spree")]
            BackendKind::Spree => Ok(Box::new(spree::Spree::new(settings)?)),
            #[cfg(feature = "magento-rest")]
            BackendKind::MagentoRest => Ok(Box::new(magento_rest::MagentoRest::new(settings)?)),
            #[cfg(feature = "spryker")]
            BackendKind::Spryker => Ok(Box::new(spryker::Spryker::new())),
            #[cfg(feature = "magento-graphql")]
            BackendKind::MagentoGraphql => {
                Ok(Box::new(magento_graphql::MagentoGraphql::new(settings)?))
            }
            #[cfg(feature = "bagisto")]
            BackendKind::Bagisto => Ok(Box::new(bagisto::Bagisto::new(settings)?)),
            #[allow(unreachable_patterns)]
            _ => {
                let _ = settings;
                Err(Error::Config {
                    message: format!(
                        "the {} backend is not part of this build (cargo feature `{}`)",
                        self.name(),
                        self.name()
                    ),
                    api: None,
                })
            }
        }
    }
}

/// The backend-specific settings of a client, as the builder collects them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    /// Spree's publishable key; Bagisto's storefront key.
    pub publishable_key: Option<String>,
    /// Magento's store code.
    pub store_code: Option<String>,
    /// The server release, where the wire differs between releases.
    pub server_version: Option<String>,
}

/// How a backend's logout revokes tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LogoutScope {
    /// One refresh token (Spree, Spryker).
    RefreshToken,
    /// Every token of the customer, on every device (Magento).
    AllTokens,
    /// The presented access token (Bagisto).
    AccessToken,
}

/// What a backend's token model offers (TL-2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Capabilities {
    /// The backend has a refresh operation.
    pub supports_refresh: bool,
    /// A refresh token is spent by use and replaced.
    pub rotation: bool,
    /// A refresh retried with the same idempotency key replays its result.
    pub idempotent_refresh: bool,
    /// What logout revokes.
    pub logout_scope: LogoutScope,
    /// Whether access tokens expire at all (Bagisto's never do).
    pub tokens_expire: bool,
    /// The access-token lifetime to assume when neither the response nor the
    /// token says.
    pub default_ttl: Option<Duration>,
    /// Whether a password reset can be completed through the API.
    pub completes_password_resets: bool,
    /// Whether completing a password reset signs the customer in.
    pub reset_signs_in: bool,
}

/// What only one backend has of a customer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub enum CustomerData {
    /// Nothing beyond the unified fields.
    #[default]
    None,
    /// Spree's store credit, newsletter subscription and customer groups.
    #[cfg(feature = "spree")]
    Spree(spree::data::SpreeCustomer),
    /// Magento's group, website, store and timestamps.
    #[cfg(feature = "magento-rest")]
    MagentoRest(magento_rest::data::MagentoCustomer),
    /// Spryker's timestamps.
    #[cfg(feature = "spryker")]
    Spryker(spryker::data::SprykerCustomer),
    /// Magento GraphQL's middle name, suffix, creation time and confirmation
    /// status.
    #[cfg(feature = "magento-graphql")]
    MagentoGraphql(magento_graphql::data::MagentoGraphqlCustomer),
    /// Bagisto's status and verification flags, group and channel.
    #[cfg(feature = "bagisto")]
    Bagisto(bagisto::data::BagistoCustomer),
}

/// What only one backend has of an address.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub enum AddressData {
    /// Nothing beyond the unified fields.
    #[default]
    None,
    /// Spree's quick-checkout flag and state text.
    #[cfg(feature = "spree")]
    Spree(spree::data::SpreeAddress),
    /// Magento's street lines and region id.
    #[cfg(feature = "magento-rest")]
    MagentoRest(magento_rest::data::MagentoAddress),
    /// Spryker's street, house number and addition as stored, and its
    /// delivery comment.
    #[cfg(feature = "spryker")]
    Spryker(spryker::data::SprykerAddress),
    /// Magento GraphQL's integer id and `uid`, street lines, region id and
    /// VAT number.
    #[cfg(feature = "magento-graphql")]
    MagentoGraphql(magento_graphql::data::MagentoGraphqlAddress),
    /// Bagisto's address email, VAT id and timestamps.
    #[cfg(feature = "bagisto")]
    Bagisto(bagisto::data::BagistoAddress),
}

/// Which token a request carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Auth {
    /// None (store keys only).
    None,
    /// The held session's access token (or the call's override), refreshed
    /// and replayed once after a rejection.
    Session,
    /// This token, as is (a session being established, or one that ended).
    Bearer(AccessToken),
}

/// One request of a plan, before the client attaches headers. No `Debug`:
/// its path and body may hold passwords, reset keys and refresh tokens.
#[derive(Clone)]
pub(crate) struct ApiRequest {
    /// The SDK operation's name (for errors and tracing).
    pub operation: &'static str,
    pub method: Method,
    /// Path and query below the API base, already percent-encoded.
    pub path: String,
    pub body: Option<Vec<u8>>,
    /// The body's media type.
    pub content_type: &'static str,
    pub auth: Auth,
    /// Safe to send twice by nature (a read, a delete, an always-204 revoke).
    pub idempotent: bool,
    /// Gets an `Idempotency-Key` where the backend honours them.
    pub mutating: bool,
    /// A 429 is waited out (up to the policy's caps) rather than returned.
    pub wait_out_rate_limit: bool,
}

impl ApiRequest {
    /// A request of `operation`; reads and deletes count as idempotent, every
    /// other method as a mutation.
    pub fn new(operation: &'static str, method: Method, path: impl Into<String>) -> Self {
        Self {
            operation,
            method,
            path: path.into(),
            body: None,
            content_type: "application/json",
            auth: Auth::None,
            idempotent: matches!(method, Method::Get | Method::Delete),
            mutating: method != Method::Get,
            wait_out_rate_limit: true,
        }
    }

    /// With a JSON body.
    pub fn json(self, body: String) -> Self {
        self.with_body("application/json", body)
    }

    /// With a body of another media type (a JSON:API document, a form).
    pub fn with_body(mut self, content_type: &'static str, body: String) -> Self {
        self.body = Some(body.into_bytes());
        self.content_type = content_type;
        self
    }

    /// Carrying the held session's token.
    pub fn session(mut self) -> Self {
        self.auth = Auth::Session;
        self
    }

    /// Carrying this token.
    pub fn bearer(mut self, token: &AccessToken) -> Self {
        self.auth = Auth::Bearer(token.clone());
        self
    }

    /// Safe to send twice whatever its method.
    pub fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }

    /// A 429 goes back to the caller at once (TL-9.5: logins).
    pub fn return_rate_limits(mut self) -> Self {
        self.wait_out_rate_limit = false;
        self
    }
}

/// What an operation knows of the session it runs in.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    /// The backend's id of the signed-in customer where it was learnt at
    /// sign-in ([`IssuedSession::subject`]); `None` with a per-call token.
    pub subject: Option<String>,
    /// The access token the call will carry (the held one, or the call's
    /// override), for backends that read claims from it.
    pub access_token: Option<AccessToken>,
}

/// A session that has just ended locally, for its server-side revocation.
#[derive(Debug, Clone)]
pub(crate) struct EndedSession {
    pub access: AccessToken,
    pub refresh: Option<RefreshToken>,
    /// Whether the access token had expired by the SDK's estimate.
    pub access_expired: bool,
}

/// Tokens as the backend issued them, with what it said about them.
#[derive(Debug, Clone)]
pub(crate) struct IssuedSession {
    pub access: AccessToken,
    pub refresh: Option<RefreshToken>,
    /// `expires_in`, when the response carries one.
    pub expires_in: Option<Duration>,
    /// The `Date` of the response that carried the tokens (Unix ms).
    pub server_date_ms: Option<i64>,
    /// The backend's id of the customer, as later paths need it (Spryker's
    /// customer reference, Bagisto's customer id).
    pub subject: Option<String>,
    /// The customer, when the response carried it; the client reads the
    /// profile once otherwise.
    pub user: Option<Customer>,
}

impl IssuedSession {
    /// Tokens from `response`, with its `Date`.
    pub fn new(
        access: AccessToken,
        refresh: Option<RefreshToken>,
        response: &HttpResponse,
    ) -> Self {
        Self {
            access,
            refresh,
            expires_in: None,
            server_date_ms: response.header("date").and_then(crate::retry::http_date_ms),
            subject: None,
            user: None,
        }
    }
}

/// What a registration request achieved on the wire.
#[derive(Debug, Clone)]
pub(crate) enum Registered {
    /// The backend signed the customer in (Spree, Bagisto).
    SignedIn(IssuedSession),
    /// The account exists; no token was issued (the client logs in).
    Created(Customer),
    /// The account exists and must be confirmed before any login.
    ConfirmationRequired(Customer),
}

/// The operations every backend implements (or rejects as unsupported), and
/// how it reads responses.
pub(crate) trait Backend: MaybeSend + MaybeSync {
    /// The backend's kind.
    fn kind(&self) -> BackendKind;
    /// What its token model offers.
    fn capabilities(&self) -> Capabilities;
    /// The path prefix below the origin (`/api/v3/store`, `/rest/default`).
    fn api_prefix(&self) -> &str;
    /// What, beyond backend and origin, tells stores apart (a store code).
    fn storage_scope(&self) -> Option<&str> {
        None
    }
    /// Headers sent on every request (store keys, `Accept`).
    fn common_headers(&self) -> &[(String, String)];
    /// The idempotency header's name, where the backend honours one.
    fn idempotency_header(&self) -> Option<&'static str> {
        None
    }
    /// Success, or the error a response stands for, whatever its status (a
    /// GraphQL error at 200, a Bagisto `success:false` at 201). An error that
    /// means "the access token was rejected" is `Error::Unauthenticated`, a
    /// rejected refresh token `Error::SessionExpired`.
    fn classify(&self, request: &ApiRequest, response: &HttpResponse) -> Result<(), Error>;
    /// How long a throttled response asks to wait when it says so in its body
    /// rather than in `Retry-After`.
    fn body_retry_after(&self, _response: &HttpResponse) -> Option<Duration> {
        None
    }

    fn register(&self, input: &NewCustomer) -> Result<Plan<Registered>, Error>;
    fn login(&self, credentials: &Credentials) -> Result<Plan<IssuedSession>, Error>;
    fn refresh(&self, refresh_token: &RefreshToken) -> Result<Plan<IssuedSession>, Error>;
    /// The server-side end of a session that has ended locally; `None` where
    /// there is nothing to revoke.
    fn revoke(&self, ended: &EndedSession) -> Option<Plan<()>>;
    /// The confirmation text of a reset request, if the backend sends one.
    fn request_password_reset(
        &self,
        request: &PasswordResetRequest,
    ) -> Result<Plan<Option<String>>, Error>;
    fn complete_password_reset(
        &self,
        reset_token: &Password,
        password: &NewPassword,
    ) -> Result<Plan<Option<IssuedSession>>, Error>;
    fn get_customer(&self, context: &Context) -> Result<Plan<Customer>, Error>;
    fn update_customer(
        &self,
        context: &Context,
        update: &CustomerUpdate,
    ) -> Result<Plan<Customer>, Error>;
    fn list_addresses(
        &self,
        context: &Context,
        options: &ListOptions,
    ) -> Result<Plan<Page<Address>>, Error>;
    fn get_address(&self, context: &Context, id: &str) -> Result<Plan<Address>, Error>;
    fn create_address(
        &self,
        context: &Context,
        input: &AddressInput,
    ) -> Result<Plan<Address>, Error>;
    fn update_address(
        &self,
        context: &Context,
        id: &str,
        input: &AddressInput,
    ) -> Result<Plan<Address>, Error>;
    fn delete_address(&self, context: &Context, id: &str) -> Result<Plan<()>, Error>;
}

/// The error of an operation the backend has no wire operation for.
pub(crate) fn unsupported(operation: &'static str, backend: BackendKind) -> Error {
    Error::Unsupported {
        operation,
        backend: backend.name(),
    }
}
