//! Emulation of Bagisto's shop API (`bagisto-api`, `/api/shop`), per `shared/spec/bagisto.md`:
//! the storefront-key middleware, Sanctum tokens, HTTP-201 soft failures, problem JSON, the
//! array-of-one profile and the two address shapes.
//!
//! Layout: `emulator` plugs Bagisto into the shared server; `middleware` is the storefront-key
//! check with `rate_limit`; `routes` recognises operations and runs them; `register`,
//! `sessions`, `password_reset`, `profile` and `addresses` hold the operations; `auth` reads
//! bearer tokens, `tokens` keeps them; `input` reads bodies, `validation` checks them, `php`
//! has the PHP semantics both rely on; `wire` and `problem` are the answers; `model` the rows;
//! `options` the Bagisto knobs.

mod addresses;
mod auth;
mod emulator;
mod input;
mod middleware;
mod model;
mod options;
mod password_reset;
mod php;
mod problem;
mod profile;
mod rate_limit;
mod register;
mod routes;
mod sessions;
mod tokens;
mod validation;
mod wire;

pub use options::{BagistoOptions, PasswordRules, ProfileWithoutTokenStatus, RateLimitWindow};

use crate::options::{MockOptions, SeedCustomer};
use crate::passwords::{self, DummyHash};
use crate::random;
use model::{Address, Customer};
use rand_chacha::ChaCha8Rng;
use rate_limit::RateLimiter;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, MutexGuard};
use tokens::TokenStore;

/// Length of a customer's legacy `api_token`.
const API_TOKEN_LENGTH: usize = 80;

/// The Bagisto emulator (its `Emulator` impl is in `emulator.rs`): the store behind one lock,
/// the rate-limit counters behind another.
pub(crate) struct BagistoEmulator {
    state: Mutex<BagistoState>,
    limiter: Mutex<RateLimiter>,
}

/// Everything the emulated store keeps.
pub(crate) struct BagistoState {
    customers: HashMap<u64, Customer>,
    /// Lower-cased email → customer (the column's collation ignores case).
    by_email: HashMap<String, u64>,
    /// Phone → customer (unique).
    by_phone: HashMap<String, u64>,
    addresses: BTreeMap<u64, Address>,
    customer_addresses: HashMap<u64, BTreeSet<u64>>,
    tokens: TokenStore,
    /// When the broker last sent each customer a reset link (for its throttle).
    reset_links: HashMap<u64, i64>,
    next_customer_id: u64,
    next_address_id: u64,
    rng: ChaCha8Rng,
    /// Verified against for unknown emails, so that both login failures cost the same.
    dummy_password_hash: DummyHash,
}

/// What registration stores besides the generated columns.
pub(crate) struct NewCustomer {
    pub(crate) email: String,
    pub(crate) password_hash: String,
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) gender: Option<String>,
    pub(crate) date_of_birth: Option<String>,
    pub(crate) status: i64,
    pub(crate) is_verified: i64,
    pub(crate) is_suspended: i64,
    pub(crate) subscribed_to_news_letter: bool,
}

/// The index key of an email.
fn email_key(email: &str) -> String {
    email.to_lowercase()
}

