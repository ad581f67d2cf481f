//! Password hashing shared by every emulated store: PBKDF2-HMAC-SHA256 PHC strings at a
//! configurable (test-fast) number of rounds, constant-time verification, and a dummy hash
//! that logins for unknown emails verify against so that both failures cost the same.

use pbkdf2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use pbkdf2::{Params, Pbkdf2};
use rand::Rng;

/// The password behind every [`DummyHash`].
const DUMMY_PASSWORD: &str = "dummy password";

/// A PBKDF2-HMAC-SHA256 PHC string for `password` with a fresh 16-byte salt from `rng`, at
/// `rounds` rounds (at least one). Empty if hashing fails, which never matches any password.
pub(crate) fn hash_password(password: &str, rounds: u32, rng: &mut impl Rng) -> String {
    let salt_bytes: [u8; 16] = rng.random();
    let Ok(salt) = SaltString::encode_b64(&salt_bytes) else {
        return String::new();
    };
    let params = Params {
        rounds: rounds.max(1),
        output_length: 32,
    };
    Pbkdf2
        .hash_password_customized(password.as_bytes(), None, None, params, &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
}

/// Whether `password` matches the PHC string `hash` (constant-time compare of the digests;
/// false for a malformed hash).
pub(crate) fn password_matches(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|parsed| Pbkdf2.verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A stored hash of a fixed password, for logins whose email is unknown: verifying against it
/// costs as much as verifying a real customer's hash, so timing does not reveal accounts.
#[derive(Debug, Clone)]
pub(crate) struct DummyHash(String);

impl DummyHash {
    /// A dummy hash at `rounds` rounds (draws one salt from `rng`).
    pub(crate) fn new(rounds: u32, rng: &mut impl Rng) -> Self {
        Self(hash_password(DUMMY_PASSWORD, rounds, rng))
    }

    /// The PHC string, for callers that verify outside their state lock.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// Does the work of a failed verification; the result is meaningless and dropped.
    pub(crate) fn burn(&self, password: &str) {
        let _ = password_matches(&self.0, password);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn hashes_verify_and_salts_differ() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let first = hash_password("secret-1", 2, &mut rng);
        let second = hash_password("secret-1", 2, &mut rng);
        assert!(first.starts_with("$pbkdf2-sha256$i=2,l=32$"), "{first}");
        assert_ne!(first, second);
        assert!(password_matches(&first, "secret-1"));
        assert!(!password_matches(&first, "secret-2"));
        assert!(!password_matches("", "secret-1"));
        assert!(!password_matches("not a hash", "secret-1"));
    }

    #[test]
    fn the_dummy_hash_is_a_real_hash() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2);
        let dummy = DummyHash::new(1, &mut rng);
        assert!(password_matches(dummy.as_str(), DUMMY_PASSWORD));
        dummy.burn("anything");
    }
}
