//! Run-time options of the mock, shared by the Rust API, `--config` files and `POST /__mock/config`:
//! the fields every backend reads, plus one sub-struct per backend (`spree`, …) defined in that
//! backend's module.

use crate::backends::MockBackend;
use crate::backends::bagisto::BagistoOptions;
use crate::backends::magento::MagentoOptions;
use crate::backends::spree::SpreeOptions;
use serde::{Deserialize, Serialize};

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

/// Every knob of the mock: the fields all backends share, then one sub-struct per backend.
///
/// The same struct is read from `--config FILE` and from `POST /__mock/config`, where every
/// field is optional, missing fields keep their current value and backend objects merge field
/// by field: `{"publishable_key":"pk_x","spree":{"jwt_expiration":60}}`. Unknown fields are
/// rejected (so a misplaced key is an error, not a silent no-op).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MockOptions {
    /// The emulated backend. Fixed at start: `update_options` keeps the start value and
    /// `POST /__mock/config` refuses a change.
    pub backend: MockBackend,
    /// The active storefront key, where the backend has one (Spree's `X-Spree-Api-Key`).
    pub publishable_key: String,
    /// Storefront keys that exist but are inactive: they are refused, even when equal to
    /// `publishable_key` (a way to deactivate the active key at run time).
    pub inactive_publishable_keys: Vec<String>,
    /// Seed of every random choice (ids, tokens, salts, fault rates); random when absent.
    pub seed: Option<u64>,
    /// Header that carries the client IP for rate limiting (e.g. `X-Forwarded-For`); when absent
    /// or missing from a request, every client counts as `127.0.0.1`.
    pub client_ip_header: Option<String>,
    /// Largest accepted `Content-Length` of an API request, in bytes (the backend tells which
    /// paths the limit covers: everything under `/api/v3/` for Spree).
    pub max_request_body_size: u64,
    /// Value of `Access-Control-Allow-Origin` (`*` or one origin).
    pub cors_origin: String,
    /// Customers created at start and after every reset.
    pub seed_customers: Vec<SeedCustomer>,
    /// PBKDF2-HMAC-SHA256 rounds of password hashes (kept low so that tests and logins
    /// stay fast; the hash is never seen by clients).
    pub password_hash_rounds: u32,
    /// Number of wiremock servers sharing the port (SO_REUSEPORT); each runs on its own thread.
    /// Fixed at start.
    pub workers: usize,
    /// Options of the Spree emulation (read only when `backend` is Spree).
    pub spree: SpreeOptions,
    /// Options of the Magento emulation, REST and GraphQL (read only when `backend` is Magento).
    pub magento: MagentoOptions,
    /// Options of the Bagisto emulation (read only when `backend` is Bagisto).
    pub bagisto: BagistoOptions,
    // One field per further backend goes here, each a `<Name>Options` struct defined in
    // `backends/<name>/options.rs` and re-exported from the crate root:
    // `spryker: SprykerOptions`.
}

impl Default for MockOptions {
    fn default() -> Self {
        Self {
            backend: MockBackend::Spree,
            publishable_key: "pk_test".to_owned(),
            inactive_publishable_keys: Vec::new(),
            seed: None,
            client_ip_header: None,
            max_request_body_size: 102_400,
            cors_origin: "*".to_owned(),
            seed_customers: Vec::new(),
            password_hash_rounds: 16,
            workers: 2,
            spree: SpreeOptions::default(),
            magento: MagentoOptions::default(),
            bagisto: BagistoOptions::default(),
        }
    }
}

impl std::fmt::Debug for MockOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockOptions")
            .field("backend", &self.backend)
            .field("publishable_key", &self.publishable_key)
            .field("seed", &self.seed)
            .field("seed_customers", &self.seed_customers)
            .field("workers", &self.workers)
            .field("spree", &self.spree)
            .field("magento", &self.magento)
            .field("bagisto", &self.bagisto)
            .finish_non_exhaustive()
    }
}

impl MockOptions {
    /// The defaults for `backend`.
    pub fn for_backend(backend: MockBackend) -> Self {
        Self {
            backend,
            ..Self::default()
        }
    }

