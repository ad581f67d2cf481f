//! Randomness helpers shared by every emulated store: seeded generators, public ids, opaque
//! tokens and UUIDs. Every draw comes from a generator the caller owns, so a fixed
//! `MockOptions::seed` reproduces ids and tokens.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};

/// Letters and digits, the alphabet of public id suffixes.
pub(crate) const ALPHANUMERIC: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/// The base58 alphabet (no `0`, `O`, `I`, `l`), as Rails `has_secure_token` uses.
pub(crate) const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// A generator seeded from `seed` plus `stream` (so that several generators built from one
/// seed differ), or from the OS when there is no seed.
pub(crate) fn seeded_rng(seed: Option<u64>, stream: u64) -> ChaCha8Rng {
    match seed {
        Some(seed) => ChaCha8Rng::seed_from_u64(seed.wrapping_add(stream)),
        None => ChaCha8Rng::from_os_rng(),
    }
}

/// `length` characters drawn uniformly from `alphabet` (which must not be empty).
pub(crate) fn string_from(alphabet: &[u8], length: usize, rng: &mut impl Rng) -> String {
    (0..length)
        .map(|_| char::from(alphabet[rng.random_range(0..alphabet.len())]))
        .collect()
}

/// `prefix` followed by `length` random letters and digits, e.g. `cus_` + 10.
pub(crate) fn prefixed_id(prefix: &str, length: usize, rng: &mut impl Rng) -> String {
    let mut id = String::with_capacity(prefix.len() + length);
    id.push_str(prefix);
    id.push_str(&string_from(ALPHANUMERIC, length, rng));
    id
}

/// A random (version 4) UUID in its hyphenated lower-case form.
pub(crate) fn uuid_v4(rng: &mut impl Rng) -> String {
    let bytes: [u8; 16] = rng.random();
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// The lookup key of a secret token (its SHA-256), so that stores index tokens without keeping
/// or comparing the secrets themselves.
pub(crate) fn token_digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_generators_repeat_and_streams_differ() {
        let draw = |stream| prefixed_id("x_", 10, &mut seeded_rng(Some(9), stream));
        assert_eq!(draw(0), draw(0));
        assert_ne!(draw(0), draw(1));
        let id = draw(0);
        assert_eq!(id.len(), 12);
        assert!(id[2..].bytes().all(|byte| ALPHANUMERIC.contains(&byte)));
    }

    #[test]
    fn uuids_are_version_4() {
        let uuid = uuid_v4(&mut seeded_rng(Some(1), 0));
        assert_eq!(uuid.len(), 36);
        assert_eq!(uuid.as_bytes()[14], b'4');
    }
}
