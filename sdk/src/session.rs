//! The session as the client holds it: tokens, expiry estimates and the
//! versioned record kept in the token store (token-lifecycle.md §3, §6).

use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::json::{Json, JsonObject};
use crate::jwt;
use crate::secret::{AccessToken, RefreshToken};

/// When the access token stops working, as two independent estimates
/// (TL-3.1, TL-3.4): a deadline on the monotonic clock (absent after a
/// restore from storage) and a wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Expiry {
    pub ttl: Duration,
    pub deadline_monotonic: Option<Duration>,
    pub expires_at_ms: i64,
    pub received_at_ms: i64,
}

impl Expiry {
    /// An expiry `ttl` after receipt.
    pub fn from_receipt(ttl: Duration, now_monotonic: Duration, now_wall_ms: i64) -> Self {
        Self {
            ttl,
            deadline_monotonic: Some(now_monotonic + ttl),
            expires_at_ms: now_wall_ms.saturating_add(ttl.as_millis() as i64),
            received_at_ms: now_wall_ms,
        }
    }

    /// What is left by the more pessimistic of the two estimates.
    pub fn remaining(&self, now_monotonic: Duration, now_wall_ms: i64) -> Duration {
        let by_wall =
            Duration::from_millis(self.expires_at_ms.saturating_sub(now_wall_ms).max(0) as u64);
        match self.deadline_monotonic {
            Some(deadline) => deadline.saturating_sub(now_monotonic).min(by_wall),
            None => by_wall,
        }
    }
}

/// The tokens of a signed-in session.
#[derive(Debug, Clone)]
pub(crate) struct Tokens {
    pub access: AccessToken,
    pub refresh: Option<RefreshToken>,
    /// When the access token expires; `None` when it never does (Bagisto).
    pub expiry: Option<Expiry>,
    /// When the tokens were received (Unix ms).
    pub received_at_ms: i64,
    /// The backend's id of the customer, as paths need it.
    pub subject: Option<String>,
}

impl Tokens {
    /// What is left of the access token's life; `None` when it never expires.
    pub fn remaining(&self, now_monotonic: Duration, now_wall_ms: i64) -> Option<Duration> {
        self.expiry
            .map(|expiry| expiry.remaining(now_monotonic, now_wall_ms))
    }

    /// When the access token expires (Unix ms), if it does.
    pub fn expires_at_ms(&self) -> Option<i64> {
        self.expiry.map(|expiry| expiry.expires_at_ms)
    }
}

/// `exp` and `iat` of an unverified JWT payload.
struct TimeClaims {
    exp: Option<i64>,
    iat: Option<i64>,
}

fn jwt_time_claims(token: &AccessToken) -> Option<TimeClaims> {
    let json = jwt::payload(token.expose_secret())?;
    let claims = json.as_object()?;
    let time = TimeClaims {
        exp: claims.optional_i64("exp"),
        iat: claims.optional_i64("iat"),
    };
    claims.finish(time)
}

/// When an access token expires by its own `exp` claim (Unix seconds), if
/// it is a JWT that has one.
pub(crate) fn jwt_expires_at(token: &AccessToken) -> Option<i64> {
    jwt_time_claims(token)?.exp
}

/// The access token's lifetime at receipt (TL-3.2): `expires_in`, else
/// `exp − iat`, else `exp − Date`, else the backend's default; clamped to
/// `[0, max]`. `None` means the token does not expire.
pub(crate) fn token_ttl(
    expires_in: Option<Duration>,
    token: &AccessToken,
    server_date_ms: Option<i64>,
    default_ttl: Option<Duration>,
    max_ttl: Duration,
) -> Option<Duration> {
    let claims = jwt_time_claims(token);
    let from_claims = claims.as_ref().and_then(|claims| {
        let exp = claims.exp?;
        match (claims.iat, server_date_ms) {
            (Some(iat), _) => Some(exp.saturating_sub(iat)),
            (None, Some(date_ms)) => Some(exp.saturating_sub(date_ms.div_euclid(1000))),
            (None, None) => None,
        }
    });
    let ttl = expires_in
        .or_else(|| from_claims.map(|seconds| Duration::from_secs(seconds.max(0) as u64)))
        .or(default_ttl)?;
    Some(ttl.min(max_ttl))
}

/// The `Idempotency-Key` of a refresh, derived from the refresh token so that
/// every retry, tab and process spending the same token presents the same key
/// (TL-4.4).
pub(crate) fn refresh_idempotency_key(refresh_token: &RefreshToken) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(refresh_token.expose_secret().as_bytes());
    let mut key = String::from("refresh-");
    for byte in &digest[..16] {
        key.push(char::from(HEX[usize::from(byte >> 4)]));
        key.push(char::from(HEX[usize::from(byte & 15)]));
    }
    key
}

/// The versioned session record of TL-6.1 (`expires_at_ms` is `null` for
/// tokens that never expire; `user_id` holds the backend's id of the
/// customer as paths need it).
pub(crate) struct StoredSession {
    pub v: u32,
    pub backend: String,
    pub access: String,
    pub refresh: Option<String>,
    pub token_type: String,
    pub expires_at_ms: Option<i64>,
    pub received_at_ms: i64,
    pub user_id: Option<String>,
}

/// The record format version this SDK writes and reads.
const RECORD_VERSION: u32 = 1;