    /// Applies a partial JSON object on top of these options (used by `--config` and
    /// `POST /__mock/config`): objects merge key by key, anything else replaces.
    ///
    /// # Errors
    /// A field of the wrong type, an unknown field, or a backend option at the top level
    /// (the error then says which object it belongs in).
    pub fn merged_with(&self, patch: &serde_json::Value) -> Result<MockOptions, serde_json::Error> {
        let mut current = serde_json::to_value(self)?;
        merge_json(&mut current, patch);
        serde_json::from_value(current).map_err(|error| match misplaced_backend_key(patch) {
            Some((key, backend)) => serde::de::Error::custom(format!(
                "{error}: `{key}` is a {backend} option, nest it as {{\"{backend}\":{{\"{key}\":…}}}}"
            )),
            None => error,
        })
    }
}

/// For an unknown top-level key of a patch that is a field of one of the backend objects (the
/// flat layout of earlier versions, e.g. `rate_limit_mode`), that key and the object it belongs
/// in (`spree`). Used to explain the error.
fn misplaced_backend_key(patch: &serde_json::Value) -> Option<(String, String)> {
    let defaults = serde_json::to_value(MockOptions::default()).ok()?;
    let defaults = defaults.as_object()?;
    patch
        .as_object()?
        .keys()
        .filter(|key| !defaults.contains_key(*key))
        .find_map(|key| {
            defaults.iter().find_map(|(backend, fields)| {
                let is_field = fields.as_object()?.contains_key(key);
                is_field.then(|| (key.clone(), backend.clone()))
            })
        })
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
    use crate::backends::spree::{AddressNamesMode, MissingPasswordResetMode, RateLimitMode};

    #[test]
    fn partial_patch_keeps_other_fields() {
        let options = MockOptions::default();
        let patched = options
            .merged_with(
                &serde_json::json!({"spree":{"rate_limit_mode":"enforce","limits":{"login":2}}}),
            )
            .expect("valid patch");
        assert_eq!(patched.spree.rate_limit_mode, RateLimitMode::Enforce);
        assert_eq!(patched.spree.limits.login, 2);
        assert_eq!(patched.spree.limits.register, 3);
        assert_eq!(patched.spree.jwt_expiration, 3600);
        assert_eq!(patched.publishable_key, "pk_test");
        let again = patched
            .merged_with(
                &serde_json::json!({"publishable_key":"pk_x","spree":{"jwt_expiration":60}}),
            )
            .expect("valid patch");
        assert_eq!(again.publishable_key, "pk_x");
        assert_eq!(again.spree.jwt_expiration, 60);
        assert_eq!(again.spree.limits.login, 2, "earlier patch kept");
    }

    #[test]
    fn mode_names_match_the_spec() {
        let patched = MockOptions::default()
            .merged_with(&serde_json::json!({"spree":{"address_names":"strict_5_6_1","missing_password_reset":"5_6_1_devise"}}))
            .expect("valid patch");
        assert_eq!(patched.spree.address_names, AddressNamesMode::Strict561);
        assert_eq!(
            patched.spree.missing_password_reset,
            MissingPasswordResetMode::Devise561
        );
    }

    #[test]
    fn flat_backend_keys_and_unknown_keys_are_refused() {
        let flat = serde_json::json!({"rate_limit_mode":"enforce"});
        let error = MockOptions::default()
            .merged_with(&flat)
            .expect_err("flat Spree keys are not accepted");
        assert!(
            error.to_string().ends_with(
                r#"`rate_limit_mode` is a spree option, nest it as {"spree":{"rate_limit_mode":…}}"#
            ),
            "{error}"
        );
        assert_eq!(
            misplaced_backend_key(&flat),
            Some(("rate_limit_mode".to_owned(), "spree".to_owned()))
        );
        assert_eq!(misplaced_backend_key(&serde_json::json!({"seed":1})), None);
        assert_eq!(misplaced_backend_key(&serde_json::json!({"login":1})), None);
        for patch in [
            serde_json::json!({"bogus":1}),
            serde_json::json!({"spree":{"bogus":1}}),
            serde_json::json!({"spree":{"limits":{"bogus":1}}}),
        ] {
            assert!(
                MockOptions::default().merged_with(&patch).is_err(),
                "{patch}"
            );
        }
    }

    #[test]
    fn the_backend_is_named_in_snake_case() {
        let options = MockOptions::for_backend(MockBackend::Bagisto);
        assert_eq!(options.backend, MockBackend::Bagisto);
        let json = serde_json::to_value(&options).expect("serialises");
        assert_eq!(json["backend"], "bagisto");
        assert_eq!(json["spree"]["jwt_expiration"], 3600);
        let back = MockOptions::default()
            .merged_with(&serde_json::json!({"backend":"magento"}))
            .expect("valid patch");
        assert_eq!(back.backend, MockBackend::Magento);
    }
}
