//! The token services' credentials (spec §4): 2.4.4+ JWTs (header `{"kid":"1","alg":"HS256"}`,
//! claims `uid`, `utypid`, `iat`, `exp`) or pre-2.4.4 opaque tokens, and the revocation
//! instants per user (`revoked before now − 1 s`: every token issued at or before it dies).

use crate::backends::magento::options::TokenFormat;
use crate::random;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;
use std::collections::{HashMap, VecDeque};
use subtle::ConstantTimeEq;

/// The JWT header Magento's issuer writes, in its key order.
const JWT_HEADER: &str = r#"{"kid":"1","alg":"HS256"}"#;
/// Letters and digits of opaque tokens.
const OPAQUE_ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
/// Length of an opaque token.
const OPAQUE_LENGTH: usize = 32;
/// Most opaque tokens kept (the oldest are evicted), so that memory stays bounded.
const MAX_OPAQUE_TOKENS: usize = 50_000;

/// Magento's user types (`UserContextInterface`), as the `utypid` claim carries them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum UserType {
    /// `USER_TYPE_ADMIN` = 2.
    Admin,
    /// `USER_TYPE_CUSTOMER` = 3.
    Customer,
}

impl UserType {
    fn id(self) -> u64 {
        match self {
            Self::Admin => 2,
            Self::Customer => 3,
        }
    }

    fn from_id(id: u64) -> Option<Self> {
        match id {
            2 => Some(Self::Admin),
            3 => Some(Self::Customer),
            _ => None,
        }
    }
}

/// Who a valid token names, and when it was issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TokenOwner {
    /// User type.
    pub(crate) user_type: UserType,
    /// User id (customer or admin).
    pub(crate) user_id: u64,
}

#[derive(Debug, Clone, Copy)]
struct OpaqueRow {
    owner: TokenOwner,
    issued_at: i64,
    expires_at: i64,
}

/// Issues, verifies and revokes tokens.
pub(crate) struct TokenService {
    key: Vec<u8>,
    opaque: HashMap<[u8; 32], OpaqueRow>,
    opaque_order: VecDeque<[u8; 32]>,
    revoked_before: HashMap<(UserType, u64), i64>,
}

impl TokenService {
    /// A service signing JWTs with `key`.
    pub(crate) fn new(key: Vec<u8>) -> Self {
        Self {
            key,
            opaque: HashMap::new(),
            opaque_order: VecDeque::new(),
            revoked_before: HashMap::new(),
        }
    }

    /// Whether JWTs are signed with `key` now.
    pub(crate) fn signs_with(&self, key: &[u8]) -> bool {
        self.key == key
    }

    /// Forgets every opaque token and revocation (the signing key stays).
    pub(crate) fn clear(&mut self) {
        self.opaque.clear();
        self.opaque_order.clear();
        self.revoked_before.clear();
    }

