//! The RS256 key pair: a fixed 2048-bit mock key embedded in the binary (so that a debug build
//! starts at once and every run signs alike), or the one `private_key_pem` names.
//!
//! Signing uses `aws-lc-rs` (AWS-LC's constant-time assembly). Every login mints one access
//! token, so this signature bounds the login rate: measured side by side on this machine,
//! AWS-LC signs in about half the time of `ring` (0.67 against 1.26 ms wall under load), the
//! speed of `openssl speed rsa2048`. `jsonwebtoken`'s `rust_crypto` RS256 goes through the `rsa`
//! crate, re-parses the PKCS#1 key on every call and costs about 40 ms per signature unoptimised.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, PublicKeyComponents};
use aws_lc_rs::signature::{
    KeyPair as _, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, RsaPublicKeyComponents,
};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The embedded mock key (PKCS#8). It signs test tokens only: it is public by design.
const EMBEDDED_KEY_PEM: &str = include_str!("mock-signing-key.pem");

/// A private key and its public half.
pub(crate) struct SigningKey {
    pair: KeyPair,
    public: PublicKeyComponents<Vec<u8>>,
    /// The configured PEM it came from (`None`: the embedded key).
    source: Option<String>,
}

/// The DER body of a PEM block and whether it is PKCS#8 (`PRIVATE KEY`) rather than PKCS#1
/// (`RSA PRIVATE KEY`).
fn pem_der(pem: &str) -> Result<(Vec<u8>, bool), String> {
    let mut pkcs8 = None;
    let mut body = String::new();
    for line in pem.lines().map(str::trim) {
        match line {
            "-----BEGIN PRIVATE KEY-----" => pkcs8 = Some(true),
            "-----BEGIN RSA PRIVATE KEY-----" => pkcs8 = Some(false),
            _ if line.starts_with("-----END ") => break,
            _ if pkcs8.is_some() => body.push_str(line),
            _ => {}
        }
    }
    let pkcs8 = pkcs8.ok_or("no `BEGIN PRIVATE KEY` or `BEGIN RSA PRIVATE KEY` block")?;
    let der = STANDARD
        .decode(body.as_bytes())
        .map_err(|error| format!("the PEM body is not base64: {error}"))?;
    Ok((der, pkcs8))
}

impl SigningKey {
    /// The key `pem` names, or the embedded key for `None`.
    ///
    /// # Errors
    /// A PEM that holds no RSA private key of 2048–8192 bits.
    pub(crate) fn from_pem(pem: Option<&str>) -> Result<Self, String> {
        let (der, pkcs8) = pem_der(pem.unwrap_or(EMBEDDED_KEY_PEM))?;
        let parsed = if pkcs8 {
            KeyPair::from_pkcs8(&der)
        } else {
            KeyPair::from_der(&der)
        };
        let pair = parsed.map_err(|error| format!("not a usable RSA private key: {error}"))?;
        let public = PublicKeyComponents::from(pair.public_key());
        Ok(Self {
            pair,
            public,
            source: pem.map(str::to_owned),
        })
    }

    /// Whether this key came from `pem` (the embedded key for `None`).
    pub(crate) fn is_from(&self, pem: Option<&str>) -> bool {
        self.source.as_deref() == pem
    }

    /// The RSASSA-PKCS1-v1_5 SHA-256 signature of `message` (deterministic); empty if the key
    /// cannot sign, which makes the token fail verification rather than the server.
    pub(crate) fn sign(&self, message: &[u8]) -> Vec<u8> {
        let mut signature = vec![0; self.pair.public_modulus_len()];
        match self.pair.sign(
            &RSA_PKCS1_SHA256,
            &SystemRandom::new(),
            message,
            &mut signature,
        ) {
            Ok(()) => signature,
            Err(_) => Vec::new(),
        }
    }

    /// Whether `signature` is this key's RS256 signature of `message`.
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        RsaPublicKeyComponents {
            n: &self.public.n,
            e: &self.public.e,
        }
        .verify(&RSA_PKCS1_2048_8192_SHA256, message, signature)
        .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_key_signs_2048_bit_signatures_that_verify() {
        let key = SigningKey::from_pem(None).expect("the embedded key parses");
        assert!(key.is_from(None));
        let signature = key.sign(b"header.payload");
        assert_eq!(signature.len(), 256);
        assert_eq!(signature, key.sign(b"header.payload"), "deterministic");
        assert!(key.verify(b"header.payload", &signature));
        assert!(!key.verify(b"header.payloaD", &signature));
        assert!(!key.verify(b"header.payload", &signature[1..]));
    }

    #[test]
    fn a_configured_pem_is_used_and_garbage_is_refused() {
        let configured = SigningKey::from_pem(Some(EMBEDDED_KEY_PEM)).expect("a PKCS#8 PEM parses");
        assert!(configured.is_from(Some(EMBEDDED_KEY_PEM)));
        assert!(!configured.is_from(None));
        for bad in [
            "",
            "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
        ] {
            assert!(SigningKey::from_pem(Some(bad)).is_err(), "{bad:?}");
        }
    }
}
