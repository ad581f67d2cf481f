//! Spryker's own options (`MockOptions::spryker`, the `"spryker"` object of a config), with the
//! names agreed in `spryker-options.md`: the running legacy Glue of spec §9 by default.

use serde::{Deserialize, Serialize};

/// The password rules registration, restore and change apply (spec §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SprykerPasswordPolicy {
    /// The module YAML: 12–128 characters with upper, lower, digit and special character.
    #[default]
    Module,
    /// The B2C demo shop override: 8–64 characters, no character classes.
    Demo,
    /// No Glue length rules; the Zed core policy (1–128) answers `418`/`419`.
    Core,
}

/// The wording of code `400` (email already in use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateEmailMessage {
    /// Since 2022-09: the deliberately vague sentence about a password reset link.
    #[default]
    Current,
    /// Before 2022-09: `Customer with this email already exists.`
    Legacy,
}

/// The HTTP status of the `003` refusal of an unconfirmed customer (double opt-in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(try_from = "u16", into = "u16")]
pub enum UnconfirmedLoginStatus {
    /// 403, as seed 003 documents.
    #[default]
    Forbidden,
    /// 401, as the code answers.
    Unauthorized,
}

impl UnconfirmedLoginStatus {
    /// The status code.
    pub fn status(self) -> u16 {
        match self {
            Self::Forbidden => 403,
            Self::Unauthorized => 401,
        }
    }
}

impl TryFrom<u16> for UnconfirmedLoginStatus {
    type Error = String;

    fn try_from(status: u16) -> Result<Self, Self::Error> {
        match status {
            403 => Ok(Self::Forbidden),
            401 => Ok(Self::Unauthorized),
            other => Err(format!(
                "unconfirmed_login_status must be 403 or 401, not {other}"
            )),
        }
    }
}

impl From<UnconfirmedLoginStatus> for u16 {
    fn from(status: UnconfirmedLoginStatus) -> Self {
        status.status()
    }
}

/// Every Spryker-only knob. `Default` is legacy Glue with the module defaults.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SprykerOptions {
    /// Access-token (RS256 JWT) lifetime in seconds of the mock clock (`expiresIn`).
    pub access_token_ttl: i64,
    /// Refresh-token lifetime in seconds.
    pub refresh_token_ttl: i64,
    /// Whether a refresh spends the refresh token it used.
    pub rotation: bool,
    /// Whether registration needs confirming through `POST /customer-confirmation`.
    pub double_opt_in: bool,
    /// Status of the `003` login refusal of an unconfirmed customer (403 or 401).
    pub unconfirmed_login_status: UnconfirmedLoginStatus,
    /// Password rules.
    pub password_policy: SprykerPasswordPolicy,
    /// Restore-key lifetime in seconds; `None`: keys never expire (the module default).
    pub restore_key_ttl: Option<i64>,
    /// SecurityBlocker: `4401`/429 after repeated failed logins from one address.
    pub security_blocker: bool,
    /// Wording of code `400`.
    pub duplicate_email_message: DuplicateEmailMessage,
    /// The API Platform variant (2026) instead of legacy Glue: a foreign reference on
    /// `GET /customers/{ref}` is 404, `410` is 422, the API Platform validation files apply and
    /// `POST /customers/{ref}/confirm-registration` exists.
    pub api_platform: bool,
    /// RS256 signing key, PEM (PKCS#8 or PKCS#1, 2048–8192 bits); `None`: the embedded mock key.
    pub private_key_pem: Option<String>,
    /// Seeds the demo-shop customer `sonia@spryker.com` / `change123` (`DE--21`) at start and
    /// on every reset; changes no other option.
    pub demo_data: bool,
}

impl Default for SprykerOptions {
    fn default() -> Self {
        Self {
            access_token_ttl: 28_800,
            refresh_token_ttl: 2_628_000,
            rotation: true,
            double_opt_in: false,
            unconfirmed_login_status: UnconfirmedLoginStatus::Forbidden,
            password_policy: SprykerPasswordPolicy::Module,
            restore_key_ttl: None,
            security_blocker: false,
            duplicate_email_message: DuplicateEmailMessage::Current,
            api_platform: false,
            private_key_pem: None,
            demo_data: false,
        }
    }
}

impl std::fmt::Debug for SprykerOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SprykerOptions")
            .field("access_token_ttl", &self.access_token_ttl)
            .field("refresh_token_ttl", &self.refresh_token_ttl)
            .field("rotation", &self.rotation)
            .field("double_opt_in", &self.double_opt_in)
            .field("password_policy", &self.password_policy)
            .field("api_platform", &self.api_platform)
            .field(
                "private_key_pem",
                &self.private_key_pem.as_ref().map(|_| "<redacted>"),
            )
            .field("demo_data", &self.demo_data)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_defaults_match_the_agreed_table() {
        let json = serde_json::to_value(SprykerOptions::default()).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!({
                "access_token_ttl": 28800,
                "refresh_token_ttl": 2628000,
                "rotation": true,
                "double_opt_in": false,
                "unconfirmed_login_status": 403,
                "password_policy": "module",
                "restore_key_ttl": null,
                "security_blocker": false,
                "duplicate_email_message": "current",
                "api_platform": false,
                "private_key_pem": null,
                "demo_data": false
            })
        );
    }

    #[test]
    fn the_unconfirmed_status_is_403_or_401() {
        let parsed: SprykerOptions =
            serde_json::from_value(serde_json::json!({"unconfirmed_login_status": 401}))
                .expect("401 is accepted");
        assert_eq!(parsed.unconfirmed_login_status.status(), 401);
        let refused = serde_json::from_value::<SprykerOptions>(
            serde_json::json!({"unconfirmed_login_status": 500}),
        );
        assert!(refused.is_err());
        let policy: SprykerOptions =
            serde_json::from_value(serde_json::json!({"password_policy": "core"}))
                .expect("core is a preset");
        assert_eq!(policy.password_policy, SprykerPasswordPolicy::Core);
    }
}
