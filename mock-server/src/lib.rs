#![doc = include_str!("../README.md")]

mod backends;
mod clock;
mod control;
mod faults;
mod front;
mod http;
mod journal;
mod options;
mod outbox;
mod rejection;
mod server;

pub use faults::Fault;
pub use front::ConnectionLimits;
pub use journal::RecordedRequest;
pub use options::{
    AddressNamesMode, IdempotencyScope, Lockout, LoginEmailMatch, MissingPasswordResetMode,
    MockOptions, RateLimitMode, RateLimits, SeedCustomer,
};
pub use outbox::OutboxMessage;

use front::Front;
use server::{Shared, Workers};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// A running mock store. Dropping it stops the server.
pub struct MockServer {
    shared: Arc<Shared>,
    front: Front,
    workers: Workers,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("address", &self.front.address())
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// Starts with default options on a random port of 127.0.0.1.
    ///
    /// # Panics
    /// If no loopback port can be bound (use [`MockServer::start_with`] to handle that).
    pub async fn start() -> Self {
        match Self::start_with(MockOptions::default()).await {
            Ok(server) => server,
            Err(error) => panic!("storefront-mock could not bind a loopback port: {error}"),
        }
    }

    /// Starts with `options` on a random port of 127.0.0.1.
    pub async fn start_with(options: MockOptions) -> std::io::Result<Self> {
        Self::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), options).await
    }

    /// Starts with `options` on `address` (port 0 = any free port).
    pub async fn bind(address: SocketAddr, options: MockOptions) -> std::io::Result<Self> {
        let shared = Arc::new(Shared::new(options));
        let workers = Workers::start(shared.clone()).await?;
        let front = Front::start(address, workers.backends(), shared.clone())?;
        Ok(Self {
            shared,
            front,
            workers,
        })
    }

    /// The origin, e.g. `http://127.0.0.1:4321` (no trailing slash).
    pub fn uri(&self) -> String {
        format!("http://{}", self.front.address())
    }

    /// The bound socket address.
    pub fn address(&self) -> SocketAddr {
        self.front.address()
    }

    /// Number of workers: wiremock servers, each on its own thread, each behind its own
    /// listener on the shared port.
    pub fn worker_count(&self) -> usize {
        self.workers.len()
    }

    /// The Spree Store API base, `uri()` + `/api/v3/store`.
    pub fn api_base(&self) -> String {
        format!("{}/api/v3/store", self.uri())
    }

    /// The active publishable key.
    pub fn publishable_key(&self) -> String {
        self.shared.options().publishable_key.clone()
    }

    /// The options in force.
    pub fn options(&self) -> MockOptions {
        (*self.shared.options()).clone()
    }

    /// Replaces the options at run time (`workers` keeps its start value).
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

    /// Outbox messages (password-reset requests for existing accounts), oldest first.
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

    /// Marks an address as referenced by a completed order (spec §4.12: its next update
    /// returns a new id). Returns false for an unknown or deleted address.
    pub fn mark_address_ordered(&self, address_id: &str) -> bool {
        self.shared.mark_address_ordered(address_id)
    }
}
