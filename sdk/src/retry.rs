//! Retry policy: which failures retry, full-jitter backoff and `Retry-After`
//! (token-lifecycle.md §9).

use std::time::{Duration, UNIX_EPOCH};

/// How the SDK retries transient failures.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// The backoff base: attempt `n` waits up to `base · 2^n`.
    pub base_delay: Duration,
    /// The cap on one backoff delay.
    pub max_delay: Duration,
    /// The longest `Retry-After` the SDK waits out; longer ones return
    /// `Error::RateLimited` at once.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            base_delay: Duration::from_millis(300),
            max_delay: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn disabled() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Full-jitter delay before retry number `attempt` (0-based):
    /// `uniform(0, min(max_delay, base · 2^attempt))`.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.min(30)))
            .min(self.max_delay);
        let millis = ceiling.as_millis() as u64;
        Duration::from_millis(fastrand::u64(..=millis))
    }
}

/// Statuses that say nothing about the request itself (TL-9.2).
pub(crate) fn is_retriable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504 | 520..=530)
}

/// Parses `Retry-After` as delta-seconds or an HTTP-date (IMF-fixdate,
/// RFC 850 or asctime). A date is measured against the response's `Date`
/// header when present, else against `local_now_ms`. Never negative.
pub(crate) fn parse_retry_after(
    value: &str,
    server_date: Option<&str>,
    local_now_ms: i64,
) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let target_ms = http_date_ms(value)?;
    let now_ms = server_date.and_then(http_date_ms).unwrap_or(local_now_ms);
    Some(Duration::from_millis(
        target_ms.saturating_sub(now_ms).max(0) as u64,
    ))
}

/// An HTTP date as Unix milliseconds.
pub(crate) fn http_date_ms(value: &str) -> Option<i64> {
    let time = httpdate::parse_http_date(value.trim()).ok()?;
    let since_epoch = time.duration_since(UNIX_EPOCH).ok()?;
    Some(since_epoch.as_millis() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATE: &str = "Sun, 22 Nov 2026 10:00:00 GMT";

    #[test]
    fn retry_after_accepts_seconds_and_all_three_date_forms() {
        assert_eq!(
            parse_retry_after("7", None, 0),
            Some(Duration::from_secs(7))
        );
        for later in [
            "Sun, 22 Nov 2026 10:00:05 GMT",
            "Sunday, 22-Nov-26 10:00:05 GMT",
            "Sun Nov 22 10:00:05 2026",
        ] {
            assert_eq!(
                parse_retry_after(later, Some(DATE), 0),
                Some(Duration::from_secs(5)),
                "{later}"
            );
        }
    }

    #[test]
    fn retry_after_in_the_past_is_zero_and_garbage_is_ignored() {
        assert_eq!(
            parse_retry_after("Sun, 22 Nov 2026 09:00:00 GMT", Some(DATE), 0),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", None, 0), None);
        assert_eq!(parse_retry_after("-3", None, 0), None);
    }

    #[test]
    fn retry_after_date_without_server_date_uses_the_local_clock() {
        let local = http_date_ms(DATE).unwrap();
        assert_eq!(
            parse_retry_after("Sun, 22 Nov 2026 10:00:02 GMT", None, local),
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn backoff_stays_within_the_full_jitter_ceiling() {
        let policy = RetryPolicy::default();
        for attempt in 0..10 {
            let ceiling = (Duration::from_millis(300) * 2u32.pow(attempt)).min(policy.max_delay);
            assert!(policy.backoff(attempt) <= ceiling);
        }
    }
}
