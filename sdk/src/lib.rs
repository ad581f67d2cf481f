//! # storefront-sdk
//!
//! A typed async client for e-commerce customer accounts — registration,
//! login, token refresh, logout, password reset, profile and address book —
//! that owns the session. Spree Store API v3 is the first backend.
//!
//! The client stores tokens through a pluggable [`TokenStore`], refreshes
//! them before expiry and after a 401 with one shared refresh for all
//! callers, retries only what is safe to retry, and never drops a session
//! because of a transient error. It compiles natively (reqwest over rustls)
//! and for `wasm32-unknown-unknown` (`fetch`) from the same code.
//!
//! ```no_run
//! use storefront_sdk::{Client, Credentials};
//!
//! # async fn run() -> Result<(), storefront_sdk::Error> {
//! let client = Client::builder("http://127.0.0.1:4010")
//!     .publishable_key("pk_test")
//!     .build()?;
//! client
//!     .auth()
//!     .login(&Credentials::new("jane@example.com", "Password1!"))
//!     .await?;
//! let me = client.customer().get().await?;
//! println!("signed in as {}", me.email);
//! # Ok(())
//! # }
//! ```
#![warn(missing_docs)]
// A build with only some backends (an npm entry is one) leaves parts of the
// vocabulary the backends share unused (plan combinators, JSON helpers, auth
// kinds); dead code is checked on the build with every backend.
#![cfg_attr(
    not(all(
        feature = "spree",
        feature = "magento-rest",
        feature = "magento-graphql",
        feature = "spryker",
        feature = "bagisto"
    )),
    allow(dead_code)
)]

mod api;
mod backend;
mod client;
mod clock;
mod error;
mod events;
mod json;
mod jwt;
mod models;
mod platform;
mod random;
mod retry;
mod secret;
mod session;
mod store;
mod transport;

pub use api::{Addresses, AuthApi, CustomerApi, Customers, PasswordResets, Scoped};
pub use backend::{AddressData, BackendKind, Capabilities, CustomerData, LogoutScope};
pub use client::{CallOptions, Client, ClientBuilder, Session};
pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{ApiError, Error, FieldError, Phase};
pub use events::{RecvError, SessionEvent, SessionInfo, SignOutReason, Subscription};
pub use models::{
    Address, AddressInput, AuthResponse, Credentials, Customer, CustomerUpdate, Gender,
    ListOptions, NewCustomer, NewPassword, Page, PageMeta, PasswordResetRequest, Registration,
    Salutation,
};

/// What only Magento GraphQL has: the types inside
/// [`CustomerData::MagentoGraphql`] and [`AddressData::MagentoGraphql`].
#[cfg(feature = "magento-graphql")]
pub mod magento_graphql {
    pub use crate::backend::magento_graphql::data::{
        MagentoGraphqlAddress, MagentoGraphqlCustomer,
    };
}

/// What only Bagisto has: the types inside [`CustomerData::Bagisto`] and
/// [`AddressData::Bagisto`].
#[cfg(feature = "bagisto")]
pub mod bagisto {
    pub use crate::backend::bagisto::data::{BagistoAddress, BagistoCustomer};
}

/// What only Magento REST has: the types inside [`CustomerData::MagentoRest`]
/// and [`AddressData::MagentoRest`].
#[cfg(feature = "magento-rest")]
pub mod magento_rest {
    pub use crate::backend::magento_rest::data::{MagentoAddress, MagentoCustomer};
}

/// What only Spree has: the types inside [`CustomerData::Spree`] and
/// [`AddressData::Spree`].
#[cfg(feature = "spree")]
pub mod spree {
    pub use crate::backend::spree::data::{
        CustomerGroup, NewsletterSubscriber, SpreeAddress, SpreeCustomer,
    };
}

/// What only Spryker has: the types inside [`CustomerData::Spryker`] and
/// [`AddressData::Spryker`].
#[cfg(feature = "spryker")]
pub mod spryker {
    pub use crate::backend::spryker::data::{SprykerAddress, SprykerCustomer};
}

/// Whether this build refreshes sessions: it has a backend with a refresh
/// operation (the `refresh` feature, which those backends' features turn
/// on). Without one, no [`RefreshLock`] is ever taken, and a host may leave
/// its lock out.
pub const REFRESHES_SESSIONS: bool = cfg!(feature = "refresh");

pub use platform::{BoxFuture, MaybeSend, MaybeSync};
pub use retry::RetryPolicy;
pub use secret::{AccessToken, Password, RefreshToken};
#[cfg(not(target_arch = "wasm32"))]
pub use store::FileStore;
pub use store::{LockGuard, MemoryStore, NoStore, RefreshLock, StorageError, TokenStore};
#[cfg(target_arch = "wasm32")]
pub use transport::FetchTransport;
#[cfg(not(target_arch = "wasm32"))]
pub use transport::ReqwestTransport;
pub use transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};
