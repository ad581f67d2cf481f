//! Emulation of the Spryker Glue storefront API (JSON:API) at the host root: customer account
//! and auth, per `spryker-glue.md` (§9 mock requirements) and seed 003.
//!
//! Layout: `emulator` plugs Spryker into the shared server; `routes` recognises paths and runs
//! Glue's request pipeline; `auth`, `oauth`, `registration`, `password_flows`, `customers` and
//! `addresses` hold the operations, `sessions` the login and refresh they share; `document`
//! reads request documents, `validation` and `rules` apply the validation YAML, `resources`
//! and `wire` write response documents through `php_json`; `errors` is the code catalogue;
//! `keys`, `jwt`, `token_cache` and `refresh_tokens` are the credentials; `blocker` the optional
//! SecurityBlocker; `demo` the seeded customers; `options` the Spryker knobs.

mod addresses;
mod auth;
mod blocker;
mod countries;
mod customers;
mod demo;
mod document;
mod emulator;
mod errors;
mod jwt;
mod keys;
mod model;
mod oauth;
mod options;
mod password_flows;
mod php_json;
mod refresh_tokens;
mod registration;
mod resources;
mod routes;
mod rules;
mod sessions;
mod token_cache;
mod validation;
mod wire;

pub use options::{
    DuplicateEmailMessage, SprykerOptions, SprykerPasswordPolicy, UnconfirmedLoginStatus,
};

use crate::options::MockOptions;
use crate::passwords::{self, DummyHash};
use crate::random;
use blocker::SecurityBlocker;
use jwt::{TokenUser, VerifiedToken};
use keys::SigningKey;
use model::{Address, Customer};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use refresh_tokens::RefreshTokens;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use token_cache::VerifiedTokens;

/// Turns on the demo data of the options' Spryker object (`--demo-data`).
pub(crate) fn enable_demo_data(options: &mut SprykerOptions) {
    options.demo_data = true;
}

/// The Spryker emulator (its `Emulator` impl is in `emulator.rs`).
pub(crate) struct SprykerEmulator {
    state: Mutex<SprykerState>,
    key: RwLock<Arc<SigningKey>>,
    verified: Mutex<VerifiedTokens>,
}

/// Everything the emulated shop keeps.
pub(crate) struct SprykerState {
    customers: HashMap<u64, Customer>,
    by_reference: HashMap<String, u64>,
    by_email: HashMap<String, u64>,
    addresses: HashMap<u64, Address>,
    address_by_uuid: HashMap<String, u64>,
    refresh_tokens: RefreshTokens,
    blocker: SecurityBlocker,
    next_customer_id: u64,
    next_address_id: u64,
    rng: ChaCha8Rng,
    /// Verified against for unknown emails, so that both login failures cost the same.
    dummy_hash: DummyHash,
}

