//! The store a scenario runs against — the in-process mock of one backend, or
//! a real store — with the client builder pointed at it, and what the specs
//! say differs between backends.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use storefront_mock::{MockBackend, MockOptions, MockServer};
use storefront_sdk::{
    AddressInput, BackendKind, Client, ClientBuilder, Credentials, Gender, ManualClock,
    NewCustomer, Salutation,
};

/// A password that every backend's default policy accepts (Spryker's 12
/// characters with every class is the strictest).
pub const PASSWORD: &str = "Contract-Pass-12!";
/// Another one, for resets and changes.
pub const NEW_PASSWORD: &str = "Changed-Pass-34?";

/// How a backend completes a password reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetCompletion {
    /// Completed through the API, signing the customer in (Spree).
    SignsIn,
    /// Completed through the API, no session (Magento REST, Spryker).
    NoSession,
    /// Completed through the API with the account's email (Magento GraphQL).
    NeedsEmail,
    /// Only on the store's web page (Bagisto).
    Unsupported,
}

/// Where the backends differ, as their specs say.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    pub kind: BackendKind,
    pub mock: MockBackend,
    /// A first address becomes the default billing and shipping address.
    pub first_address_is_default: bool,
    /// The address list comes in pages with `meta`.
    pub paginates: bool,
    /// The session can be refreshed.
    pub refreshes: bool,
    /// The access token's lifetime (`None`: it never expires).
    pub ttl: Option<Duration>,
    /// Logout revokes every session of the customer.
    pub logout_ends_every_session: bool,
    pub reset: ResetCompletion,
    /// Requests carry a store key the server checks.
    pub store_key: bool,
    /// A default address can be deleted (Magento GraphQL refuses it, spec §2.9: the SDK
    /// surfaces a `Conflict`).
    pub deletes_default_addresses: bool,
}

impl Profile {
    pub fn of(kind: BackendKind) -> Self {
        let hour = Some(Duration::from_secs(3600));
        match kind {
            BackendKind::Spree => Profile {
                kind,
                mock: MockBackend::Spree,
                first_address_is_default: true,
                paginates: true,
                refreshes: true,
                ttl: hour,
                logout_ends_every_session: false,
                reset: ResetCompletion::SignsIn,
                store_key: true,
                deletes_default_addresses: true,
            },
            BackendKind::MagentoRest | BackendKind::MagentoGraphql => Profile {
                kind,
                mock: MockBackend::Magento,
                first_address_is_default: false,
                paginates: false,
                refreshes: false,
                ttl: hour,
                logout_ends_every_session: true,
                reset: if kind == BackendKind::MagentoRest {
                    ResetCompletion::NoSession
                } else {
                    ResetCompletion::NeedsEmail
                },
                store_key: false,
                deletes_default_addresses: kind == BackendKind::MagentoRest,
            },
            BackendKind::Spryker => Profile {
                kind,
                mock: MockBackend::Spryker,
                first_address_is_default: true,
                paginates: false,
                refreshes: true,
                ttl: Some(Duration::from_secs(28_800)),
                logout_ends_every_session: false,
                reset: ResetCompletion::NoSession,
                store_key: false,
                deletes_default_addresses: true,
            },
            BackendKind::Bagisto => Profile {
                kind,
                mock: MockBackend::Bagisto,
                first_address_is_default: false,
                paginates: false,
                refreshes: false,
                ttl: None,
                logout_ends_every_session: false,
                reset: ResetCompletion::Unsupported,
                store_key: true,
                deletes_default_addresses: true,
            },
            other => panic!("no profile for {other:?}"),
        }
    }
}

/// The store under test.
pub struct Target {
    pub profile: Profile,
    url: String,
    key: Option<String>,
    store_code: Option<String>,
    pub mock: Option<MockServer>,
    /// The client clock, moved together with the mock's.
    pub clock: ManualClock,
}

