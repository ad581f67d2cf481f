//! Bagisto's own options (`MockOptions::bagisto`, the `"bagisto"` object of a config), with the
//! names agreed in `bagisto-options.md`. The defaults are seed 004 and `bagisto-api`'s code as
//! shipped: tokens that never expire, no rate limit, no broker throttle, no list cap.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The window a storefront key's rate limit counts in (spec §1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RateLimitWindow {
    /// The clock hour, as `HasRateLimit::checkHourlyRateLimit` enforces it (the code).
    #[default]
    Hour,
    /// Sixty seconds from the window's first request, as the docs and the config describe it.
    Minute,
}

/// Which password rules registration applies (DISCREPANCIES, Bagisto 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PasswordRules {
    /// Seed 004: at least 8 characters with an upper-case and a lower-case letter, a digit and
    /// a special character.
    #[default]
    Seed,
    /// `CustomerValidator`: `min:6` only.
    Code,
}

/// The status of a profile read without a token (spec §2.7: the package's own tests accept
/// 401, 403 or 500). Written as the number in configs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProfileWithoutTokenStatus {
    /// 401 `Unauthorized` problem JSON (current installs).
    #[default]
    Unauthorized,
    /// 500 `Internal Server Error` problem JSON, as older installs answer.
    ServerError,
}

impl ProfileWithoutTokenStatus {
    /// The HTTP status.
    pub fn status(self) -> u16 {
        match self {
            Self::Unauthorized => 401,
            Self::ServerError => 500,
        }
    }
}

impl Serialize for ProfileWithoutTokenStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.status())
    }
}

impl<'de> Deserialize<'de> for ProfileWithoutTokenStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u16::deserialize(deserializer)? {
            401 => Ok(Self::Unauthorized),
            500 => Ok(Self::ServerError),
            other => Err(serde::de::Error::custom(format!(
                "profile_without_token_status must be 401 or 500, not {other}"
            ))),
        }
    }
}

/// Every Bagisto-only knob.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct BagistoOptions {
    /// Sanctum `expiration` in seconds: a token dies this long after it was issued. `None`
    /// (the default, as shipped): tokens never expire.
    pub token_expiration: Option<u64>,
    /// Requests per window per storefront key; `None` or 0 (the default): no limit and no
    /// `X-RateLimit-*` headers.
    pub rate_limit: Option<u32>,
    /// The window `rate_limit` counts in.
    pub rate_limit_window: RateLimitWindow,
    /// Registration's password rules.
    pub password_rules: PasswordRules,
    /// Seconds before the password broker sends another reset link to the same account
    /// (Laravel's default is 60); 0 (the default): no throttle.
    pub broker_throttle: u64,
    /// Most addresses the REST list returns (the provider's page of 10); `None` (the default):
    /// every address.
    pub address_list_cap: Option<usize>,
    /// The status of a profile read without a token.
    pub profile_without_token_status: ProfileWithoutTokenStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_values_are_the_agreed_ones() {
        let json = serde_json::to_value(BagistoOptions::default()).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!({
                "token_expiration": null,
                "rate_limit": null,
                "rate_limit_window": "hour",
                "password_rules": "seed",
                "broker_throttle": 0,
                "address_list_cap": null,
                "profile_without_token_status": 401
            })
        );
        let options: BagistoOptions = serde_json::from_value(serde_json::json!({
            "rate_limit_window": "minute",
            "password_rules": "code",
            "profile_without_token_status": 500
        }))
        .expect("valid");
        assert_eq!(options.rate_limit_window, RateLimitWindow::Minute);
        assert_eq!(options.password_rules, PasswordRules::Code);
        assert_eq!(
            options.profile_without_token_status,
            ProfileWithoutTokenStatus::ServerError
        );
        for bad in [
            serde_json::json!({"profile_without_token_status": 403}),
            serde_json::json!({"rate_limit_window": "day"}),
            serde_json::json!({"bogus": 1}),
        ] {
            assert!(
                serde_json::from_value::<BagistoOptions>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }
}
