//! Access tokens as league/oauth2-server mints them (spec §3, seed 003): header
//! `{"typ":"JWT","alg":"RS256"}`, claims `aud`, `jti`, `iat`, `nbf`, `exp`, `sub`, `scopes` in
//! that order, and `sub` a JSON *string* holding the customer identifier.

use super::keys::SigningKey;
use super::php_json::php_json;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

/// The encoded header; the same for every token.
const HEADER: &str = r#"{"typ":"JWT","alg":"RS256"}"#;
/// `aud`: the OAuth client of the storefront.
const AUDIENCE: &str = "frontend";
/// `scopes` of a customer token.
const CUSTOMER_SCOPE: &str = "customer";

/// Who a token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TokenUser {
    /// `customer_reference`.
    pub(crate) reference: String,
    /// `id_customer`.
    pub(crate) id_customer: u64,
}

/// The customer identifier inside `sub`, in Spryker's order (B2C: no company user, agent or
/// permissions).
#[derive(Serialize)]
struct SubjectJson<'a> {
    id_company_user: Option<&'a str>,
    id_agent: Option<u64>,
    customer_reference: &'a str,
    id_customer: u64,
    permissions: Option<&'a str>,
}

#[derive(Serialize)]
struct ClaimsOut<'a> {
    aud: &'a str,
    jti: &'a str,
    iat: i64,
    nbf: i64,
    exp: i64,
    sub: &'a str,
    scopes: [&'a str; 1],
}

#[derive(Deserialize)]
struct HeaderIn {
    alg: String,
}

#[derive(Deserialize)]
struct ClaimsIn {
    iat: i64,
    nbf: i64,
    exp: i64,
    sub: String,
}

#[derive(Deserialize)]
struct SubjectIn {
    customer_reference: String,
    id_customer: u64,
}

/// A token whose signature verified: who it names and when it is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VerifiedToken {
    /// The customer it names.
    pub(crate) user: TokenUser,
    iat: i64,
    nbf: i64,
    exp: i64,
}

impl VerifiedToken {
    /// Whether it is valid at `now` (lcobucci's checks, no leeway: issued and not before
    /// `now`, expired from `exp` on).
    pub(crate) fn valid_at(&self, now: i64) -> bool {
        self.iat <= now && self.nbf <= now && now < self.exp
    }
}

/// A new access token for `user`, issued at `now` and valid for `ttl` seconds.
pub(crate) fn issue(key: &SigningKey, user: &TokenUser, jti: &str, now: i64, ttl: i64) -> String {
    let subject = php_json(&SubjectJson {
        id_company_user: None,
        id_agent: None,
        customer_reference: &user.reference,
        id_customer: user.id_customer,
        permissions: None,
    });
    let subject = String::from_utf8(subject).unwrap_or_default();
    let claims = ClaimsOut {
        aud: AUDIENCE,
        jti,
        iat: now,
        nbf: now,
        exp: now.saturating_add(ttl),
        sub: &subject,
        scopes: [CUSTOMER_SCOPE],
    };
    let payload = serde_json::to_vec(&claims).unwrap_or_default();
    let mut token = URL_SAFE_NO_PAD.encode(HEADER);
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(payload));
    let signature = key.sign(token.as_bytes());
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(signature));
    token
}

/// The token's claims if `key` signed it (RS256) and they hold a customer; time is checked
/// by the caller (`VerifiedToken::valid_at`).
pub(crate) fn verify(key: &SigningKey, token: &str) -> Option<VerifiedToken> {
    let (signed, signature) = token.rsplit_once('.')?;
    let (header, payload) = signed.split_once('.')?;
    let header: HeaderIn = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).ok()?).ok()?;
    if header.alg != "RS256" {
        return None;
    }
    if !key.verify(signed.as_bytes(), &URL_SAFE_NO_PAD.decode(signature).ok()?) {
        return None;
    }
    let claims: ClaimsIn = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    let subject: SubjectIn = serde_json::from_str(&claims.sub).ok()?;
    Some(VerifiedToken {
        user: TokenUser {
            reference: subject.customer_reference,
            id_customer: subject.id_customer,
        },
        iat: claims.iat,
        nbf: claims.nbf,
        exp: claims.exp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(part: &str) -> String {
        String::from_utf8(URL_SAFE_NO_PAD.decode(part).expect("base64url")).expect("utf-8")
    }

    fn sonia() -> TokenUser {
        TokenUser {
            reference: "DE--21".into(),
            id_customer: 21,
        }
    }

    #[test]
    fn header_and_claims_are_leagues() {
        let key = SigningKey::from_pem(None).expect("embedded key");
        let token = issue(&key, &sonia(), "ab12", 1_601_295_201, 28_800);
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(
            parts[0], "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9",
            "seed 003's header"
        );
        assert_eq!(
            decode(parts[1]),
            r#"{"aud":"frontend","jti":"ab12","iat":1601295201,"nbf":1601295201,"exp":1601324001,"sub":"{\"id_company_user\":null,\"id_agent\":null,\"customer_reference\":\"DE--21\",\"id_customer\":21,\"permissions\":null}","scopes":["customer"]}"#
        );
        assert_eq!(parts[2].len(), 342, "a 2048-bit signature, as in seed 003");
    }

    #[test]
    fn verification_checks_the_signature_and_time_without_leeway() {
        let key = SigningKey::from_pem(None).expect("embedded key");
        let token = issue(&key, &sonia(), "j", 1000, 60);
        let verified = verify(&key, &token).expect("verifies");
        assert_eq!(verified.user, sonia());
        assert!(!verified.valid_at(999));
        assert!(verified.valid_at(1000));
        assert!(verified.valid_at(1059));
        assert!(!verified.valid_at(1060));
        let mut tampered = token.clone();
        tampered.replace_range(40..41, if &token[40..41] == "A" { "B" } else { "A" });
        assert_eq!(verify(&key, &tampered), None);
        for garbage in [
            "",
            "a.b",
            "a.b.c",
            "..",
            "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.e30.",
        ] {
            assert_eq!(verify(&key, garbage), None, "{garbage}");
        }
    }
}
