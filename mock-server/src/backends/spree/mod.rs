//! Emulation of the Spree Store API v3 customer-account contract (`/api/v3/store`).
//!
//! Layout: `routes` recognises paths and runs the request pipeline (body limit, auth order,
//! idempotency, rate limits); `accounts` and `addresses` hold the actions; `wire` the JSON
//! shapes; `errors` the envelope; `jwt` and `tokens` the credentials.

mod accounts;
mod addresses;
mod countries;
mod errors;
mod idempotency;
mod jwt;
mod model;
mod params;
mod rate_limit;
mod rejections;
mod routes;
mod tokens;
mod wire;

use crate::http::{ApiRequest, ApiResponse, ResponseOrigin, rails_json};
use crate::options::{MockOptions, SeedCustomer};
use crate::outbox::Outbox;
use idempotency::IdempotencyCache;
use jwt::JwtKeys;
use model::{Address, Customer, NewsletterSubscription, RefreshTokenRow};
use pbkdf2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use pbkdf2::{Params as Pbkdf2Params, Pbkdf2};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rate_limit::RateLimiter;
use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use tokens::{ResetTokenSigner, new_refresh_token, refresh_token_digest};

/// Most refresh tokens kept across all customers; the oldest are evicted beyond it, so that
/// memory stays bounded under login benchmarks (Spree itself has no cap).
const MAX_REFRESH_TOKENS: usize = 50_000;
/// Alphabet of public id suffixes.
const ID_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// What the pipeline needs to know about the request beyond its bytes.
pub(crate) struct RequestContext<'a> {
    /// Options in force.
    pub(crate) options: &'a MockOptions,
    /// Mock-clock time.
    pub(crate) now: i64,
    /// Client IP used for rate limiting.
    pub(crate) client_ip: &'a str,
    /// Where reset messages go.
    pub(crate) outbox: &'a Mutex<Outbox>,
}

/// The Spree backend: all its state behind one lock.
pub(crate) struct SpreeBackend {
    state: Mutex<SpreeState>,
}

/// Everything the emulated store keeps.
pub(crate) struct SpreeState {
    customers: HashMap<u64, Customer>,
    customer_by_email: HashMap<String, u64>,
    addresses: HashMap<u64, Address>,
    customer_addresses: HashMap<u64, Vec<u64>>,
    address_by_public_id: HashMap<String, u64>,
    refresh_tokens: HashMap<[u8; 32], RefreshTokenRow>,
    refresh_token_order: VecDeque<[u8; 32]>,
    idempotency: IdempotencyCache,
    rate_limiter: RateLimiter,
    next_internal_id: u64,
    next_sequence: u64,
    rng: ChaCha8Rng,
    jwt: JwtKeys,
    reset_signer: ResetTokenSigner,
    secret: Vec<u8>,
    /// A hash verified against for unknown emails, so that both failures cost the same.
    dummy_password_hash: String,
}

/// The HS256 secret in force: the configured one, else a random one.
fn secret_from(options: &MockOptions, rng: &mut ChaCha8Rng) -> Vec<u8> {
    match &options.jwt_secret {
        Some(secret) => secret.as_bytes().to_vec(),
        None => (0..32).map(|_| rng.random::<u8>()).collect(),
    }
}

impl SpreeBackend {
    /// A store with the options' seed customers.
    pub(crate) fn new(options: &MockOptions, now: i64) -> Self {
        let mut rng = match options.seed {
            Some(seed) => ChaCha8Rng::seed_from_u64(seed),
            None => ChaCha8Rng::from_os_rng(),
        };
        let secret = secret_from(options, &mut rng);
        let mut state = SpreeState {
            customers: HashMap::new(),
            customer_by_email: HashMap::new(),
            addresses: HashMap::new(),
            customer_addresses: HashMap::new(),
            address_by_public_id: HashMap::new(),
            refresh_tokens: HashMap::new(),
            refresh_token_order: VecDeque::new(),
            idempotency: IdempotencyCache::default(),
            rate_limiter: RateLimiter::default(),
            next_internal_id: 1,
            next_sequence: 1,
            jwt: JwtKeys::new(&secret),
            reset_signer: ResetTokenSigner::new(&secret),
            secret,
            dummy_password_hash: String::new(),
            rng,
        };
        state.dummy_password_hash = state.hash_password("dummy password", options);
        state.seed_customers(&options.seed_customers, options, now);
        Self {
            state: Mutex::new(state),
        }
    }

