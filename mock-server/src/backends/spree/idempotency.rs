//! `Idempotency-Key` replay cache (spec §2.11), bounded and driven by the mock clock.

use crate::http::ApiResponse;
use crate::options::IdempotencyScope;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};

/// A cached action response.
#[derive(Debug, Clone)]
pub(crate) struct CachedResponse {
    /// Status.
    pub(crate) status: u16,
    /// Body.
    pub(crate) body: Vec<u8>,
    /// Content type, if any.
    pub(crate) content_type: Option<String>,
    fingerprint: [u8; 32],
    expires_at: i64,
}

/// The outcome of looking a key up.
#[derive(Debug)]
pub(crate) enum Lookup {
    /// Not seen (or expired): execute and store.
    Miss,
    /// Same request: replay this.
    Replay(CachedResponse),
    /// Same key, different request.
    Reused,
}

/// Whose cached answers a request may see: the rule is the same for every backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope<'a> {
    /// An authenticated caller (e.g. a customer id) sees only its own entries, so an answer
    /// never crosses from one customer to another.
    Principal(&'a str),
    /// No authenticated caller: entries are shared by key, and an entry is replayed only to an
    /// identical request (same fingerprint), whose body carries its own credential; any other
    /// request with the key learns only that the key is taken.
    Anonymous,
}

impl<'a> Scope<'a> {
    /// The scope of a request under the `idempotency_scope` option, for the authenticated
    /// `principal` if any (`IdempotencyScope::ApiKey` shares every entry by key, as Spree does).
    pub(crate) fn of(setting: IdempotencyScope, principal: Option<&'a str>) -> Self {
        match (setting, principal) {
            (IdempotencyScope::Customer, Some(principal)) => Scope::Principal(principal),
            _ => Scope::Anonymous,
        }
    }
}

/// Cache key: `SHA256(owner) + SHA256(scope + key)` (Spree: `SHA256(owner) + SHA256(key)`).
pub(crate) type CacheKey = [u8; 64];

/// The cache key of `key` for `owner` (the API key) within `scope`.
pub(crate) fn cache_key(owner: &str, scope: &Scope<'_>, key: &str) -> CacheKey {
    let mut scoped = Sha256::new();
    if let Scope::Principal(principal) = scope {
        // length-prefixed, so that no principal and key pair can collide with another
        scoped.update(b"principal:");
        scoped.update((principal.len() as u64).to_be_bytes());
        scoped.update(principal.as_bytes());
    }
    scoped.update(key.as_bytes());
    let mut combined = [0u8; 64];
    combined[..32].copy_from_slice(&Sha256::digest(owner.as_bytes()));
    combined[32..].copy_from_slice(&scoped.finalize());
    combined
}

/// `SHA256("<METHOD>:<path>:<raw body>")`.
pub(crate) fn fingerprint(method: &str, path: &str, body: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(method.as_bytes());
    hasher.update(b":");
    hasher.update(path.as_bytes());
    hasher.update(b":");
    hasher.update(body);
    hasher.finalize().into()
}

/// The bounded cache (oldest entries evicted first).
#[derive(Debug, Default)]
pub(crate) struct IdempotencyCache {
    entries: HashMap<CacheKey, CachedResponse>,
    order: VecDeque<CacheKey>,
}

impl IdempotencyCache {
    /// Looks `key` up at `now`.
    pub(crate) fn lookup(&mut self, key: &CacheKey, fingerprint: &[u8; 32], now: i64) -> Lookup {
        match self.entries.get(key) {
            Some(entry) if entry.expires_at <= now => {
                self.entries.remove(key);
                Lookup::Miss
            }
            Some(entry) if &entry.fingerprint == fingerprint => Lookup::Replay(entry.clone()),
            Some(_) => Lookup::Reused,
            None => Lookup::Miss,
        }
    }

    /// Stores a response until `expires_at` (callers only store statuses below 500).
    pub(crate) fn store(
        &mut self,
        key: CacheKey,
        fingerprint: [u8; 32],
        response: &ApiResponse,
        expires_at: i64,
        capacity: usize,
    ) {
        let entry = CachedResponse {
            status: response.status,
            body: response.body.clone(),
            content_type: response.content_type.clone(),
            fingerprint,
            expires_at,
        };
        if self.entries.insert(key, entry).is_none() {
            self.order.push_back(key);
        }
        while self.entries.len() > capacity.max(1) {
            match self.order.pop_front() {
                Some(oldest) => {
                    self.entries.remove(&oldest);
                }
                None => break,
            }
        }
        if self.order.len() > self.entries.len().saturating_mul(2).max(16) {
            let entries = &self.entries;
            self.order.retain(|key| entries.contains_key(key));
        }
    }

    /// Forgets everything.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
        self.order.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::ResponseOrigin;

    fn response(status: u16) -> ApiResponse {
        ApiResponse::json(status, b"x".to_vec(), ResponseOrigin::Action)
    }

    #[test]
    fn replay_reuse_and_expiry() {
        let mut cache = IdempotencyCache::default();
        let key = cache_key("pk_test", &Scope::Anonymous, "k1");
        let print = fingerprint("POST", "/a", b"{}");
        assert!(matches!(cache.lookup(&key, &print, 0), Lookup::Miss));
        cache.store(key, print, &response(201), 100, 10);
        assert!(matches!(cache.lookup(&key, &print, 50), Lookup::Replay(r) if r.status == 201));
        let other = fingerprint("POST", "/a", b"{ }");
        assert!(matches!(cache.lookup(&key, &other, 50), Lookup::Reused));
        assert!(matches!(cache.lookup(&key, &print, 100), Lookup::Miss));
    }

    #[test]
    fn owners_and_principals_do_not_share_keys() {
        let anonymous = Scope::Anonymous;
        assert_ne!(
            cache_key("pk_a", &anonymous, "k"),
            cache_key("pk_b", &anonymous, "k")
        );
        assert_ne!(
            cache_key("pk", &Scope::Principal("1"), "k"),
            cache_key("pk", &Scope::Principal("2"), "k")
        );
        assert_ne!(
            cache_key("pk", &Scope::Principal("1"), "k"),
            cache_key("pk", &anonymous, "k")
        );
        assert_eq!(
            cache_key("pk", &anonymous, "k"),
            {
                let mut spree = [0u8; 64];
                spree[..32].copy_from_slice(&Sha256::digest(b"pk"));
                spree[32..].copy_from_slice(&Sha256::digest(b"k"));
                spree
            },
            "anonymous keys are Spree's"
        );
    }

    #[test]
    fn capacity_evicts_the_oldest() {
        let mut cache = IdempotencyCache::default();
        let print = fingerprint("POST", "/a", b"");
        for index in 0..5 {
            cache.store(
                cache_key("o", &Scope::Anonymous, &index.to_string()),
                print,
                &response(200),
                100,
                3,
            );
        }
        assert!(matches!(
            cache.lookup(&cache_key("o", &Scope::Anonymous, "0"), &print, 0),
            Lookup::Miss
        ));
        assert!(matches!(
            cache.lookup(&cache_key("o", &Scope::Anonymous, "4"), &print, 0),
            Lookup::Replay(_)
        ));
    }
}
