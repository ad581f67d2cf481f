//! The one place that knows the names of the `magento` options (spec §10), as JSON patches
//! for `POST /__mock/config {"magento": …}`. The names are those of `MagentoOptions`'
//! serialised form (durations in seconds).

use serde_json::{Value, json};

/// Pre-2.4.4 opaque 32-character tokens instead of JWTs.
pub fn opaque_tokens() -> Value {
    json!({"token_format": "opaque"})
}

/// Customer token lifetime, in minutes (`webapi/jwtauth/customer_expiration`).
pub fn token_lifetime_minutes(minutes: i64) -> Value {
    json!({"customer_token_ttl": minutes * 60})
}

/// `customer/create_account/confirm` on.
pub fn confirmation_required() -> Value {
    json!({"confirmation_required": true})
}

/// The unconfirmed-login message: the newest core's specific one or the generic one.
pub fn unconfirmed_message_generic() -> Value {
    json!({"unconfirmed_login_message": "generic"})
}

/// Token-service lockout: `failures` failed token requests lock for `seconds`.
pub fn lockout(failures: i64, seconds: i64) -> Value {
    json!({"lockout": {"max_failures": failures, "timeout": seconds}})
}

/// The password policy (§7).
pub fn password_policy(min_length: i64, classes: i64, max_length: i64) -> Value {
    json!({"password_policy": {"min_length": min_length, "required_classes": classes, "max_length": max_length}})
}

/// Reset-link lifetime, in hours (`customer/password/reset_link_expiration_period`).
pub fn reset_link_lifetime_hours(hours: i64) -> Value {
    json!({"reset_token_ttl": hours * 3600})
}

/// The password-reset throttle (spec §2.8) on.
pub fn reset_throttle_on() -> Value {
    json!({"reset_throttle": {"enabled": true}})
}

/// `isEmailAvailable` as before 2.4.7 (an oracle).
pub fn email_availability_legacy() -> Value {
    json!({"email_availability": "legacy"})
}

/// The revoke route absent (before 2.4.6).
pub fn without_revoke_route() -> Value {
    json!({"revoke_route": false})
}

/// Another admin user.
pub fn admin(username: &str, password: &str) -> Value {
    json!({"admin_username": username, "admin_password": password})
}