/// The lower-case form an email is unique under.
fn email_key(email: &str) -> String {
    email.to_lowercase()
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl SprykerEmulator {
    /// A shop with the options' seed customers (and the demo customer with `demo_data`).
    ///
    /// # Errors
    /// `InvalidInput` when `private_key_pem` holds no usable RSA key.
    pub(crate) fn new(options: &MockOptions, now: i64) -> std::io::Result<Self> {
        let key =
            SigningKey::from_pem(options.spryker.private_key_pem.as_deref()).map_err(|error| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("spryker.private_key_pem: {error}"),
                )
            })?;
        let mut rng = random::seeded_rng(options.seed, 0);
        let dummy_hash = DummyHash::new(options.password_hash_rounds, &mut rng);
        let mut state = SprykerState {
            customers: HashMap::new(),
            by_reference: HashMap::new(),
            by_email: HashMap::new(),
            addresses: HashMap::new(),
            address_by_uuid: HashMap::new(),
            refresh_tokens: RefreshTokens::default(),
            blocker: SecurityBlocker::default(),
            next_customer_id: 1,
            next_address_id: 1,
            rng,
            dummy_hash,
        };
        demo::seed(&mut state, options, now);
        Ok(Self {
            state: Mutex::new(state),
            key: RwLock::new(Arc::new(key)),
            verified: Mutex::default(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, SprykerState> {
        lock(&self.state)
    }

    /// The signing key in force.
    fn key(&self) -> Arc<SigningKey> {
        self.key
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Drops every customer, address, token and failed login, then seeds again. Ids keep
    /// counting (but the demo customer is always `DE--21`).
    pub(crate) fn reset(&self, options: &MockOptions, now: i64) {
        let mut state = self.lock();
        state.customers.clear();
        state.by_reference.clear();
        state.by_email.clear();
        state.addresses.clear();
        state.address_by_uuid.clear();
        state.refresh_tokens.clear();
        state.blocker.clear();
        demo::seed(&mut state, options, now);
    }

    /// Swaps the signing key when `private_key_pem` changed; a key that does not parse is
    /// refused by `check_options` over HTTP and ignored (with a warning) from Rust.
    pub(crate) fn apply_options(&self, options: &MockOptions) {
        let wanted = options.spryker.private_key_pem.as_deref();
        if self.key().is_from(wanted) {
            return;
        }
        match SigningKey::from_pem(wanted) {
            Ok(key) => {
                *self
                    .key
                    .write()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(key);
                lock(&self.verified).clear();
            }
            Err(error) => tracing::warn!("spryker.private_key_pem ignored: {error}"),
        }
    }

    /// Whether the Spryker options can be applied (a signing key that parses).
    pub(crate) fn check_options(options: &MockOptions) -> Result<(), String> {
        match options.spryker.private_key_pem.as_deref() {
            None => Ok(()),
            Some(pem) => SigningKey::from_pem(Some(pem))
                .map(|_| ())
                .map_err(|error| format!("spryker.private_key_pem: {error}")),
        }
    }

    /// The customer an access token names, if the current key signed it and it is valid at
    /// `now`. Signatures are verified once per token.
    pub(crate) fn verify_token(&self, token: &str, now: i64) -> Option<TokenUser> {
        let digest = random::token_digest(token);
        let cached = lock(&self.verified).get(&digest);
        let verified = match cached {
            Some(verified) => verified,
            None => {
                let verified: Arc<VerifiedToken> = Arc::new(jwt::verify(&self.key(), token)?);
                lock(&self.verified).insert(digest, verified.clone());
                verified
            }
        };
        verified.valid_at(now).then(|| verified.user.clone())
    }

    /// Signs a new access token for `user` (outside the state lock).
    pub(crate) fn mint(&self, user: &TokenUser, jti: &str, now: i64, ttl: i64) -> String {
        jwt::issue(&self.key(), user, jti, now, ttl)
    }
}

impl SprykerState {
    /// The customer with this (case-insensitive) email.
    pub(crate) fn customer_by_email(&self, email: &str) -> Option<&Customer> {
        self.by_email
            .get(&email_key(email))
            .and_then(|id| self.customers.get(id))
    }

    /// The id of the customer with this reference.
    pub(crate) fn customer_id(&self, reference: &str) -> Option<u64> {
        self.by_reference.get(reference).copied()
    }

    /// Whether another customer than `except` uses the email.
    pub(crate) fn email_taken(&self, email: &str, except: Option<u64>) -> bool {
        self.by_email
            .get(&email_key(email))
            .is_some_and(|id| Some(*id) != except)
    }

    /// Stores a new customer under the next id (or `id`), setting id and reference.
    pub(crate) fn insert_customer(&mut self, mut customer: Customer, id: Option<u64>) -> u64 {
        let id = id.unwrap_or_else(|| {
            let next = self.next_customer_id;
            self.next_customer_id += 1;
            next
        });
        self.next_customer_id = self.next_customer_id.max(id + 1);
        customer.id = id;
        customer.reference = format!("DE--{id}");
        self.by_reference.insert(customer.reference.clone(), id);
        self.by_email.insert(email_key(&customer.email), id);
        self.customers.insert(id, customer);
        id
    }

    /// Changes a customer's email (the caller checked it is free).
    pub(crate) fn change_email(&mut self, id: u64, email: String) {
        let Some(customer) = self.customers.get_mut(&id) else {
            return;
        };
        self.by_email.remove(&email_key(&customer.email));
        self.by_email.insert(email_key(&email), id);
        customer.email = email;
    }

    /// Removes a customer with its addresses and refresh tokens.
    pub(crate) fn remove_customer(&mut self, id: u64) {
        let Some(customer) = self.customers.remove(&id) else {
            return;
        };
        self.by_reference.remove(&customer.reference);
        self.by_email.remove(&email_key(&customer.email));
        for address_id in customer.addresses {
            if let Some(address) = self.addresses.remove(&address_id) {
                self.address_by_uuid.remove(&address.uuid);
            }
        }
        self.refresh_tokens.revoke_all(id);
    }

    /// A password hash with a fresh salt.
    pub(crate) fn hash_password(&mut self, password: &str, rounds: u32) -> String {
        passwords::hash_password(password, rounds, &mut self.rng)
    }

    /// `bytes` random bytes as lower-case hex (restore and registration keys, `jti`).
    pub(crate) fn random_hex(&mut self, bytes: usize) -> String {
        (0..bytes)
            .map(|_| format!("{:02x}", self.rng.random::<u8>()))
            .collect()
    }

    /// A fresh address id and UUID.
    pub(crate) fn next_address(&mut self) -> (u64, String) {
        let id = self.next_address_id;
        self.next_address_id += 1;
        (id, random::uuid_v4(&mut self.rng))
    }
}