    fn lock(&self) -> MutexGuard<'_, SpreeState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Answers one API request.
    pub(crate) fn handle(
        &self,
        request: &ApiRequest<'_>,
        context: &RequestContext<'_>,
    ) -> ApiResponse {
        routes::handle(self, request, context)
    }

    /// Drops all data (customers, tokens, caches, counters) and re-creates the seed customers.
    /// Internal ids keep counting, so tokens issued before the reset never name a new customer.
    pub(crate) fn reset(&self, options: &MockOptions, now: i64) {
        let mut state = self.lock();
        state.customers.clear();
        state.customer_by_email.clear();
        state.addresses.clear();
        state.customer_addresses.clear();
        state.address_by_public_id.clear();
        state.refresh_tokens.clear();
        state.refresh_token_order.clear();
        state.idempotency.clear();
        state.rate_limiter.clear();
        state.seed_customers(&options.seed_customers, options, now);
    }

    /// Applies changed options that affect stored keys (the JWT secret).
    pub(crate) fn apply_options(&self, options: &MockOptions) {
        let mut state = self.lock();
        if let Some(secret) = &options.jwt_secret
            && secret.as_bytes() != state.secret.as_slice()
        {
            state.secret = secret.as_bytes().to_vec();
            state.jwt = JwtKeys::new(&state.secret);
            state.reset_signer = ResetTokenSigner::new(&state.secret);
        }
    }

    /// Marks a live address as referenced by a completed order; false when unknown.
    pub(crate) fn mark_address_ordered(&self, public_id: &str) -> bool {
        let mut state = self.lock();
        let Some(internal_id) = state.address_by_public_id.get(public_id).copied() else {
            return false;
        };
        match state.addresses.get_mut(&internal_id) {
            Some(address) if !address.deleted => {
                address.ordered = true;
                true
            }
            _ => false,
        }
    }
}

impl SpreeState {
    fn next_id(&mut self) -> u64 {
        let id = self.next_internal_id;
        self.next_internal_id += 1;
        id
    }

    fn next_sequence(&mut self) -> u64 {
        let sequence = self.next_sequence;
        self.next_sequence += 1;
        sequence
    }

    /// `prefix` followed by 10 random alphanumerics.
    fn public_id(&mut self, prefix: &str) -> String {
        let suffix: String = (0..10)
            .map(|_| char::from(ID_ALPHABET[self.rng.random_range(0..ID_ALPHABET.len())]))
            .collect();
        format!("{prefix}{suffix}")
    }

    /// A PBKDF2-HMAC-SHA256 PHC string for `password` with a fresh salt, at the configured
    /// (test-fast) number of rounds.
    fn hash_password(&mut self, password: &str, options: &MockOptions) -> String {
        let salt_bytes: [u8; 16] = self.rng.random();
        let Ok(salt) = SaltString::encode_b64(&salt_bytes) else {
            return String::new();
        };
        let params = Pbkdf2Params {
            rounds: options.password_hash_rounds.max(1),
            output_length: 32,
        };
        Pbkdf2
            .hash_password_customized(password.as_bytes(), None, None, params, &salt)
            .map(|hash| hash.to_string())
            .unwrap_or_default()
    }

    /// Constant-time verification of `password` against a PHC string.
    pub(crate) fn password_matches(hash: &str, password: &str) -> bool {
        PasswordHash::new(hash)
            .is_ok_and(|parsed| Pbkdf2.verify_password(password.as_bytes(), &parsed).is_ok())
    }

    fn seed_customers(&mut self, seeds: &[SeedCustomer], options: &MockOptions, now: i64) {
        for seed in seeds {
            let email = params::squish(&seed.email).to_lowercase();
            if email.is_empty() || self.customer_by_email.contains_key(&email) {
                continue;
            }
            let password_hash = self.hash_password(&seed.password, options);
            self.insert_customer(
                model::Customer {
                    internal_id: 0,
                    public_id: String::new(),
                    email,
                    password_hash,
                    first_name: params::presence(seed.first_name.clone()),
                    last_name: params::presence(seed.last_name.clone()),
                    phone: params::presence(seed.phone.clone()),
                    accepts_email_marketing: seed.accepts_email_marketing,
                    metadata: None,
                    bill_address_id: None,
                    ship_address_id: None,
                    newsletter: None,
                    failed_logins: 0,
                    locked_until: None,
                },
                options,
                now,
            );
        }
    }