    fn mac(&self, input: &str) -> Vec<u8> {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) else {
            return Vec::new();
        };
        mac.update(input.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// A new token for `owner`, valid for `ttl` seconds from `now`.
    pub(crate) fn issue(
        &mut self,
        owner: TokenOwner,
        now: i64,
        ttl: i64,
        format: TokenFormat,
        rng: &mut impl Rng,
    ) -> String {
        let expires_at = now.saturating_add(ttl);
        match format {
            TokenFormat::Jwt => {
                let claims = format!(
                    r#"{{"uid":{},"utypid":{},"iat":{now},"exp":{expires_at}}}"#,
                    owner.user_id,
                    owner.user_type.id()
                );
                let input = format!(
                    "{}.{}",
                    URL_SAFE_NO_PAD.encode(JWT_HEADER),
                    URL_SAFE_NO_PAD.encode(claims)
                );
                let signature = URL_SAFE_NO_PAD.encode(self.mac(&input));
                format!("{input}.{signature}")
            }
            TokenFormat::Opaque => {
                let token = random::string_from(OPAQUE_ALPHABET, OPAQUE_LENGTH, rng);
                self.store_opaque(
                    &token,
                    OpaqueRow {
                        owner,
                        issued_at: now,
                        expires_at,
                    },
                );
                token
            }
        }
    }

    fn store_opaque(&mut self, token: &str, row: OpaqueRow) {
        let digest = random::token_digest(token);
        self.opaque.insert(digest, row);
        self.opaque_order.push_back(digest);
        while self.opaque.len() > MAX_OPAQUE_TOKENS {
            match self.opaque_order.pop_front() {
                Some(oldest) => {
                    self.opaque.remove(&oldest);
                }
                None => break,
            }
        }
        if self.opaque_order.len() > self.opaque.len().saturating_mul(2).max(64) {
            let live = &self.opaque;
            self.opaque_order.retain(|digest| live.contains_key(digest));
        }
    }

    /// The owner of a token that is genuine, unexpired at `now` and not revoked (either form
    /// is accepted whatever the configured format, as a store upgraded in place does).
    pub(crate) fn verify(&self, token: &str, now: i64) -> Option<TokenOwner> {
        let (owner, issued_at, expires_at) = match token.split('.').collect::<Vec<_>>()[..] {
            [header, claims, signature] => self.verify_jwt(header, claims, signature)?,
            _ => {
                let row = self.opaque.get(&random::token_digest(token))?;
                (row.owner, row.issued_at, row.expires_at)
            }
        };
        let revoked = self
            .revoked_before
            .get(&(owner.user_type, owner.user_id))
            .is_some_and(|before| issued_at <= *before);
        (now < expires_at && !revoked).then_some(owner)
    }

    fn verify_jwt(
        &self,
        header: &str,
        claims: &str,
        signature: &str,
    ) -> Option<(TokenOwner, i64, i64)> {
        let given = URL_SAFE_NO_PAD.decode(signature).ok()?;
        let expected = self.mac(&format!("{header}.{claims}"));
        if expected.is_empty() || !bool::from(given.as_slice().ct_eq(expected.as_slice())) {
            return None;
        }
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).ok()?).ok()?;
        if header.get("alg")?.as_str()? != "HS256" {
            return None;
        }
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).ok()?).ok()?;
        let owner = TokenOwner {
            user_type: UserType::from_id(claims.get("utypid")?.as_u64()?)?,
            user_id: claims.get("uid")?.as_u64()?,
        };
        Some((
            owner,
            claims.get("iat")?.as_i64()?,
            claims.get("exp")?.as_i64()?,
        ))
    }

    /// Revokes every token of the user issued up to the second of the revoke (spec §4.3: a
    /// token issued in the same second "may also be rejected"; the token that asked for the
    /// revoke must die, however new), and drops the user's opaque tokens of that age. A token
    /// issued a second later works.
    pub(crate) fn revoke(&mut self, owner: TokenOwner, now: i64) {
        let before = now;
        self.revoked_before
            .insert((owner.user_type, owner.user_id), before);
        self.opaque
            .retain(|_, row| row.owner != owner || row.issued_at > before);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    const CUSTOMER: TokenOwner = TokenOwner {
        user_type: UserType::Customer,
        user_id: 2,
    };

    fn rng() -> rand_chacha::ChaCha8Rng {
        rand_chacha::ChaCha8Rng::seed_from_u64(1)
    }

    #[test]
    fn jwts_have_magentos_header_and_claims() {
        let mut service = TokenService::new(b"secret".to_vec());
        let token = service.issue(CUSTOMER, 1_700_000_000, 3600, TokenFormat::Jwt, &mut rng());
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts[0], "eyJraWQiOiIxIiwiYWxnIjoiSFMyNTYifQ");
        assert_eq!(
            parts[1],
            "eyJ1aWQiOjIsInV0eXBpZCI6MywiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDM2MDB9"
        );
        assert_eq!(service.verify(&token, 1_700_003_599), Some(CUSTOMER));
        assert_eq!(
            service.verify(&token, 1_700_003_600),
            None,
            "expired at exp"
        );
        assert_eq!(
            TokenService::new(b"other".to_vec()).verify(&token, 1_700_000_000),
            None
        );
        let mut tampered = token.clone();
        tampered.push('A');
        assert_eq!(service.verify(&tampered, 1_700_000_000), None);
        assert_eq!(service.verify("a.b.c", 0), None);
    }

    #[test]
    fn revoke_kills_tokens_issued_up_to_its_second() {
        let mut service = TokenService::new(b"k".to_vec());
        let old = service.issue(CUSTOMER, 100, 3600, TokenFormat::Jwt, &mut rng());
        let same_second = service.issue(CUSTOMER, 101, 3600, TokenFormat::Opaque, &mut rng());
        service.revoke(CUSTOMER, 101);
        assert_eq!(service.verify(&old, 101), None);
        assert_eq!(
            service.verify(&same_second, 101),
            None,
            "the revoking token dies"
        );
        let later = service.issue(CUSTOMER, 102, 3600, TokenFormat::Jwt, &mut rng());
        assert_eq!(service.verify(&later, 102), Some(CUSTOMER));
        let admin = TokenOwner {
            user_type: UserType::Admin,
            user_id: 2,
        };
        let admin_token = service.issue(admin, 100, 3600, TokenFormat::Jwt, &mut rng());
        assert_eq!(
            service.verify(&admin_token, 102),
            Some(admin),
            "per user type"
        );
    }

    #[test]
    fn opaque_tokens_are_32_lowercase_alphanumerics() {
        let mut service = TokenService::new(b"k".to_vec());
        let token = service.issue(CUSTOMER, 0, 10, TokenFormat::Opaque, &mut rng());
        assert_eq!(token.len(), 32);
        assert!(token.bytes().all(|b| OPAQUE_ALPHABET.contains(&b)));
        assert_eq!(service.verify(&token, 9), Some(CUSTOMER));
        assert_eq!(service.verify(&token, 10), None);
        service.clear();
        assert_eq!(service.verify(&token, 0), None);
    }
}
