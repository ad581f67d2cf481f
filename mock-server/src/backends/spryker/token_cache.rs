//! Access tokens whose signature already verified, by digest, so that an authenticated request
//! costs one hash instead of one RSA verification. Bounded; emptied when the key changes.

use super::jwt::VerifiedToken;
use std::collections::HashMap;
use std::sync::Arc;

/// Most tokens remembered; beyond it the cache starts over.
const CAPACITY: usize = 10_000;

/// Verified tokens by the SHA-256 of the token.
#[derive(Default)]
pub(crate) struct VerifiedTokens {
    tokens: HashMap<[u8; 32], Arc<VerifiedToken>>,
}

impl VerifiedTokens {
    /// The verified claims of the token with this digest, if seen before.
    pub(crate) fn get(&self, digest: &[u8; 32]) -> Option<Arc<VerifiedToken>> {
        self.tokens.get(digest).cloned()
    }

    /// Remembers a verified token.
    pub(crate) fn insert(&mut self, digest: [u8; 32], token: Arc<VerifiedToken>) {
        if self.tokens.len() >= CAPACITY {
            self.tokens.clear();
        }
        self.tokens.insert(digest, token);
    }

    /// Forgets every token (the key changed).
    pub(crate) fn clear(&mut self) {
        self.tokens.clear();
    }
}