    /// Stores a new customer (assigning its ids) and returns its internal id.
    fn insert_customer(&mut self, mut customer: Customer, options: &MockOptions, now: i64) -> u64 {
        let internal_id = self.next_id();
        customer.internal_id = internal_id;
        customer.public_id = self.public_id(&options.customer_id_prefix);
        if customer.accepts_email_marketing {
            customer.newsletter = Some(self.new_subscription(now));
        }
        self.customer_by_email
            .insert(customer.email.clone(), internal_id);
        self.customers.insert(internal_id, customer);
        internal_id
    }

    fn new_subscription(&mut self, now: i64) -> NewsletterSubscription {
        NewsletterSubscription {
            public_id: self.public_id("sub_"),
            created_at: now,
            verified_at: now,
        }
    }

    /// Issues a refresh token for the customer.
    fn issue_refresh_token(&mut self, customer_id: u64, context: &RequestContext<'_>) -> String {
        let token = new_refresh_token(&mut self.rng);
        let digest = refresh_token_digest(&token);
        self.refresh_tokens.insert(
            digest,
            RefreshTokenRow {
                customer_id,
                expires_at: context
                    .now
                    .saturating_add(context.options.refresh_token_expiry),
            },
        );
        self.refresh_token_order.push_back(digest);
        while self.refresh_tokens.len() > MAX_REFRESH_TOKENS {
            match self.refresh_token_order.pop_front() {
                Some(oldest) => {
                    self.refresh_tokens.remove(&oldest);
                }
                None => break,
            }
        }
        if self.refresh_token_order.len() > self.refresh_tokens.len().saturating_mul(2).max(64) {
            let live = &self.refresh_tokens;
            self.refresh_token_order
                .retain(|digest| live.contains_key(digest));
        }
        token
    }

    /// Deletes every refresh token of the customer.
    fn revoke_refresh_tokens(&mut self, customer_id: u64) {
        self.refresh_tokens
            .retain(|_, row| row.customer_id != customer_id);
    }

    /// The customer's live addresses, most recently updated first.
    fn live_addresses(&self, customer_id: u64) -> Vec<&Address> {
        let mut live: Vec<&Address> = self
            .customer_addresses
            .get(&customer_id)
            .into_iter()
            .flatten()
            .filter_map(|id| self.addresses.get(id))
            .filter(|address| !address.deleted)
            .collect();
        live.sort_by_key(|address| std::cmp::Reverse(address.updated_seq));
        live
    }

    /// `200`/`201` with an `AuthResponse`: a new JWT and a new refresh token.
    fn auth_response(
        &mut self,
        status: u16,
        customer_id: u64,
        context: &RequestContext<'_>,
        currency: &str,
    ) -> ApiResponse {
        let refresh_token = self.issue_refresh_token(customer_id, context);
        let jti_bytes: [u8; 16] = self.rng.random();
        let jti = uuid::Builder::from_random_bytes(jti_bytes)
            .into_uuid()
            .to_string();
        let token = self.jwt.issue(
            customer_id,
            jti,
            context.now.saturating_add(context.options.jwt_expiration),
        );
        let Some(customer) = self.customers.get(&customer_id) else {
            return errors::SpreeError::AuthenticationRequired.response(ResponseOrigin::Action);
        };
        let addresses = self.live_addresses(customer_id);
        let body = rails_json(&wire::AuthResponseJson {
            token: &token,
            refresh_token: &refresh_token,
            user: wire::customer_json(
                customer,
                &addresses,
                context.options.address_names,
                currency,
            ),
        });
        ApiResponse::json(status, body, ResponseOrigin::Action)
    }

    /// `status` with the customer's JSON.
    fn customer_response(
        &self,
        status: u16,
        customer_id: u64,
        context: &RequestContext<'_>,
        currency: &str,
    ) -> ApiResponse {
        let Some(customer) = self.customers.get(&customer_id) else {
            return errors::SpreeError::AuthenticationRequired.response(ResponseOrigin::Filter);
        };
        let addresses = self.live_addresses(customer_id);
        let body = rails_json(&wire::customer_json(
            customer,
            &addresses,
            context.options.address_names,
            currency,
        ));
        ApiResponse::json(status, body, ResponseOrigin::Action)
    }
}
