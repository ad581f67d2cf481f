//! Refresh tokens (24 base58 characters) and stateless password-reset tokens.

use crate::random;
use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Length of a refresh token (Rails `has_secure_token`).
const REFRESH_TOKEN_LENGTH: usize = 24;

/// A new random refresh token: 24 base58 characters.
pub(crate) fn new_refresh_token(rng: &mut impl Rng) -> String {
    random::string_from(random::BASE58, REFRESH_TOKEN_LENGTH, rng)
}

/// The lookup key of a refresh token (its SHA-256), so that lookups never compare secrets.
pub(crate) fn refresh_token_digest(token: &str) -> [u8; 32] {
    random::token_digest(token)
}

/// What a reset token proves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResetClaims {
    /// Internal customer id.
    pub(crate) customer_id: u64,
    /// Fingerprint of the password at issue time.
    pub(crate) fingerprint: String,
    /// Expiry, unix seconds.
    pub(crate) expires_at: i64,
}

/// Signs and verifies reset tokens: `base64url(payload)--base64url_padded(hmac)`.
///
/// The padded 32-byte MAC always ends in `=`, a character careful clients percent-encode;
/// the URL-safe alphabet never yields `/`.
pub(crate) struct ResetTokenSigner {
    key: Vec<u8>,
}

impl ResetTokenSigner {
    /// A signer with a key derived from `secret`.
    pub(crate) fn new(secret: &[u8]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(b"password_reset:");
        hasher.update(secret);
        Self {
            key: hasher.finalize().to_vec(),
        }
    }

    fn mac(&self, payload: &str) -> Vec<u8> {
        let mut mac = match Hmac::<Sha256>::new_from_slice(&self.key) {
            Ok(mac) => mac,
            Err(_) => return Vec::new(),
        };
        mac.update(payload.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// The fingerprint that reset tokens embed for a stored password digest: a keyed hash
    /// (60 bits), so that it changes with every password change and reveals nothing of the
    /// digest. Rails embeds the last 10 characters of the BCrypt salt instead.
    pub(crate) fn password_fingerprint(&self, password_digest: &str) -> String {
        let mac = self.mac(&format!("password_fingerprint:{password_digest}"));
        let mut fingerprint = URL_SAFE_NO_PAD.encode(mac);
        fingerprint.truncate(10);
        fingerprint
    }

    /// A token for these claims.
    pub(crate) fn sign(&self, claims: &ResetClaims) -> String {
        let payload_json = serde_json::json!({
            "cid": claims.customer_id,
            "fp": claims.fingerprint,
            "exp": claims.expires_at,
        })
        .to_string();
        let payload = URL_SAFE_NO_PAD.encode(payload_json);
        let signature = URL_SAFE.encode(self.mac(&payload));
        format!("{payload}--{signature}")
    }

    /// The claims of a genuine token (expiry and fingerprint are checked by the caller).
    pub(crate) fn verify(&self, token: &str) -> Option<ResetClaims> {
        let (payload, signature) = token.split_once("--")?;
        let given = URL_SAFE.decode(signature).ok()?;
        let expected = self.mac(payload);
        if expected.is_empty() || !bool::from(given.as_slice().ct_eq(expected.as_slice())) {
            return None;
        }
        let json: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        Some(ResetClaims {
            customer_id: json.get("cid")?.as_u64()?,
            fingerprint: json.get("fp")?.as_str()?.to_owned(),
            expires_at: json.get("exp")?.as_i64()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn refresh_tokens_are_24_base58_chars() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        for _ in 0..100 {
            let token = new_refresh_token(&mut rng);
            assert_eq!(token.len(), 24);
            assert!(token.bytes().all(|byte| random::BASE58.contains(&byte)));
        }
    }

    #[test]
    fn reset_tokens_round_trip_and_contain_equals_but_no_slash() {
        let signer = ResetTokenSigner::new(b"secret");
        let claims = ResetClaims {
            customer_id: 42,
            fingerprint: "abcdefghij".into(),
            expires_at: 1_900_000_000,
        };
        let token = signer.sign(&claims);
        assert!(token.contains('='));
        assert!(!token.contains('/'));
        assert!(!token.contains('+'));
        assert_eq!(signer.verify(&token), Some(claims));
    }

    #[test]
    fn password_fingerprints_are_keyed_and_hide_the_digest() {
        let digest = "$pbkdf2-sha256$i=16,l=32$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
        let signer = ResetTokenSigner::new(b"secret");
        let fingerprint = signer.password_fingerprint(digest);
        assert_eq!(fingerprint.len(), 10);
        assert_eq!(fingerprint, signer.password_fingerprint(digest));
        assert!(!digest.contains(&fingerprint));
        assert_ne!(
            fingerprint,
            ResetTokenSigner::new(b"other").password_fingerprint(digest)
        );
        assert_ne!(
            fingerprint,
            signer.password_fingerprint("$pbkdf2-sha256$other")
        );
    }

    #[test]
    fn tampered_reset_tokens_fail() {
        let signer = ResetTokenSigner::new(b"secret");
        let token = signer.sign(&ResetClaims {
            customer_id: 1,
            fingerprint: "x".into(),
            expires_at: 5,
        });
        let mut tampered = token.clone();
        tampered.insert(0, 'A');
        assert_eq!(signer.verify(&tampered), None);
        assert_eq!(ResetTokenSigner::new(b"other").verify(&token), None);
        assert_eq!(signer.verify("no-separator"), None);
    }
}