impl BagistoEmulator {
    /// A store with the options' seed customers.
    pub(crate) fn new(options: &MockOptions) -> Self {
        let mut rng = random::seeded_rng(options.seed, 0);
        let dummy_password_hash = DummyHash::new(options.password_hash_rounds, &mut rng);
        let mut state = BagistoState {
            customers: HashMap::new(),
            by_email: HashMap::new(),
            by_phone: HashMap::new(),
            addresses: BTreeMap::new(),
            customer_addresses: HashMap::new(),
            tokens: TokenStore::default(),
            reset_links: HashMap::new(),
            next_customer_id: 1,
            next_address_id: 1,
            rng,
            dummy_password_hash,
        };
        state.seed_customers(&options.seed_customers, options);
        Self {
            state: Mutex::new(state),
            limiter: Mutex::new(RateLimiter::default()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, BagistoState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn limiter(&self) -> MutexGuard<'_, RateLimiter> {
        self.limiter
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Drops every customer, address, token and counter, then re-creates the seed customers.
    /// Ids keep counting, so nothing issued before the reset names a new row.
    pub(crate) fn reset(&self, options: &MockOptions) {
        let mut state = self.lock();
        state.customers.clear();
        state.by_email.clear();
        state.by_phone.clear();
        state.addresses.clear();
        state.customer_addresses.clear();
        state.tokens.clear();
        state.reset_links.clear();
        state.seed_customers(&options.seed_customers, options);
        drop(state);
        self.limiter().clear();
    }
}

impl BagistoState {
    /// A password hash with a fresh salt, as every backend of the mock stores them.
    fn hash_password(&mut self, password: &str, options: &MockOptions) -> String {
        passwords::hash_password(password, options.password_hash_rounds, &mut self.rng)
    }

    fn seed_customers(&mut self, seeds: &[SeedCustomer], options: &MockOptions) {
        for seed in seeds {
            let email = seed.email.trim();
            if email.is_empty() || self.customer_by_email(email).is_some() {
                continue;
            }
            let password_hash = self.hash_password(&seed.password, options);
            let phone = seed.phone.clone().filter(|phone| !phone.is_empty());
            self.insert_customer(NewCustomer {
                email: email.to_owned(),
                password_hash,
                first_name: seed.first_name.clone(),
                last_name: seed.last_name.clone(),
                phone: phone.filter(|phone| !self.by_phone.contains_key(phone)),
                gender: None,
                date_of_birth: None,
                status: 1,
                is_verified: 0,
                is_suspended: 0,
                subscribed_to_news_letter: seed.accepts_email_marketing,
            });
        }
    }

    /// The customer registered with `email`, ignoring case.
    fn customer_by_email(&self, email: &str) -> Option<u64> {
        self.by_email.get(&email_key(email)).copied()
    }

    /// The customer with `phone`.
    fn customer_by_phone(&self, phone: &str) -> Option<u64> {
        self.by_phone.get(phone).copied()
    }

    /// Stores a new customer with a fresh id and `api_token`; returns the id.
    fn insert_customer(&mut self, new: NewCustomer) -> u64 {
        let id = self.next_customer_id;
        self.next_customer_id += 1;
        self.by_email.insert(email_key(&new.email), id);
        if let Some(phone) = &new.phone {
            self.by_phone.insert(phone.clone(), id);
        }
        let api_token = random::string_from(random::ALPHANUMERIC, API_TOKEN_LENGTH, &mut self.rng);
        self.customers.insert(
            id,
            Customer {
                id,
                email: new.email,
                password_hash: new.password_hash,
                first_name: new.first_name,
                last_name: new.last_name,
                phone: new.phone,
                gender: new.gender,
                date_of_birth: new.date_of_birth,
                status: new.status,
                is_verified: new.is_verified,
                is_suspended: new.is_suspended,
                subscribed_to_news_letter: new.subscribed_to_news_letter,
                api_token,
            },
        );
        id
    }

    /// Changes a customer's email, keeping the index in step.
    fn set_email(&mut self, customer_id: u64, email: &str) {
        if let Some(customer) = self.customers.get_mut(&customer_id) {
            self.by_email.remove(&email_key(&customer.email));
            customer.email = email.to_owned();
            self.by_email.insert(email_key(email), customer_id);
        }
    }

    /// Changes a customer's phone, keeping the index in step.
    fn set_phone(&mut self, customer_id: u64, phone: &str) {
        if let Some(customer) = self.customers.get_mut(&customer_id) {
            if let Some(old) = customer.phone.replace(phone.to_owned()) {
                self.by_phone.remove(&old);
            }
            self.by_phone.insert(phone.to_owned(), customer_id);
        }
    }

    /// The customer's addresses, by ascending id.
    fn addresses_of(&self, customer_id: u64) -> impl Iterator<Item = &Address> {
        self.customer_addresses
            .get(&customer_id)
            .into_iter()
            .flatten()
            .filter_map(|id| self.addresses.get(id))
    }
}
