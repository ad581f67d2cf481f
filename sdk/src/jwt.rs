//! Reading the claims of a JWT without verifying it (the SDK only reads
//! `exp`, `iat` and, on Spryker, `sub`; it never trusts them for anything but
//! scheduling and paths).

use crate::json::Json;

/// The payload of a three-part JWS as a JSON tree; `None` for anything else
/// (an opaque token, a JWE, bad base64url, a payload that is not JSON).
pub(crate) fn payload(token: &str) -> Option<Json> {
    let mut parts = token.split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = base64url_decode(payload.trim_end_matches('='))?;
    Json::parse(&bytes)
}

/// Decodes unpadded base64url (RFC 4648 §5) strictly: only the alphabet, no
/// impossible length, no stray bits in the last character. Eighteen lines
/// instead of the `base64` crate, whose general engine was 1.3 KB gz of the
/// wasm package.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0u32);
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    (bits == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use super::*;

    #[test]
    fn base64url_decodes_as_the_base64_crate_does() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for length in 0..bytes.len() {
            let text = URL_SAFE_NO_PAD.encode(&bytes[..length]);
            assert_eq!(base64url_decode(&text).as_deref(), Some(&bytes[..length]));
        }
        for text in ["A", "AB=C", "AB+/", "AB C", "AR", "AAB", "QUJDRA==", "ü"] {
            assert_eq!(base64url_decode(text), None, "{text}");
            assert!(
                URL_SAFE_NO_PAD.decode(text).is_err(),
                "the crate accepts {text}"
            );
        }
    }

    #[test]
    fn payloads_of_three_part_tokens_only() {
        let payload_text = URL_SAFE_NO_PAD.encode(r#"{"exp":5,"sub":"{\"a\":1}"}"#);
        let token = format!("eyJhbGciOiJIUzI1NiJ9.{payload_text}.sig");
        let claims = payload(&token).unwrap();
        assert_eq!(claims.member("exp"), Some(&Json::Number(5.0)));
        assert_eq!(claims.member("sub"), Some(&Json::from(r#"{"a":1}"#)));
        assert_eq!(payload("q0u66k8h42yaevtchv09uyy3y9gaj2ap"), None);
        assert_eq!(payload(&format!("a.{payload_text}.b.c.d")), None);
        assert_eq!(payload("a.bm90IGpzb24.c"), None, "not JSON");
    }
}
