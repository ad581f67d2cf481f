//! Laravel Sanctum personal access tokens (spec §4): `<id>|<secret>`, where the secret is 40
//! random letters and digits followed by the CRC32 of those 40 in hex. The store keeps the
//! SHA-256 of the secret only and verifies a presented token in full, id and secret.

use crate::random;
use rand::Rng;
use std::collections::BTreeMap;
use subtle::ConstantTimeEq;

/// Random characters of a secret (Sanctum's `Str::random(40)`).
const ENTROPY_LENGTH: usize = 40;
/// Most tokens kept across all customers; the oldest are dropped beyond it so that memory
/// stays bounded under login benchmarks (Sanctum itself keeps every token).
const MAX_TOKENS: usize = 100_000;

/// A token's row: whose it is, the SHA-256 of its secret and when it was issued.
#[derive(Debug, Clone)]
struct TokenRow {
    customer_id: u64,
    digest: [u8; 32],
    created_at: i64,
}

/// A verified token: its row id and its customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bearer {
    /// `personal_access_tokens.id`, the part before `|`.
    pub(crate) token_id: u64,
    /// The customer the token belongs to.
    pub(crate) customer_id: u64,
}

/// The `personal_access_tokens` table.
#[derive(Debug)]
pub(crate) struct TokenStore {
    rows: BTreeMap<u64, TokenRow>,
    next_id: u64,
}

impl Default for TokenStore {
    fn default() -> Self {
        Self {
            rows: BTreeMap::new(),
            next_id: 1,
        }
    }
}

/// CRC-32 (IEEE), as PHP's `hash('crc32b', …)`.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// A new secret: 40 letters and digits, then their CRC32 as 8 lower-case hex digits.
fn new_secret(rng: &mut impl Rng) -> String {
    let entropy = random::string_from(random::ALPHANUMERIC, ENTROPY_LENGTH, rng);
    format!("{entropy}{:08x}", crc32(entropy.as_bytes()))
}

/// The id and secret of `<id>|<secret>`; `None` without a `|` or with an id that is not a
/// number.
fn split(token: &str) -> Option<(u64, &str)> {
    let (id, secret) = token.split_once('|')?;
    if id.is_empty() || !id.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    Some((id.parse().ok()?, secret))
}

impl TokenStore {
    /// Issues a token for the customer at `now` (every login and registration adds one) and
    /// returns its plain text, the only time it exists.
    pub(crate) fn issue(&mut self, customer_id: u64, now: i64, rng: &mut impl Rng) -> String {
        let id = self.next_id;
        self.next_id += 1;
        let secret = new_secret(rng);
        self.rows.insert(
            id,
            TokenRow {
                customer_id,
                digest: random::token_digest(&secret),
                created_at: now,
            },
        );
        while self.rows.len() > MAX_TOKENS {
            self.rows.pop_first();
        }
        format!("{id}|{secret}")
    }

    /// The live token `token` names: its row exists, the SHA-256 of its secret matches (in
    /// constant time) and it is younger than `expiration` seconds, if set.
    pub(crate) fn verify(&self, token: &str, now: i64, expiration: Option<u64>) -> Option<Bearer> {
        let (token_id, secret) = split(token)?;
        let row = self.rows.get(&token_id)?;
        let digest = random::token_digest(secret);
        if !bool::from(row.digest.as_slice().ct_eq(digest.as_slice())) {
            return None;
        }
        if let Some(lifetime) = expiration {
            let age = u64::try_from(now.saturating_sub(row.created_at)).unwrap_or(0);
            if age >= lifetime {
                return None;
            }
        }
        Some(Bearer {
            token_id,
            customer_id: row.customer_id,
        })
    }

    /// Deletes one token.
    pub(crate) fn revoke(&mut self, token_id: u64) {
        self.rows.remove(&token_id);
    }

    /// Deletes every token (ids keep counting, so an old token never names a new row).
    pub(crate) fn clear(&mut self) {
        self.rows.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn rng() -> rand_chacha::ChaCha8Rng {
        rand_chacha::ChaCha8Rng::seed_from_u64(4)
    }

    #[test]
    fn the_suffix_is_php_crc32b() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        // The spec's example tokens carry the same checksum.
        assert_eq!(
            format!("{:08x}", crc32(b"DfkAK11F8qdqtaFVJPvBxlJyNbCSMNl8TFWhWm4G")),
            "5c9660e4"
        );
    }

    #[test]
    fn tokens_look_like_sanctums_and_verify_in_full() {
        let mut store = TokenStore::default();
        let mut rng = rng();
        let first = store.issue(7, 100, &mut rng);
        let second = store.issue(7, 100, &mut rng);
        let (id, secret) = first.split_once('|').expect("id|secret");
        assert_eq!(id, "1");
        assert_eq!(secret.len(), 48);
        assert!(secret[..40].bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_eq!(
            &secret[40..],
            format!("{:08x}", crc32(&secret.as_bytes()[..40]))
        );
        assert!(second.starts_with("2|"));
        let bearer = store.verify(&first, 100, None).expect("valid");
        assert_eq!((bearer.token_id, bearer.customer_id), (1, 7));
        let mut forged = first.clone();
        forged.pop();
        forged.push('x');
        assert_eq!(store.verify(&forged, 100, None), None, "the secret counts");
        assert_eq!(store.verify(&format!("2|{secret}"), 100, None), None);
        assert_eq!(store.verify(secret, 100, None), None, "no id");
        assert_eq!(store.verify(&format!("x{first}"), 100, None), None);
        assert_eq!(store.verify("99999999999999999999999|x", 100, None), None);
        store.revoke(1);
        assert_eq!(store.verify(&first, 100, None), None);
        assert!(
            store.verify(&second, 100, None).is_some(),
            "only one revoked"
        );
    }

    #[test]
    fn tokens_expire_only_with_an_expiration() {
        let mut store = TokenStore::default();
        let token = store.issue(1, 1_000, &mut rng());
        assert!(store.verify(&token, 1_000 + 400 * 86_400, None).is_some());
        assert!(store.verify(&token, 1_059, Some(60)).is_some());
        assert_eq!(store.verify(&token, 1_060, Some(60)), None);
    }

    #[test]
    fn the_oldest_tokens_go_beyond_the_cap() {
        let mut store = TokenStore::default();
        let mut rng = rng();
        let oldest = store.issue(1, 0, &mut rng);
        for _ in 0..MAX_TOKENS {
            store.issue(1, 0, &mut rng);
        }
        assert_eq!(store.rows.len(), MAX_TOKENS);
        assert_eq!(store.verify(&oldest, 0, None), None);
        store.clear();
        assert!(
            store
                .issue(1, 0, &mut rng)
                .starts_with(&format!("{}|", MAX_TOKENS + 2))
        );
    }
}
