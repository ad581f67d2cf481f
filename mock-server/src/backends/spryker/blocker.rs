//! The optional SecurityBlocker (`security_blocker`): after repeated failed logins for one
//! account from one address, `POST /access-tokens` answers `4401`/429 until the block ends.
//! The demo shop's figures: the 11th attempt is refused, for 5 minutes.

use std::collections::HashMap;

/// Failed logins that block further attempts.
const ATTEMPTS: u32 = 10;
/// How long a block lasts after the last failure, in seconds.
const BLOCK_SECONDS: i64 = 300;
/// Most (address, account) pairs tracked; expired ones are purged beyond it.
const CAPACITY: usize = 10_000;

struct Failures {
    count: u32,
    until: i64,
}

/// Failed logins by client address and account (lower-case email).
#[derive(Default)]
pub(crate) struct SecurityBlocker {
    failures: HashMap<(String, String), Failures>,
}

impl SecurityBlocker {
    /// The minutes the message names when the pair is blocked at `now`.
    pub(crate) fn blocked_minutes(&self, address: &str, account: &str, now: i64) -> Option<i64> {
        let key = (address.to_owned(), account.to_lowercase());
        self.failures
            .get(&key)
            .filter(|failures| failures.count >= ATTEMPTS && now < failures.until)
            .map(|_| BLOCK_SECONDS / 60)
    }

    /// Counts a failed login at `now`.
    pub(crate) fn record_failure(&mut self, address: &str, account: &str, now: i64) {
        if self.failures.len() >= CAPACITY {
            self.failures.retain(|_, failures| now < failures.until);
        }
        let entry = self
            .failures
            .entry((address.to_owned(), account.to_lowercase()))
            .or_insert(Failures { count: 0, until: 0 });
        if entry.until <= now {
            entry.count = 0;
        }
        entry.count = entry.count.saturating_add(1);
        entry.until = now.saturating_add(BLOCK_SECONDS);
    }

    /// Forgets every failure.
    pub(crate) fn clear(&mut self) {
        self.failures.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_failures_block_the_pair_for_five_minutes() {
        let mut blocker = SecurityBlocker::default();
        for _ in 0..ATTEMPTS - 1 {
            blocker.record_failure("10.0.0.1", "A@x.io", 100);
        }
        assert_eq!(blocker.blocked_minutes("10.0.0.1", "a@x.io", 100), None);
        blocker.record_failure("10.0.0.1", "a@x.io", 100);
        assert_eq!(blocker.blocked_minutes("10.0.0.1", "a@X.io", 101), Some(5));
        assert_eq!(blocker.blocked_minutes("10.0.0.2", "a@x.io", 101), None);
        assert_eq!(blocker.blocked_minutes("10.0.0.1", "a@x.io", 400), None);
        blocker.record_failure("10.0.0.1", "a@x.io", 400);
        assert_eq!(
            blocker.blocked_minutes("10.0.0.1", "a@x.io", 401),
            None,
            "counts anew"
        );
    }
}
