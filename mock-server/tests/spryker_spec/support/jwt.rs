//! Access-token helpers: decoding, RS256 verification and forging (spec §3).

use base64::Engine as _;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};
use serde_json::Value;

/// A 2048-bit RSA key (PKCS#8 PEM) made for these tests: the mock signs with it when
/// `private_key_pem` names it, and the tests verify with its public half.
pub const TEST_KEY_PEM: &str = include_str!("test_key.pem");

/// The header of every access token, byte for byte (spec §3, seed 003).
pub const JWT_HEADER: &str = r#"{"typ":"JWT","alg":"RS256"}"#;

pub fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[track_caller]
pub fn unb64url(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .unwrap_or_else(|e| panic!("not unpadded base64url ({e}): {s}"))
}

/// A decoded access token.
#[derive(Debug, Clone)]
pub struct Jwt {
    pub header: String,
    pub claims: Value,
    pub signing_input: String,
    pub signature: String,
}

#[track_caller]
pub fn decode(jwt: &str) -> Jwt {
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3, "a JWT has three parts: {jwt}");
    let header = String::from_utf8(unb64url(parts[0])).expect("UTF-8 header");
    let claims = serde_json::from_slice(&unb64url(parts[1])).expect("JSON claims");
    Jwt {
        header,
        claims,
        signing_input: format!("{}.{}", parts[0], parts[1]),
        signature: parts[2].to_string(),
    }
}

/// The `sub` claim, a JSON-encoded string, decoded.
#[track_caller]
pub fn sub(jwt: &str) -> Value {
    let claims = decode(jwt).claims;
    let raw = claims["sub"]
        .as_str()
        .unwrap_or_else(|| panic!("`sub` is a string: {claims}"));
    serde_json::from_str(raw).unwrap_or_else(|e| panic!("`sub` is JSON text ({e}): {raw}"))
}

/// The customer reference inside `sub`.
#[track_caller]
pub fn reference_of(jwt: &str) -> String {
    sub(jwt)["customer_reference"]
        .as_str()
        .expect("customer_reference")
        .to_string()
}

fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("PEM base64")
}

/// The PKCS#1 `RSAPrivateKey` inside the PKCS#8 test key (a 2048-bit key's fixed 26-byte
/// PKCS#8 prefix ends with the octet-string header `04 82 len len`).
pub fn test_key_pkcs1() -> Vec<u8> {
    let der = pem_der(TEST_KEY_PEM);
    assert_eq!(&der[22..24], &[0x04, 0x82], "PKCS#8 octet string");
    der[26..].to_vec()
}

/// Reads one DER INTEGER at `at`; returns (unsigned big-endian value, next offset).
fn der_integer(der: &[u8], at: usize) -> (Vec<u8>, usize) {
    assert_eq!(der[at], 0x02, "INTEGER tag");
    let (len, start) = match der[at + 1] {
        n if n < 0x80 => (n as usize, at + 2),
        0x81 => (der[at + 2] as usize, at + 3),
        0x82 => (((der[at + 2] as usize) << 8) | der[at + 3] as usize, at + 4),
        other => panic!("DER length form {other:#x}"),
    };
    let mut value = &der[start..start + len];
    while value.len() > 1 && value[0] == 0 {
        value = &value[1..];
    }
    (value.to_vec(), start + len)
}

/// (n, e) of the test key.
pub fn test_key_public() -> (Vec<u8>, Vec<u8>) {
    let pkcs1 = test_key_pkcs1();
    // SEQUENCE (30 82 len len), version INTEGER 0 (02 01 00), then n and e
    let (n, next) = der_integer(&pkcs1, 7);
    let (e, _) = der_integer(&pkcs1, next);
    (n, e)
}

/// Whether `jwt`'s signature is a valid RS256 signature by the key (n, e).
pub fn verifies_rs256(jwt: &str, n: &[u8], e: &[u8]) -> bool {
    let parts = decode(jwt);
    let key = DecodingKey::from_rsa_raw_components(n, e);
    jsonwebtoken::crypto::verify(
        &parts.signature,
        parts.signing_input.as_bytes(),
        &key,
        Algorithm::RS256,
    )
    .unwrap_or(false)
}

/// A token with this raw header and claims, RS256-signed by the test key.
pub fn sign_with_test_key(header: &str, claims: &str) -> String {
    let input = format!(
        "{}.{}",
        b64url(header.as_bytes()),
        b64url(claims.as_bytes())
    );
    let key = EncodingKey::from_rsa_der(&test_key_pkcs1());
    let signature = jsonwebtoken::crypto::sign(input.as_bytes(), &key, Algorithm::RS256)
        .expect("RS256 signature");
    format!("{input}.{signature}")
}

/// A token with this raw header and claims, HS256-signed with `secret`.
pub fn sign_hs256(header: &str, claims: &str, secret: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        b64url(header.as_bytes()),
        b64url(claims.as_bytes())
    );
    let key = EncodingKey::from_secret(secret);
    let signature =
        jsonwebtoken::crypto::sign(input.as_bytes(), &key, Algorithm::HS256).expect("HS256");
    format!("{input}.{signature}")
}