impl Target {
    /// The mock of `kind`, or the real store of `STOREFRONT_CONTRACT_URL`
    /// when `STOREFRONT_CONTRACT_BACKEND` names this backend (with
    /// `STOREFRONT_CONTRACT_KEY` / `STOREFRONT_CONTRACT_STORE` as it needs).
    /// `None` when a real store of another backend is under test.
    pub async fn new(kind: BackendKind) -> Option<Self> {
        let profile = Profile::of(kind);
        if let Ok(url) = std::env::var("STOREFRONT_CONTRACT_URL") {
            let backend = std::env::var("STOREFRONT_CONTRACT_BACKEND").unwrap_or("spree".into());
            if backend != kind.name() {
                return None;
            }
            return Some(Target {
                profile,
                url,
                key: std::env::var("STOREFRONT_CONTRACT_KEY").ok(),
                store_code: std::env::var("STOREFRONT_CONTRACT_STORE").ok(),
                mock: None,
                clock: ManualClock::new(now_ms()),
            });
        }
        let mock = MockServer::start_with(MockOptions::for_backend(profile.mock))
            .await
            .expect("the mock starts");
        // Both clocks move only when a scenario says so, and together.
        mock.freeze_clock(true);
        let clock = ManualClock::new(mock.now() * 1000);
        Some(Target {
            profile,
            url: mock.uri(),
            key: Some(mock.publishable_key()),
            store_code: None,
            mock: Some(mock),
            clock,
        })
    }

    /// A client builder already pointed at the store, on the shared clock.
    pub fn client_builder(&self) -> ClientBuilder {
        let mut builder = Client::builder(&self.url)
            .backend(self.profile.kind)
            .clock(Arc::new(self.clock.clone()));
        if let Some(key) = &self.key {
            builder = builder.publishable_key(key);
        }
        if let Some(code) = &self.store_code {
            builder = builder.store_code(code);
        }
        builder
    }

    /// A client pointed at the store.
    pub fn client(&self) -> Client {
        self.client_builder().build().expect("client")
    }

    /// The mock, or `None` (with a note) when the step needs its hooks.
    pub fn mock_for(&self, step: &str) -> Option<&MockServer> {
        if self.mock.is_none() {
            eprintln!("skipped against a real store: {step} (needs the mock's hooks)");
        }
        self.mock.as_ref()
    }

    /// Moves both clocks.
    pub fn advance(&self, mock: &MockServer, by: Duration) {
        mock.advance_clock(by);
        self.clock.advance(by);
    }

    /// Lets a second pass on both clocks: Magento's revocation takes every
    /// token issued up to its second, so a login right after a logout waits
    /// for the next one (spec §4.3). Real stores' clocks move by themselves.
    pub fn after_logout(&self) {
        if let Some(mock) = &self.mock {
            self.advance(mock, Duration::from_secs(1));
        }
    }

    /// A registration with everything every backend requires.
    pub fn new_customer(&self, email: &str) -> NewCustomer {
        let mut customer = NewCustomer::new(email, PASSWORD).name("Jane", "Doe");
        customer.password_confirmation = Some(PASSWORD.into());
        if self.profile.kind == BackendKind::Spryker {
            customer.salutation = Some(Salutation::Ms);
            customer.gender = Some(Gender::Female);
            customer.accepted_terms = Some(true);
        }
        customer
    }
}

/// Credentials of `email` with the suite's password.
pub fn credentials(email: &str) -> Credentials {
    Credentials::new(email, PASSWORD)
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as i64)
}

/// An email no earlier run used (a real store keeps its customers).
pub fn unique_email(tag: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "contract-{tag}-{}-{}@example.com",
        now_ms(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// A German address: the unified fields only, no region.
pub fn berlin() -> AddressInput {
    let mut address = AddressInput::default();
    address.first_name = Some("Jane".into());
    address.last_name = Some("Doe".into());
    address.address1 = Some("Unter den Linden 1".into());
    address.address2 = Some("Hinterhaus".into());
    address.city = Some("Berlin".into());
    address.postal_code = Some("10117".into());
    address.country_iso = Some("DE".into());
    address.phone = Some("+49 30 1234567".into());
    address
}
