//! Fixed-window rate limiting (spec §2.12): off, headers only (5.6.1) or enforced (6.0).

use super::options::{RateLimitMode, RateLimits};
use std::collections::HashMap;

/// Most buckets kept before expired ones are swept.
const MAX_BUCKETS: usize = 10_000;

/// The named per-endpoint throttles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Throttle {
    /// `POST /auth/login`.
    Login,
    /// `POST /customers`.
    Register,
    /// `POST /auth/refresh` and `POST /auth/logout`.
    Refresh,
    /// Both password-reset endpoints.
    PasswordReset,
}

impl Throttle {
    fn name(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::Register => "register",
            Self::Refresh => "refresh",
            Self::PasswordReset => "password_reset",
        }
    }

    fn limit(self, limits: &RateLimits) -> u32 {
        match self {
            Self::Login => limits.login,
            Self::Register => limits.register,
            Self::Refresh => limits.refresh,
            Self::PasswordReset => limits.password_reset,
        }
    }
}

/// What the limiter decided for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Rate limiting is off: no headers.
    Off,
    /// Proceed, adding these headers to an action-produced response.
    Proceed(Vec<(&'static str, String)>),
    /// Refuse with 429 and these headers.
    Throttled(Vec<(&'static str, String)>),
}

/// Who is asking, for bucket keys.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Caller<'a> {
    /// Controller name (per-controller counter).
    pub(crate) controller: &'a str,
    /// The publishable key sent.
    pub(crate) api_key: &'a str,
    /// The client IP.
    pub(crate) client_ip: &'a str,
    /// The endpoint's named throttle, if any.
    pub(crate) throttle: Option<Throttle>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    window_start: i64,
    count: u32,
}

/// The counters.
#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    buckets: HashMap<String, Bucket>,
}

impl RateLimiter {
    /// Counts one request in `key` and returns the new count.
    fn hit(&mut self, key: String, now: i64, window: i64) -> u32 {
        if self.buckets.len() >= MAX_BUCKETS {
            self.buckets
                .retain(|_, bucket| bucket.window_start.saturating_add(window) > now);
        }
        let bucket = self.buckets.entry(key).or_insert(Bucket {
            window_start: now,
            count: 0,
        });
        if bucket.window_start.saturating_add(window) <= now {
            *bucket = Bucket {
                window_start: now,
                count: 0,
            };
        }
        bucket.count = bucket.count.saturating_add(1);
        bucket.count
    }

    /// Counts one request of `caller` at `now`.
    pub(crate) fn check(
        &mut self,
        mode: RateLimitMode,
        limits: &RateLimits,
        caller: &Caller<'_>,
        now: i64,
    ) -> Verdict {
        let Caller {
            controller,
            api_key,
            client_ip,
            throttle,
        } = *caller;
        let window = limits.window.max(1);
        match mode {
            RateLimitMode::Off => Verdict::Off,
            RateLimitMode::HeadersOnly => {
                // 5.6.1: per-controller per-key counter; login/refresh/logout share one per-IP
                // counter that never refuses anything.
                let count = self.hit(format!("key:{controller}:{api_key}"), now, window);
                if let Some(throttle) = throttle {
                    let shared = match throttle {
                        Throttle::Login | Throttle::Refresh => "auth",
                        other => other.name(),
                    };
                    self.hit(format!("ip:{shared}:{client_ip}"), now, window);
                }
                let mut headers = vec![
                    ("x-ratelimit-limit", limits.per_key.to_string()),
                    (
                        "x-ratelimit-remaining",
                        limits.per_key.saturating_sub(count).to_string(),
                    ),
                ];
                if count >= limits.per_key {
                    headers.push(("retry-after", window.to_string()));
                }
                Verdict::Proceed(headers)
            }
            RateLimitMode::Enforce => {
                let count = self.hit(format!("api:{api_key}:{client_ip}"), now, window);
                let throttled = |limit: u32| {
                    vec![
                        ("retry-after", window.to_string()),
                        ("x-ratelimit-limit", limit.to_string()),
                        ("x-ratelimit-remaining", "0".to_owned()),
                    ]
                };
                if count > limits.per_key {
                    return Verdict::Throttled(throttled(limits.per_key));
                }
                if let Some(throttle) = throttle {
                    let limit = throttle.limit(limits);
                    let endpoint_count =
                        self.hit(format!("ip:{}:{client_ip}", throttle.name()), now, window);
                    if endpoint_count > limit {
                        return Verdict::Throttled(throttled(limit));
                    }
                }
                Verdict::Proceed(vec![
                    ("x-ratelimit-limit", limits.per_key.to_string()),
                    (
                        "x-ratelimit-remaining",
                        limits.per_key.saturating_sub(count).to_string(),
                    ),
                ])
            }
        }
    }

    /// Forgets every counter.
    pub(crate) fn clear(&mut self) {
        self.buckets.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enforce_throttles_request_n_plus_one_and_resets_with_the_window() {
        let mut limiter = RateLimiter::default();
        let limits = RateLimits::default();
        let mut check = |now| {
            limiter.check(
                RateLimitMode::Enforce,
                &limits,
                &Caller {
                    controller: "auth",
                    api_key: "pk",
                    client_ip: "1.1.1.1",
                    throttle: Some(Throttle::Login),
                },
                now,
            )
        };
        for _ in 0..5 {
            assert!(matches!(check(0), Verdict::Proceed(_)));
        }
        match check(59) {
            Verdict::Throttled(headers) => {
                assert!(headers.contains(&("x-ratelimit-limit", "5".to_owned())));
                assert!(headers.contains(&("retry-after", "60".to_owned())));
            }
            other => panic!("expected a 429, got {other:?}"),
        }
        assert!(matches!(check(60), Verdict::Proceed(_)));
    }

    #[test]
    fn headers_only_never_throttles() {
        let mut limiter = RateLimiter::default();
        let limits = RateLimits {
            per_key: 2,
            ..RateLimits::default()
        };
        let mut last = Verdict::Off;
        for _ in 0..4 {
            let caller = Caller {
                controller: "c",
                api_key: "pk",
                client_ip: "ip",
                throttle: None,
            };
            last = limiter.check(RateLimitMode::HeadersOnly, &limits, &caller, 0);
        }
        assert_eq!(
            last,
            Verdict::Proceed(vec![
                ("x-ratelimit-limit", "2".to_owned()),
                ("x-ratelimit-remaining", "0".to_owned()),
                ("retry-after", "60".to_owned()),
            ])
        );
    }
}
