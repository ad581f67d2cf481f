//! Magento's own options (`MockOptions::magento`, the `"magento"` object of a config): the
//! configurable items of spec §10 with Magento 2.4.8's defaults, the reset throttle off.

use super::graphql::GraphqlOptions;
use serde::{Deserialize, Serialize};

/// The form of the tokens the token services issue (spec §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TokenFormat {
    /// 2.4.4+: an HS256 JWT with header `{"kid":"1","alg":"HS256"}` and claims
    /// `uid`/`utypid`/`iat`/`exp`.
    #[default]
    Jwt,
    /// Before 2.4.4: an opaque 32-character `[a-z0-9]` token stored server-side.
    Opaque,
}

/// What login says to an account that is not confirmed yet (spec §2.3, §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum UnconfirmedLoginMessage {
    /// The newest core: "This account isn't confirmed. Verify and try again.".
    #[default]
    Specific,
    /// 2.4.7 and older: the generic sign-in message.
    Generic,
}

/// How `POST /V1/customers/isEmailAvailable` answers (spec §2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum EmailAvailability {
    /// Since 2.4.7 (guest checkout login off): `true` for every email.
    #[default]
    #[serde(rename = "2_4_7")]
    Since247,
    /// Before 2.4.7: `false` for an email that has an account in the website.
    #[serde(rename = "legacy")]
    Legacy,
}

/// The token services' lockout (`oauth/authentication_lock`, spec §4.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TokenLockout {
    /// Failed token requests (per user name) that lock the account; 0 turns the lockout off.
    pub max_failures: u32,
    /// How long the lock lasts after the last failure, in seconds.
    pub timeout: i64,
}

impl Default for TokenLockout {
    fn default() -> Self {
        Self {
            max_failures: 6,
            timeout: 1800,
        }
    }
}

/// The customer model's own lockout (`customer/password/lockout_failures` and
/// `lockout_threshold`, spec §4.4): wrong passwords at login and at a password change count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CustomerLockout {
    /// Failures that lock the account; 0 turns this lockout off.
    pub max_failures: u32,
    /// How long the lock lasts, in seconds.
    pub lock_seconds: i64,
}

impl Default for CustomerLockout {
    fn default() -> Self {
        Self {
            max_failures: 10,
            lock_seconds: 600,
        }
    }
}

/// The password rules of spec §7 (`customer/password/*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PasswordPolicy {
    /// Minimum length.
    pub min_length: usize,
    /// Character classes (lower, upper, digits, special) a password needs.
    pub required_classes: usize,
    /// Maximum length.
    pub max_length: usize,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            min_length: 8,
            required_classes: 3,
            max_length: 256,
        }
    }
}

/// The password-reset request protection (Magento_Security, by IP and email; spec §2.8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResetThrottle {
    /// Whether requests are throttled (off by default, see DISCREPANCIES.md).
    pub enabled: bool,
    /// Most requests per IP or email within `window`.
    pub max_requests: u32,
    /// Least time between two requests of one IP or email, in seconds.
    pub min_interval: i64,
    /// The window `max_requests` counts in, in seconds.
    pub window: i64,
}

impl Default for ResetThrottle {
    fn default() -> Self {
        Self {
            enabled: false,
            max_requests: 5,
            min_interval: 600,
            window: 3600,
        }
    }
}

/// Every Magento-only knob; `Default` is Magento 2.4.8 as spec §10 lists it.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MagentoOptions {
    /// Token form: `"jwt"` (2.4.4+) or `"opaque"`.
    pub token_format: TokenFormat,
    /// Customer token lifetime in seconds (`webapi/jwtauth/customer_expiration`, 60 min); a value
    /// of 0 or less falls back to 30 min, as Magento's does.
    pub customer_token_ttl: i64,
    /// Admin token lifetime in seconds (`webapi/jwtauth/admin_expiration`, 4 h; 0 or less: 30 min).
    pub admin_token_ttl: i64,
    /// HS256 secret of the JWTs; random per start when absent.
    pub jwt_secret: Option<String>,
    /// Admin user name for `POST /V1/integration/admin/token`.
    pub admin_username: String,
    /// Its password.
    pub admin_password: String,
    /// Whether accounts must confirm their email before signing in (`customer/create_account/confirm`).
    pub confirmation_required: bool,
    /// What login answers an unconfirmed account.
    pub unconfirmed_login_message: UnconfirmedLoginMessage,
    /// The token services' lockout.
    pub lockout: TokenLockout,
    /// The customer model's lockout.
    pub customer_lockout: CustomerLockout,
    /// Password rules.
    pub password_policy: PasswordPolicy,
    /// Reset token lifetime in seconds (`customer/password/reset_link_expiration_period`, 2 h).
    pub reset_token_ttl: i64,
    /// Password-reset request protection.
    pub reset_throttle: ResetThrottle,
    /// `isEmailAvailable` behaviour.
    pub email_availability: EmailAvailability,
    /// Whether `POST /V1/integration/customer/revoke-customer-token` exists (2.4.6+).
    pub revoke_route: bool,
    /// The GraphQL endpoint: the schema version served and the status of
    /// `graphql-authorization` errors.
    pub graphql: GraphqlOptions,
}

impl Default for MagentoOptions {
    fn default() -> Self {
        Self {
            token_format: TokenFormat::Jwt,
            customer_token_ttl: 3600,
            admin_token_ttl: 14_400,
            jwt_secret: None,
            admin_username: "admin".to_owned(),
            admin_password: "Admin123!".to_owned(),
            confirmation_required: false,
            unconfirmed_login_message: UnconfirmedLoginMessage::Specific,
            lockout: TokenLockout::default(),
            customer_lockout: CustomerLockout::default(),
            password_policy: PasswordPolicy::default(),
            reset_token_ttl: 7200,
            reset_throttle: ResetThrottle::default(),
            email_availability: EmailAvailability::Since247,
            revoke_route: true,
            graphql: GraphqlOptions::default(),
        }
    }
}

impl std::fmt::Debug for MagentoOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MagentoOptions")
            .field("token_format", &self.token_format)
            .field("customer_token_ttl", &self.customer_token_ttl)
            .field(
                "jwt_secret",
                &self.jwt_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("admin_username", &self.admin_username)
            .field("confirmation_required", &self.confirmation_required)
            .field("lockout", &self.lockout)
            .field("customer_lockout", &self.customer_lockout)
            .field("password_policy", &self.password_policy)
            .field("reset_throttle", &self.reset_throttle)
            .field("graphql", &self.graphql)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_names_are_the_documented_ones() {
        let json = serde_json::to_value(MagentoOptions::default()).expect("serialises");
        assert_eq!(json["token_format"], "jwt");
        assert_eq!(json["email_availability"], "2_4_7");
        assert_eq!(json["unconfirmed_login_message"], "specific");
        assert_eq!(json["lockout"]["max_failures"], 6);
        assert_eq!(json["reset_throttle"]["enabled"], false);
        let legacy: EmailAvailability = serde_json::from_str("\"legacy\"").expect("parses");
        assert_eq!(legacy, EmailAvailability::Legacy);
    }
}
