//! Run-time options of the mock, shared by the Rust API, `--config` files and `POST /__mock/config`.

use crate::front::ConnectionLimits;
use serde::{Deserialize, Serialize};

/// How the rate limits of spec §2.12 behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RateLimitMode {
    /// No counting, no headers (the default, so that test suites never trip a limit).
    #[default]
    Off,
    /// Spree 6.0 semantics: over-limit requests get 429 with `Retry-After` and `X-RateLimit-*`.
    Enforce,
    /// Spree 5.6.1 semantics: counters run and headers are emitted, requests are never refused.
    HeadersOnly,
}

/// Bucket sizes and window of the rate limiter (spec §2.12 defaults).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RateLimits {
    /// Requests per window per publishable key, per controller (API-wide bucket in enforce mode).
    pub per_key: u32,
    /// Window length in seconds; also the `Retry-After` value.
    pub window: i64,
    /// `POST /auth/login` per client IP.
    pub login: u32,
    /// `POST /customers` per client IP.
    pub register: u32,
    /// `POST /auth/refresh` and `POST /auth/logout` per client IP.
    pub refresh: u32,
    /// `POST /password_resets` and `PATCH /password_resets/{token}` per client IP.
    pub password_reset: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            per_key: 300,
            window: 60,
            login: 5,
            register: 3,
            refresh: 10,
            password_reset: 3,
        }
    }
}

/// Account lockout after repeated failed logins (a Spree 6.0 behaviour, off by default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Lockout {
    /// Whether lockout is active.
    pub enabled: bool,
    /// Failed logins that lock the account.
    pub max_failed_login_attempts: u32,
    /// How long a locked account stays locked, in seconds.
    pub lockout_duration: i64,
}

impl Default for Lockout {
    fn default() -> Self {
        Self {
            enabled: false,
            max_failed_login_attempts: 5,
            lockout_duration: 1800,
        }
    }
}

/// How login matches the email against the stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LoginEmailMatch {
    /// Spree 5.6.1: exact match after whitespace squish.
    #[default]
    Exact,
    /// Spree 6.0: the given email is lower-cased first.
    CaseInsensitive,
}

/// Which address field names are accepted and emitted (spec §8.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AddressNamesMode {
    /// Accept and emit both `country_iso`/`state_abbr` and `country_code`/`state_code`.
    #[default]
    Dual,
    /// Accept and emit only `country_iso`/`state_abbr`, in the 5.6.1 order.
    #[serde(rename = "strict_5_6_1")]
    Strict561,
}

/// What a password-reset completion without `password` does (spec §4.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MissingPasswordResetMode {
    /// 422 `validation_error` `{"password":["can't be blank"]}`, as the OpenAPI requires.
    #[default]
    Reject,
    /// The 5.6.1 Devise behaviour: 200 with tokens and no password change.
    #[serde(rename = "5_6_1_devise")]
    Devise561,
}

/// Whose cached `Idempotency-Key` answers a request may be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum IdempotencyScope {
    /// An authenticated request sees only answers cached for the same customer; an anonymous
    /// one is replayed only when its method, path and body are identical (its body carries its
    /// own credential) and otherwise gets `idempotency_key_reused`.
    #[default]
    Customer,
    /// Spree's own scope (spec §2.11): the publishable key only. **Leaks**: a customer who sends
    /// another customer's key and body gets that customer's cached answer.
    ApiKey,
}

/// A customer that exists from the start (and again after every reset).
#[derive(Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SeedCustomer {
    /// Email address (normalised like a registration).
    pub email: String,
    /// Plain-text password.
    pub password: String,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Newsletter opt-in.
    pub accepts_email_marketing: bool,
}

impl std::fmt::Debug for SeedCustomer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SeedCustomer")
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .field("first_name", &self.first_name)
            .field("last_name", &self.last_name)
            .finish_non_exhaustive()
    }
}

