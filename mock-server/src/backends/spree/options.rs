//! Spree's own options (`MockOptions::spree`, the `"spree"` object of a config): the
//! Spree 5.6.1 column of spec §10.2 by default, with rate limits off.

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
#[serde(default, deny_unknown_fields)]
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
#[serde(default, deny_unknown_fields)]
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

/// Every Spree-only knob. `Default` is the Spree 5.6.1 column of spec §10.2, rate limits off.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SpreeOptions {
    /// Access-token (JWT) lifetime in seconds.
    pub jwt_expiration: i64,
    /// Refresh-token lifetime in seconds.
    pub refresh_token_expiry: i64,
    /// Password-reset-token lifetime in seconds.
    pub password_reset_expiry: i64,
    /// HS256 secret; random per start when absent.
    pub jwt_secret: Option<String>,
    /// Rate-limit behaviour.
    pub rate_limit_mode: RateLimitMode,
    /// Rate-limit buckets.
    pub limits: RateLimits,
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
    /// How long an idempotent response is replayed, in seconds.
    pub idempotency_ttl: i64,
    /// Most idempotent responses kept (oldest evicted first).
    pub idempotency_cache_size: usize,
    /// Allowed origins for `redirect_url` of a password-reset request (`scheme://host[:port]`).
    pub allowed_origins: Vec<String>,
}

impl Default for SpreeOptions {
    fn default() -> Self {
        Self {
            jwt_expiration: 3600,
            refresh_token_expiry: 2_592_000,
            password_reset_expiry: 900,
            jwt_secret: None,
            rate_limit_mode: RateLimitMode::Off,
            limits: RateLimits::default(),
            lockout: Lockout::default(),
            password_min_length: 6,
            password_max_length: 128,
            login_email_match: LoginEmailMatch::Exact,
            customer_id_prefix: "cus_".to_owned(),
            address_names: AddressNamesMode::Dual,
            missing_password_reset: MissingPasswordResetMode::Reject,
            idempotency_ttl: 86_400,
            idempotency_cache_size: 10_000,
            allowed_origins: Vec::new(),
        }
    }
}

impl std::fmt::Debug for SpreeOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpreeOptions")
            .field("jwt_expiration", &self.jwt_expiration)
            .field("refresh_token_expiry", &self.refresh_token_expiry)
            .field("password_reset_expiry", &self.password_reset_expiry)
            .field(
                "jwt_secret",
                &self.jwt_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("rate_limit_mode", &self.rate_limit_mode)
            .field("limits", &self.limits)
            .field("lockout", &self.lockout)
            .field("address_names", &self.address_names)
            .finish_non_exhaustive()
    }
}