impl StoredSession {
    pub fn from_tokens(tokens: &Tokens, backend: &str) -> Self {
        Self {
            v: RECORD_VERSION,
            backend: backend.to_owned(),
            access: tokens.access.expose_secret().to_owned(),
            refresh: tokens
                .refresh
                .as_ref()
                .map(|t| t.expose_secret().to_owned()),
            token_type: "Bearer".into(),
            expires_at_ms: tokens.expires_at_ms(),
            received_at_ms: tokens.received_at_ms,
            user_id: tokens.subject.clone(),
        }
    }

    /// The record's JSON text.
    pub fn to_json(&self) -> String {
        JsonObject::new()
            .field("v", &self.v)
            .field("backend", &self.backend)
            .field("access", &self.access)
            .field("refresh", &self.refresh)
            .field("token_type", &self.token_type)
            .field("expires_at_ms", &self.expires_at_ms)
            .field("received_at_ms", &self.received_at_ms)
            .field("user_id", &self.user_id)
            .finish()
    }

    /// Parses a stored record; `None` for anything unusable (TL-6.7).
    pub fn parse(raw: &str, backend: &str) -> Option<Tokens> {
        let json = Json::parse(raw.as_bytes())?;
        let fields = json.as_object()?;
        let record = StoredSession {
            v: fields.u32("v"),
            backend: fields.string("backend"),
            access: fields.string("access"),
            refresh: fields.optional_string("refresh"),
            token_type: fields.string("token_type"),
            expires_at_ms: fields.optional_i64("expires_at_ms"),
            received_at_ms: fields.i64("received_at_ms"),
            user_id: fields.optional_string("user_id"),
        };
        let record = fields.finish(record)?;
        if record.v != RECORD_VERSION || record.backend != backend || record.access.is_empty() {
            return None;
        }
        Some(Tokens {
            access: AccessToken::new(record.access),
            refresh: record
                .refresh
                .filter(|t| !t.is_empty())
                .map(RefreshToken::new),
            expiry: record.expires_at_ms.map(|expires_at_ms| Expiry {
                ttl: Duration::from_millis(
                    expires_at_ms.saturating_sub(record.received_at_ms).max(0) as u64,
                ),
                deadline_monotonic: None,
                expires_at_ms,
                received_at_ms: record.received_at_ms,
            }),
            received_at_ms: record.received_at_ms,
            subject: record.user_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use super::*;

    fn jwt(payload: &str) -> AccessToken {
        AccessToken::new(format!(
            "eyJhbGciOiJIUzI1NiJ9.{}.sig",
            URL_SAFE_NO_PAD.encode(payload)
        ))
    }

    const HOUR: Duration = Duration::from_secs(3600);
    const DAY: Duration = Duration::from_secs(86_400);

    #[test]
    fn ttl_prefers_expires_in_then_claims_then_date_then_default() {
        let spree = jwt(r#"{"user_id":1,"exp":1000}"#);
        assert_eq!(
            token_ttl(Some(Duration::from_secs(60)), &spree, None, Some(HOUR), DAY),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            token_ttl(
                None,
                &jwt(r#"{"exp":1000,"iat":400}"#),
                None,
                Some(HOUR),
                DAY
            ),
            Some(Duration::from_secs(600))
        );
        assert_eq!(
            token_ttl(None, &spree, Some(900_000), Some(HOUR), DAY),
            Some(Duration::from_secs(100))
        );
        assert_eq!(token_ttl(None, &spree, None, Some(HOUR), DAY), Some(HOUR));
        assert_eq!(
            token_ttl(None, &AccessToken::new("opaque"), None, None, DAY),
            None
        );
    }

    #[test]
    fn ttl_is_clamped() {
        let far = jwt(r#"{"exp":99999999999,"iat":0}"#);
        assert_eq!(token_ttl(None, &far, None, None, DAY), Some(DAY));
        let past = jwt(r#"{"exp":10,"iat":20}"#);
        assert_eq!(
            token_ttl(None, &past, None, None, DAY),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn remaining_takes_the_more_pessimistic_estimate() {
        let expiry = Expiry::from_receipt(HOUR, Duration::ZERO, 0);
        // Monotonic time paused (system sleep) while wall time moved on.
        assert_eq!(
            expiry.remaining(Duration::from_secs(10), 3_000_000),
            Duration::from_secs(600)
        );
        assert_eq!(
            expiry.remaining(Duration::from_secs(3000), 0),
            Duration::from_secs(600)
        );
    }

    #[test]
    fn refresh_key_is_stable_per_token() {
        let key = refresh_idempotency_key(&RefreshToken::new("LQgQuH8rdUfM5EEX3L72Jmfv"));
        assert_eq!(
            key,
            refresh_idempotency_key(&RefreshToken::new("LQgQuH8rdUfM5EEX3L72Jmfv"))
        );
        assert_ne!(key, refresh_idempotency_key(&RefreshToken::new("other")));
        // The first 16 bytes of SHA-256("abc"), in lower-case hex.
        assert_eq!(
            refresh_idempotency_key(&RefreshToken::new("abc")),
            "refresh-ba7816bf8f01cfea414140de5dae2223"
        );
        assert_eq!(key.len(), "refresh-".len() + 32);
    }

    #[test]
    fn unusable_records_are_rejected() {
        for raw in [
            "not json",
            r#"{"v":2,"backend":"spree","access":"a","refresh":null,"token_type":"Bearer","expires_at_ms":1,"received_at_ms":0,"user_id":null}"#,
            r#"{"v":1,"backend":"magento","access":"a","refresh":null,"token_type":"Bearer","expires_at_ms":1,"received_at_ms":0,"user_id":null}"#,
            r#"{"v":1,"backend":"spree"}"#,
        ] {
            assert!(StoredSession::parse(raw, "spree").is_none(), "{raw}");
        }
    }
}