/// Every knob of the mock. `Default` is the Spree 5.6.1 column of spec §10.2, with rate limits off.
///
/// The same struct is read from `--config FILE` and from `POST /__mock/config`
/// (where every field is optional and missing fields keep their current value).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MockOptions {
    /// The active publishable key expected in `X-Spree-Api-Key`.
    pub publishable_key: String,
    /// Publishable keys that exist but are inactive: they get 401 `invalid_token`, even when
    /// equal to `publishable_key` (a way to deactivate the active key at run time).
    pub inactive_publishable_keys: Vec<String>,
    /// Access-token (JWT) lifetime in seconds.
    pub jwt_expiration: i64,
    /// Refresh-token lifetime in seconds.
    pub refresh_token_expiry: i64,
    /// Password-reset-token lifetime in seconds.
    pub password_reset_expiry: i64,
    /// HS256 secret; random per start when absent.
    pub jwt_secret: Option<String>,
    /// Seed of every random choice (ids, tokens, salts, fault rates); random when absent.
    pub seed: Option<u64>,
    /// Rate-limit behaviour.
    pub rate_limit_mode: RateLimitMode,
    /// Rate-limit buckets.
    pub limits: RateLimits,
    /// Header that carries the client IP for rate limiting (e.g. `X-Forwarded-For`); when absent
    /// or missing from a request, every client counts as `127.0.0.1`.
    pub client_ip_header: Option<String>,
    /// Account lockout (Spree 6.0).
    pub lockout: Lockout,
    /// Minimum password length.
    pub password_min_length: usize,
    /// Maximum password length.
    pub password_max_length: usize,
    /// How login matches emails.
    pub login_email_match: LoginEmailMatch,
    /// Prefix of customer ids (`cus_` in 5.6.1, `cust_` in 6.0).
    pub customer_id_prefix: String,
    /// Address field names.
    pub address_names: AddressNamesMode,
    /// Behaviour of a reset completion without `password`.
    pub missing_password_reset: MissingPasswordResetMode,
    /// Largest accepted request body on any path, in bytes: a larger declared `Content-Length`
    /// is refused before the body is read, a chunked body is cut off there.
    pub max_request_body_size: u64,
    /// How long an idempotent response is replayed, in seconds.
    pub idempotency_ttl: i64,
    /// Most idempotent responses kept (oldest evicted first).
    pub idempotency_cache_size: usize,
    /// Allowed origins for `redirect_url` of a password-reset request (`scheme://host[:port]`).
    pub allowed_origins: Vec<String>,
    /// Value of `Access-Control-Allow-Origin` (`*` or one origin).
    pub cors_origin: String,
    /// Customers created at start and after every reset.
    pub seed_customers: Vec<SeedCustomer>,
    /// PBKDF2-HMAC-SHA256 rounds of password hashes (kept low so that tests and logins
    /// stay fast; the hash is never seen by clients).
    pub password_hash_rounds: u32,
    /// Number of workers: wiremock servers, each on its own thread, each behind its own listener
    /// on the shared port (SO_REUSEPORT). Fixed at start.
    pub workers: usize,
    // Hardening against hostile clients (issue 13).
    /// Whether `/__mock/*` answers carry CORS headers (off: no web page can read the outbox
    /// or change the options; on for browser tests that drive the mock).
    pub cors_control: bool,
    /// Limits of the connection layer in front of every backend.
    pub connection_limits: ConnectionLimits,
    /// Whose cached idempotent answers a request may be given.
    pub idempotency_scope: IdempotencyScope,
}

impl Default for MockOptions {
    fn default() -> Self {
        Self {
            publishable_key: "pk_test".to_owned(),
            inactive_publishable_keys: Vec::new(),
            jwt_expiration: 3600,
            refresh_token_expiry: 2_592_000,
            password_reset_expiry: 900,
            jwt_secret: None,
            seed: None,
            rate_limit_mode: RateLimitMode::Off,
            limits: RateLimits::default(),
            client_ip_header: None,
            lockout: Lockout::default(),
            password_min_length: 6,
            password_max_length: 128,
            login_email_match: LoginEmailMatch::Exact,
            customer_id_prefix: "cus_".to_owned(),
            address_names: AddressNamesMode::Dual,
            missing_password_reset: MissingPasswordResetMode::Reject,
            max_request_body_size: 102_400,
            idempotency_ttl: 86_400,
            idempotency_cache_size: 10_000,
            allowed_origins: Vec::new(),
            cors_origin: "*".to_owned(),
            seed_customers: Vec::new(),
            password_hash_rounds: 16,
            workers: 2,
            cors_control: false,
            connection_limits: ConnectionLimits::default(),
            idempotency_scope: IdempotencyScope::Customer,
        }
    }
}

impl std::fmt::Debug for MockOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockOptions")
            .field("publishable_key", &self.publishable_key)
            .field("jwt_expiration", &self.jwt_expiration)
            .field("refresh_token_expiry", &self.refresh_token_expiry)
            .field("password_reset_expiry", &self.password_reset_expiry)
            .field(
                "jwt_secret",
                &self.jwt_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("seed", &self.seed)
            .field("rate_limit_mode", &self.rate_limit_mode)
            .field("limits", &self.limits)
            .field("lockout", &self.lockout)
            .field("address_names", &self.address_names)
            .field("seed_customers", &self.seed_customers)
            .field("workers", &self.workers)
            .finish_non_exhaustive()
    }
}

impl MockOptions {
    /// Applies a partial JSON object on top of these options (used by `POST /__mock/config`).
    pub fn merged_with(&self, patch: &serde_json::Value) -> Result<MockOptions, serde_json::Error> {
        let mut current = serde_json::to_value(self)?;
        merge_json(&mut current, patch);
        serde_json::from_value(current)
    }
}

fn merge_json(target: &mut serde_json::Value, patch: &serde_json::Value) {
    match (target, patch) {
        (serde_json::Value::Object(target), serde_json::Value::Object(patch)) => {
            for (key, value) in patch {
                match target.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => {
                        merge_json(existing, value)
                    }
                    _ => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (target, patch) => *target = patch.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_patch_keeps_other_fields() {
        let options = MockOptions::default();
        let patched = options
            .merged_with(&serde_json::json!({"rate_limit_mode":"enforce","limits":{"login":2}}))
            .expect("valid patch");
        assert_eq!(patched.rate_limit_mode, RateLimitMode::Enforce);
        assert_eq!(patched.limits.login, 2);
        assert_eq!(patched.limits.register, 3);
        assert_eq!(patched.publishable_key, "pk_test");
    }

    #[test]
    fn mode_names_match_the_spec() {
        let patched = MockOptions::default()
            .merged_with(&serde_json::json!({"address_names":"strict_5_6_1","missing_password_reset":"5_6_1_devise"}))
            .expect("valid patch");
        assert_eq!(patched.address_names, AddressNamesMode::Strict561);
        assert_eq!(
            patched.missing_password_reset,
            MissingPasswordResetMode::Devise561
        );
    }
}
