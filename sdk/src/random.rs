//! Randomness for backoff jitter and idempotency keys, from the system's
//! generator (`getrandom`: the OS natively, `crypto.getRandomValues` in wasm).

use std::sync::atomic::{AtomicU64, Ordering};

/// Sixteen random bytes. Should the system generator fail (no supported
/// platform lacks one), the bytes come from the wall clock and a counter:
/// unique, which is all an idempotency key or a jitter needs.
fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let count = COUNTER.fetch_add(1, Ordering::Relaxed);
        bytes[..8].copy_from_slice(&crate::platform::system_wall_ms().to_le_bytes());
        bytes[8..].copy_from_slice(&count.to_le_bytes());
    }
    bytes
}

/// A random (version 4) UUID.
pub(crate) fn uuid_v4() -> uuid::Uuid {
    uuid::Builder::from_random_bytes(random_bytes()).into_uuid()
}

/// A random (version 4) UUID as hyphenated lower-case text, written without
/// the formatting machinery (the wasm package is smaller).
pub(crate) fn uuid_v4_hyphenated() -> String {
    uuid_v4()
        .hyphenated()
        .encode_lower(&mut uuid::Uuid::encode_buffer())
        .to_owned()
}

/// A random number in `0..=max`.
pub(crate) fn up_to(max: u64) -> u64 {
    let bytes = random_bytes();
    let value = u64::from_le_bytes([
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
    ]);
    match max.checked_add(1) {
        Some(bound) => value % bound,
        None => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4_and_distinct() {
        let (a, b) = (uuid_v4(), uuid_v4());
        assert_eq!(a.get_version_num(), 4);
        assert_eq!(a.get_variant(), uuid::Variant::RFC4122);
        assert_ne!(a, b);
        let text = uuid_v4_hyphenated();
        let parsed = uuid::Uuid::parse_str(&text).unwrap();
        assert_eq!(text, parsed.to_string());
        assert_eq!(parsed.get_version_num(), 4);
    }

    #[test]
    fn numbers_stay_in_range_and_vary() {
        assert!((0..1000).all(|_| up_to(10) <= 10));
        assert_eq!(up_to(0), 0);
        let seen: std::collections::HashSet<u64> = (0..200).map(|_| up_to(1_000_000)).collect();
        assert!(seen.len() > 190);
        let _ = up_to(u64::MAX);
    }
}
