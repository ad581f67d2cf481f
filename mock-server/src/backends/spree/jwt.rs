//! Spree access tokens: HS256 JWTs with header `{"alg":"HS256"}` and the claims of spec §5.1.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// Issuer claim.
const ISSUER: &str = "spree";
/// Audience of store tokens.
const AUDIENCE: &str = "store_api";
/// `user_type` of customers.
const CUSTOMER_USER_TYPE: &str = "customer";

/// The claims, in Spree's order.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    user_id: u64,
    user_type: String,
    jti: String,
    iss: String,
    aud: String,
    exp: i64,
}

/// Signs and verifies access tokens with one secret.
pub(crate) struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl JwtKeys {
    /// Keys for an HS256 secret.
    pub(crate) fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[AUDIENCE]);
        validation.set_issuer(&[ISSUER]);
        // Expiry is checked against the mock clock, not the wall clock.
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// Issues a token for `user_id`, expiring at `expires_at` (unix seconds).
    pub(crate) fn issue(&self, user_id: u64, jti: String, expires_at: i64) -> String {
        let header = Header {
            typ: None,
            ..Header::new(Algorithm::HS256)
        };
        let claims = Claims {
            user_id,
            user_type: CUSTOMER_USER_TYPE.to_owned(),
            jti,
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            exp: expires_at,
        };
        jsonwebtoken::encode(&header, &claims, &self.encoding).unwrap_or_default()
    }

    /// The customer's internal id if `token` is a valid, unexpired customer store token at `now`.
    pub(crate) fn verify(&self, token: &str, now: i64) -> Option<u64> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        let claims = data.claims;
        (claims.exp > now && claims.user_type == CUSTOMER_USER_TYPE).then_some(claims.user_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn decode_part(part: &str) -> String {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .expect("base64url");
        String::from_utf8(bytes).expect("utf-8")
    }

    #[test]
    fn header_and_claims_match_spree() {
        let keys = JwtKeys::new(b"secret");
        let token = keys.issue(
            7,
            "5b0c8c1e-0000-4000-8000-000000000000".into(),
            1_785_012_062,
        );
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(decode_part(parts[0]), r#"{"alg":"HS256"}"#);
        assert_eq!(
            decode_part(parts[1]),
            r#"{"user_id":7,"user_type":"customer","jti":"5b0c8c1e-0000-4000-8000-000000000000","iss":"spree","aud":"store_api","exp":1785012062}"#
        );
    }

    #[test]
    fn expiry_uses_the_given_clock_with_zero_leeway() {
        let keys = JwtKeys::new(b"secret");
        let token = keys.issue(1, "j".into(), 1000);
        assert_eq!(keys.verify(&token, 999), Some(1));
        assert_eq!(keys.verify(&token, 1000), None);
    }

    #[test]
    fn admin_tokens_are_ignored_by_the_store() {
        let admin_claims = Claims {
            user_id: 1,
            user_type: "admin".into(),
            jti: "j".into(),
            iss: ISSUER.into(),
            aud: "admin_api".into(),
            exp: i64::MAX,
        };
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &admin_claims,
            &EncodingKey::from_secret(b"secret"),
        )
        .expect("encodes");
        assert_eq!(JwtKeys::new(b"secret").verify(&token, 0), None);
    }

    #[test]
    fn foreign_or_garbage_tokens_are_rejected() {
        let keys = JwtKeys::new(b"secret");
        let other = JwtKeys::new(b"other").issue(1, "j".into(), i64::MAX);
        assert_eq!(keys.verify(&other, 0), None);
        assert_eq!(keys.verify("garbage", 0), None);
        assert_eq!(keys.verify("", 0), None);
    }
}
