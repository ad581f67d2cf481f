#![doc = include_str!("../README.md")]

mod backends;
mod clock;
mod control;
mod emulator;
mod faults;
mod http;
mod journal;
mod options;
mod outbox;
mod passwords;
mod random;
mod server;

pub use backends::MockBackend;
pub use backends::bagisto::{
    BagistoOptions, PasswordRules, ProfileWithoutTokenStatus, RateLimitWindow,
};
pub use backends::magento::{
    AuthorizationStatus, CustomerLockout, EmailAvailability, GraphqlOptions, GraphqlVersion,
    MagentoOptions, PasswordPolicy, ResetThrottle, TokenFormat, TokenLockout,
    UnconfirmedLoginMessage,
};
pub use backends::spree::{
    AddressNamesMode, Lockout, LoginEmailMatch, MissingPasswordResetMode, RateLimitMode,
    RateLimits, SpreeOptions,
};
pub use faults::Fault;
pub use journal::RecordedRequest;
pub use options::{MockOptions, SeedCustomer};
pub use outbox::OutboxMessage;

use server::{Shared, Workers};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// A running mock store emulating one backend (`MockOptions::backend`). Dropping it stops
/// the server.
pub struct MockServer {
    shared: Arc<Shared>,
    workers: Workers,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("address", &self.workers.address())
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// Starts a Spree store with default options on a random port of 127.0.0.1.
    ///
    /// # Panics
    /// If no loopback port can be bound (use [`MockServer::start_with`] to handle that).
    pub async fn start() -> Self {
        match Self::start_with(MockOptions::default()).await {
            Ok(server) => server,
            Err(error) => panic!("storefront-mock could not bind a loopback port: {error}"),
        }
    }

    /// Starts the backend `options.backend` with `options` on a random port of 127.0.0.1,
    /// e.g. `MockServer::start_with(MockOptions::for_backend(MockBackend::Spree))`.
    ///
    /// # Errors
    /// `ErrorKind::Unsupported` for a backend that is not emulated yet; any error of binding
    /// the port.
    pub async fn start_with(options: MockOptions) -> std::io::Result<Self> {
        Self::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), options).await
    }

    /// Starts with `options` on `address` (port 0 = any free port).
    ///
    /// # Errors
    /// As [`MockServer::start_with`].
    pub async fn bind(address: SocketAddr, options: MockOptions) -> std::io::Result<Self> {
        let shared = Arc::new(Shared::new(options)?);
        let workers = Workers::start(address, shared.clone()).await?;
        Ok(Self { shared, workers })
    }

    /// The origin, e.g. `http://127.0.0.1:4321` (no trailing slash).
    pub fn uri(&self) -> String {
        format!("http://{}", self.workers.address())
    }

    /// The bound socket address.
    pub fn address(&self) -> SocketAddr {
        self.workers.address()
    }

    /// Number of wiremock servers sharing the port.
    pub fn worker_count(&self) -> usize {
        self.workers.len()
    }

    /// The emulated API's base URL: `uri()` + the backend's base path (`/api/v3/store` for
    /// Spree).
    pub fn api_base(&self) -> String {
        format!("{}{}", self.uri(), self.shared.api_base())
    }

    /// The emulated backend.
    pub fn backend(&self) -> MockBackend {
        self.shared.options().backend
    }

    /// The active publishable (storefront) key.
    pub fn publishable_key(&self) -> String {
        self.shared.options().publishable_key.clone()
    }

    /// The options in force.
    pub fn options(&self) -> MockOptions {
        (*self.shared.options()).clone()
    }

    /// Replaces the options at run time (`backend` and `workers` keep their start values).
    pub fn update_options(&self, options: MockOptions) {
        self.shared.set_options(options);
    }

    /// The mock clock, unix seconds.
    pub fn now(&self) -> i64 {
        self.shared.clock.now()
    }

    /// Moves the mock clock forward.
    pub fn advance_clock(&self, by: Duration) {
        self.shared.clock.advance(by);
    }

    /// Sets the mock clock (it keeps ticking from there, unless frozen).
    pub fn set_clock(&self, unix_seconds: i64) {
        self.shared.clock.set(unix_seconds);
    }

    /// Stops the mock clock at the current mock second (`true`) or lets it
    /// tick again from there (`false`); `advance_clock` and `set_clock` still
    /// move it. For tests that check an expiry to the second.
    pub fn freeze_clock(&self, frozen: bool) {
        self.shared.clock.freeze(frozen);
    }

    /// Outbox messages (e.g. password-reset requests for existing accounts), oldest first.
    pub fn outbox(&self) -> Vec<OutboxMessage> {
        self.shared.outbox_messages(None)
    }

    /// The journal of API requests (at most the last 10,000), oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.recorded_requests()
    }

    /// Empties the journal.
    pub fn clear_requests(&self) {
        self.shared.clear_requests();
    }

    /// Clears every customer, token, cache, counter, outbox message, journal entry and fault,
    /// and puts the clock back on wall time; options stay and seed customers are re-created.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// Adds a fault.
    ///
    /// # Panics
    /// If the fault has an invalid status, an invalid header or a rate outside 0–1.
    pub fn add_fault(&self, fault: Fault) {
        if let Err(message) = self.shared.add_fault(fault) {
            panic!("invalid fault: {message}");
        }
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        self.shared.clear_faults();
    }

    /// Marks an address as referenced by a completed order (Spree spec §4.12: its next update
    /// returns a new id), as `POST /__mock/addresses/{id}/complete_order` does. Returns false
    /// for an unknown or deleted address, and on a backend without that control route.
    pub fn mark_address_ordered(&self, address_id: &str) -> bool {
        let id =
            percent_encoding::utf8_percent_encode(address_id, percent_encoding::NON_ALPHANUMERIC);
        let path = format!("/__mock/addresses/{id}/complete_order");
        self.shared.control_call("POST", &path).status == 200
    }
}
