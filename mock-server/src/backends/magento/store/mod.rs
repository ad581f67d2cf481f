//! The Magento store: customers, their address books, tokens and revocations, behind a method
//! API that knows nothing of HTTP, so that the REST routes and a GraphQL schema serve the same
//! state (spec magento-graphql §3: tokens of either API are interchangeable).
//!
//! Operations take the shared [`RequestContext`] (options, mock-clock time, client IP, outbox)
//! and, where Magento reads the store view from the request, a [`StoreView`]. They answer
//! snapshots of the records ([`Customer`]) or a [`StoreError`] that carries Magento's family
//! and phrase. Layout: `accounts` (registration, confirmation), `sessions` (token services),
//! `profile` (reads and saves of a customer), `passwords` (changes, resets, availability),
//! `address_book` (one address at a time, for GraphQL); `addresses`, `policy`, `directory`,
//! `tokens` and `throttle` are their building blocks.

mod accounts;
mod address_book;
mod addresses;
pub(crate) mod directory;
pub(crate) mod errors;
pub(crate) mod model;
mod passwords;
pub(crate) mod policy;
mod profile;
mod sessions;
mod throttle;
mod tokens;

pub(crate) use accounts::AccountRef;
pub(crate) use directory::StoreView;
pub(crate) use errors::StoreError;
pub(crate) use model::{Customer, Principal};

use crate::emulator::RequestContext;
use crate::options::MockOptions;
use crate::outbox::OutboxMessage;
use crate::passwords::{self as hashing, DummyHash};
use crate::random;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use throttle::{LoginThrottle, ResetRequests};
use tokens::TokenService;

/// Letters of Magento's unique hashes (reset tokens, confirmation keys): lower-case hex.
const HASH_ALPHABET: &[u8] = b"0123456789abcdef";

/// The store, all state behind one lock.
pub(crate) struct MagentoStore {
    state: Mutex<StoreState>,
}

/// Everything the store keeps.
struct StoreState {
    customers: HashMap<u64, Customer>,
    /// (website id, lower-cased email) → customer id.
    by_email: HashMap<(u32, String), u64>,
    next_customer_id: u64,
    next_address_id: u64,
    tokens: TokenService,
    logins: LoginThrottle,
    resets: ResetRequests,
    rng: ChaCha8Rng,
    /// Verified against for unknown emails, so that both login failures cost the same.
    dummy_hash: DummyHash,
}

/// The JWT secret in force: the configured one, else 32 random bytes.
fn secret_from(options: &MockOptions, rng: &mut ChaCha8Rng) -> Vec<u8> {
    match &options.magento.jwt_secret {
        Some(secret) => secret.as_bytes().to_vec(),
        None => (0..32).map(|_| rng.random::<u8>()).collect(),
    }
}

fn email_key(website_id: u32, email: &str) -> (u32, String) {
    (website_id, email.trim().to_lowercase())
}

impl MagentoStore {
    /// A store with the options' seed customers, created at `now`.
    pub(crate) fn new(options: &MockOptions, now: i64) -> Self {
        let mut rng = random::seeded_rng(options.seed, 2);
        let secret = secret_from(options, &mut rng);
        let dummy_hash = DummyHash::new(options.password_hash_rounds, &mut rng);
        let mut state = StoreState {
            customers: HashMap::new(),
            by_email: HashMap::new(),
            next_customer_id: 1,
            next_address_id: 1,
            tokens: TokenService::new(secret),
            logins: LoginThrottle::default(),
            resets: ResetRequests::default(),
            rng,
            dummy_hash,
        };
        state.seed_customers(options, now);
        Self {
            state: Mutex::new(state),
        }
    }

    fn lock(&self) -> MutexGuard<'_, StoreState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Drops every customer, token, revocation and counter, then re-creates the seed
    /// customers. Ids keep counting, so that tokens issued before never name a new customer.
    pub(crate) fn reset(&self, options: &MockOptions, now: i64) {
        let mut state = self.lock();
        state.customers.clear();
        state.by_email.clear();
        state.tokens.clear();
        state.logins.clear();
        state.resets.clear();
        state.seed_customers(options, now);
    }

    /// Takes a changed JWT secret into account (tokens signed with the old one die).
    pub(crate) fn apply_options(&self, options: &MockOptions) {
        let mut state = self.lock();
        if let Some(secret) = &options.magento.jwt_secret
            && !state.tokens.signs_with(secret.as_bytes())
        {
            state.tokens = TokenService::new(secret.as_bytes().to_vec());
        }
    }
}

impl StoreState {
    fn seed_customers(&mut self, options: &MockOptions, now: i64) {
        for seed in &options.seed_customers {
            let email = seed.email.trim().to_owned();
            let key = email_key(directory::DEFAULT_STORE.website_id, &email);
            if email.is_empty() || self.by_email.contains_key(&key) {
                continue;
            }
            let hash =
                hashing::hash_password(&seed.password, options.password_hash_rounds, &mut self.rng);
            let customer = self.new_customer(
                email,
                seed.first_name.clone().unwrap_or_default(),
                seed.last_name.clone().unwrap_or_default(),
                &directory::DEFAULT_STORE,
                now,
            );
            let id = self.insert(customer);
            if let Some(customer) = self.customers.get_mut(&id) {
                customer.password_hash = Some(hash);
            }
        }
    }

    /// A customer record with the next id (not stored yet).
    fn new_customer(
        &mut self,
        email: String,
        firstname: String,
        lastname: String,
        store: &'static StoreView,
        now: i64,
    ) -> Customer {
        let id = self.next_customer_id;
        self.next_customer_id += 1;
        Customer {
            id,
            website_id: store.website_id,
            store_id: store.id,
            group_id: 1,
            email,
            firstname,
            lastname,
            extra: model::CustomerExtra::default(),
            is_subscribed: false,
            custom_attributes: Vec::new(),
            created_at: now,
            updated_at: now,
            created_in: store.name,
            default_billing: None,
            default_shipping: None,
            addresses: Vec::new(),
            password_hash: None,
            confirmation: None,
            rp_token: None,
            failures: model::Failures::default(),
        }
    }

    /// Stores the customer and indexes its email; returns its id.
    fn insert(&mut self, customer: Customer) -> u64 {
        let id = customer.id;
        self.by_email
            .insert(email_key(customer.website_id, &customer.email), id);
        self.customers.insert(id, customer);
        id
    }

    /// The customer with this email in the website.
    fn find_by_email(&self, website_id: u32, email: &str) -> Option<u64> {
        self.by_email.get(&email_key(website_id, email)).copied()
    }

    /// A fresh Magento unique hash (32 lower-case hex characters).
    fn unique_hash(&mut self) -> String {
        random::string_from(HASH_ALPHABET, 32, &mut self.rng)
    }

    fn hash_password(&mut self, password: &str, options: &MockOptions) -> String {
        hashing::hash_password(password, options.password_hash_rounds, &mut self.rng)
    }
}

/// Publishes an email of `kind` carrying `token` for the customer.
fn publish(
    context: &RequestContext<'_>,
    kind: &str,
    customer: &Customer,
    token: &str,
    template: &str,
) {
    let mut message = OutboxMessage::new(
        kind,
        &customer.email,
        token.to_owned(),
        crate::clock::rfc3339(context.now, false),
    );
    let extra: BTreeMap<String, serde_json::Value> = [
        ("customer_id".to_owned(), serde_json::json!(customer.id)),
        ("template".to_owned(), serde_json::json!(template)),
    ]
    .into_iter()
    .collect();
    message.extra = extra;
    context.publish(message);
}
