//! The storefront key's rate limit (spec §1.2, `HasRateLimit`): a budget per key counted in
//! the clock hour (the code) or in a minute from the window's first request (the docs). Every
//! request that passes the key check counts, refused ones included.

use super::options::RateLimitWindow;
use std::collections::HashMap;

/// What `X-RateLimit-Limit` always says: `config('storefront.default_rate_limit', 100)`,
/// whatever the key's real budget.
const ADVERTISED_LIMIT: &str = "100";
/// Seconds in an hour.
const HOUR: i64 = 3_600;
/// Seconds in a minute.
const MINUTE: i64 = 60;

/// Where a key's current window started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Window {
    /// The start of the clock hour.
    Hour(i64),
    /// The first request of the minute.
    Minute(i64),
}

#[derive(Debug, Clone, Copy)]
struct Counter {
    window: Window,
    used: u64,
}

/// The answer for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Go on, and add these headers to the response.
    Proceed(Vec<(&'static str, String)>),
    /// 429: the window resets in this many seconds.
    Throttled(i64),
}

/// Counters per storefront key.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    counters: HashMap<String, Counter>,
}

impl RateLimiter {
    /// Counts one request of `key` against `limit` per `window`.
    pub(crate) fn check(
        &mut self,
        key: &str,
        limit: u32,
        window: RateLimitWindow,
        now: i64,
    ) -> Verdict {
        let limit = u64::from(limit);
        let counter = self.counters.get(key).copied();
        let (allowed, remaining, reset, next) = match window {
            RateLimitWindow::Hour => {
                let hour = now.div_euclid(HOUR).saturating_mul(HOUR);
                let used = match counter {
                    Some(Counter {
                        window: Window::Hour(start),
                        used,
                    }) if start == hour => used,
                    _ => 0,
                };
                let remaining = limit.saturating_sub(used.saturating_add(1));
                let reset = hour.saturating_add(HOUR).saturating_sub(now).max(1);
                let next = Counter {
                    window: Window::Hour(hour),
                    used: used.saturating_add(1),
                };
                (used < limit, remaining, reset, next)
            }
            RateLimitWindow::Minute => match counter {
                Some(Counter {
                    window: Window::Minute(start),
                    used,
                }) if now < start.saturating_add(MINUTE) => {
                    let next = Counter {
                        window: Window::Minute(start),
                        used: used.saturating_add(1),
                    };
                    let reset = start
                        .saturating_add(MINUTE)
                        .saturating_sub(now)
                        .clamp(1, MINUTE);
                    (used < limit, limit.saturating_sub(used), reset, next)
                }
                _ => {
                    let next = Counter {
                        window: Window::Minute(now),
                        used: 1,
                    };
                    (limit > 0, limit, MINUTE, next)
                }
            },
        };
        self.counters.insert(key.to_owned(), next);
        if !allowed {
            return Verdict::Throttled(reset);
        }
        Verdict::Proceed(vec![
            ("X-RateLimit-Limit", ADVERTISED_LIMIT.to_owned()),
            ("X-RateLimit-Remaining", remaining.to_string()),
            ("X-RateLimit-Reset", reset.to_string()),
        ])
    }

    /// Forgets every counter.
    pub(crate) fn clear(&mut self) {
        self.counters.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(verdict: &Verdict) -> (String, String, String) {
        match verdict {
            Verdict::Proceed(headers) => (
                headers[0].1.clone(),
                headers[1].1.clone(),
                headers[2].1.clone(),
            ),
            Verdict::Throttled(_) => panic!("throttled: {verdict:?}"),
        }
    }

    #[test]
    fn the_clock_hour_is_the_window() {
        let mut limiter = RateLimiter::default();
        // 1_800_000_000 is the start of a clock hour.
        let start = 1_800_000_000 + 1_000;
        let first = limiter.check("pk", 2, RateLimitWindow::Hour, start);
        assert_eq!(headers(&first), ("100".into(), "1".into(), "2600".into()));
        let second = limiter.check("pk", 2, RateLimitWindow::Hour, start + 600);
        assert_eq!(headers(&second).1, "0");
        assert_eq!(
            limiter.check("pk", 2, RateLimitWindow::Hour, start + 858),
            Verdict::Throttled(1_742)
        );
        assert!(matches!(
            limiter.check("other", 2, RateLimitWindow::Hour, start),
            Verdict::Proceed(_)
        ));
        let next_hour = limiter.check("pk", 2, RateLimitWindow::Hour, start + 2_600);
        assert_eq!(
            headers(&next_hour),
            ("100".into(), "1".into(), "3600".into())
        );
    }

    #[test]
    fn the_minute_starts_with_its_first_request() {
        let mut limiter = RateLimiter::default();
        let first = limiter.check("pk", 2, RateLimitWindow::Minute, 1_000);
        assert_eq!(headers(&first), ("100".into(), "2".into(), "60".into()));
        let second = limiter.check("pk", 2, RateLimitWindow::Minute, 1_010);
        assert_eq!(headers(&second), ("100".into(), "1".into(), "50".into()));
        assert_eq!(
            limiter.check("pk", 2, RateLimitWindow::Minute, 1_030),
            Verdict::Throttled(30)
        );
        assert!(matches!(
            limiter.check("pk", 2, RateLimitWindow::Minute, 1_060),
            Verdict::Proceed(_)
        ));
        limiter.clear();
        assert!(limiter.counters.is_empty());
    }

    #[test]
    fn any_clock_is_fine() {
        let mut limiter = RateLimiter::default();
        for now in [i64::MIN, -1, 0, i64::MAX] {
            for window in [RateLimitWindow::Hour, RateLimitWindow::Minute] {
                for _ in 0..3 {
                    limiter.check("pk", 2, window, now);
                }
            }
        }
    }
}
