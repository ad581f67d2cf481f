//! Refresh tokens (spec §3): opaque `def50200…` hex strings as long as seed 003's (2,952
//! characters, the size of league's encrypted payload), a month by default, spent by a refresh
//! when rotation is on. Only their digests are kept; revoking deletes the row.

use crate::random;
use rand::Rng;
use std::collections::{HashMap, VecDeque};

/// The version prefix of defuse/php-encryption ciphertexts.
const PREFIX: &str = "def50200";
/// Length of a token, seed 003's.
const TOKEN_LENGTH: usize = 2952;
/// Most tokens kept across all customers (the oldest go first), so that memory stays bounded
/// under login benchmarks.
const MAX_TOKENS: usize = 50_000;

/// What a live token stands for.
struct Row {
    customer_id: u64,
    expires_at: i64,
}

/// Every live refresh token.
#[derive(Default)]
pub(crate) struct RefreshTokens {
    rows: HashMap<[u8; 32], Row>,
    order: VecDeque<[u8; 32]>,
}

/// A new token: the prefix and random lower-case hex.
fn new_token(rng: &mut impl Rng) -> String {
    const HEX: &[u8] = b"0123456789abcdef";
    let mut token = String::with_capacity(TOKEN_LENGTH);
    token.push_str(PREFIX);
    while token.len() < TOKEN_LENGTH {
        let byte: u8 = rng.random();
        token.push(char::from(HEX[usize::from(byte >> 4)]));
        token.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    token
}

impl RefreshTokens {
    /// Issues a token for the customer, live until `expires_at`.
    pub(crate) fn issue(
        &mut self,
        customer_id: u64,
        expires_at: i64,
        rng: &mut impl Rng,
    ) -> String {
        let token = new_token(rng);
        let digest = random::token_digest(&token);
        self.rows.insert(
            digest,
            Row {
                customer_id,
                expires_at,
            },
        );
        self.order.push_back(digest);
        while self.rows.len() > MAX_TOKENS {
            match self.order.pop_front() {
                Some(oldest) => {
                    self.rows.remove(&oldest);
                }
                None => break,
            }
        }
        if self.order.len() > self.rows.len().saturating_mul(2).max(64) {
            let rows = &self.rows;
            self.order.retain(|digest| rows.contains_key(digest));
        }
        token
    }

    /// The customer of a live token at `now`; with `spend` the token is used up. An expired
    /// token is dropped.
    pub(crate) fn redeem(&mut self, token: &str, now: i64, spend: bool) -> Option<u64> {
        let digest = random::token_digest(token);
        let row = self.rows.get(&digest)?;
        let (customer_id, live) = (row.customer_id, now < row.expires_at);
        if spend || !live {
            self.rows.remove(&digest);
        }
        live.then_some(customer_id)
    }

    /// Revokes a token if it is the customer's (anyone else's is left alone).
    pub(crate) fn revoke(&mut self, token: &str, customer_id: u64) {
        let digest = random::token_digest(token);
        if self
            .rows
            .get(&digest)
            .is_some_and(|row| row.customer_id == customer_id)
        {
            self.rows.remove(&digest);
        }
    }

    /// Revokes every token of the customer.
    pub(crate) fn revoke_all(&mut self, customer_id: u64) {
        self.rows.retain(|_, row| row.customer_id != customer_id);
    }

    /// Forgets every token.
    pub(crate) fn clear(&mut self) {
        self.rows.clear();
        self.order.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn tokens_look_like_leagues_and_are_seed_sized() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let token = new_token(&mut rng);
        assert_eq!(token.len(), TOKEN_LENGTH);
        assert!(token.starts_with("def50200"));
        assert!(
            token
                .bytes()
                .all(|byte| byte.is_ascii_hexdigit() && !byte.is_ascii_uppercase())
        );
    }

    #[test]
    fn redeeming_spends_with_rotation_and_expiry_is_exclusive() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2);
        let mut tokens = RefreshTokens::default();
        let kept = tokens.issue(7, 100, &mut rng);
        assert_eq!(tokens.redeem(&kept, 99, false), Some(7));
        assert_eq!(
            tokens.redeem(&kept, 99, false),
            Some(7),
            "no rotation: still live"
        );
        assert_eq!(
            tokens.redeem(&kept, 100, false),
            None,
            "expired at `expires_at`"
        );
        assert_eq!(tokens.redeem(&kept, 1, false), None, "and dropped");
        let spent = tokens.issue(7, 100, &mut rng);
        assert_eq!(tokens.redeem(&spent, 1, true), Some(7));
        assert_eq!(tokens.redeem(&spent, 1, true), None);
        assert_eq!(tokens.redeem("def50200", 1, true), None);
    }

    #[test]
    fn revoking_touches_only_the_owners_tokens() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let mut tokens = RefreshTokens::default();
        let mine = tokens.issue(1, 100, &mut rng);
        let theirs = tokens.issue(2, 100, &mut rng);
        tokens.revoke(&theirs, 1);
        assert_eq!(tokens.redeem(&theirs, 0, false), Some(2));
        tokens.revoke(&mine, 1);
        assert_eq!(tokens.redeem(&mine, 0, false), None);
        let again = tokens.issue(2, 100, &mut rng);
        tokens.revoke_all(2);
        assert_eq!(tokens.redeem(&again, 0, false), None);
        assert_eq!(tokens.redeem(&theirs, 0, false), None);
    }
}
