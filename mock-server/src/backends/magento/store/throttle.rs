//! Request throttles: the token services' lockout (`RequestThrottler`: failures per user name,
//! the lock lasting `timeout` after the last one) and the optional password-reset request
//! protection (Magento_Security, by IP or email).

use super::tokens::UserType;
use crate::backends::magento::options::{ResetThrottle, TokenLockout};
use std::collections::{HashMap, VecDeque};

/// Most reset-request events kept (older ones are dropped), so that memory stays bounded.
const MAX_RESET_EVENTS: usize = 10_000;
/// Most user names the lockout tracks at once (expired entries go first).
const MAX_TRACKED_NAMES: usize = 50_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    lock_expires_at: i64,
}

/// Failed token requests per (user type, user name).
#[derive(Debug, Default)]
pub(crate) struct LoginThrottle {
    failures: HashMap<(UserType, String), Failures>,
}

fn key(user_type: UserType, username: &str) -> (UserType, String) {
    (user_type, username.trim().to_lowercase())
}

impl LoginThrottle {
    /// Whether the user name is locked out at `now`.
    pub(crate) fn locked(
        &self,
        user_type: UserType,
        username: &str,
        now: i64,
        lockout: &TokenLockout,
    ) -> bool {
        lockout.max_failures > 0
            && self
                .failures
                .get(&key(user_type, username))
                .is_some_and(|f| f.lock_expires_at > now && f.count >= lockout.max_failures)
    }

    /// Counts a failure (an expired entry starts again from one).
    pub(crate) fn fail(
        &mut self,
        user_type: UserType,
        username: &str,
        now: i64,
        lockout: &TokenLockout,
    ) {
        if self.failures.len() >= MAX_TRACKED_NAMES {
            self.failures.retain(|_, f| f.lock_expires_at > now);
        }
        let entry = self
            .failures
            .entry(key(user_type, username))
            .or_insert(Failures {
                count: 0,
                lock_expires_at: now,
            });
        if entry.lock_expires_at <= now {
            entry.count = 0;
        }
        entry.count = entry.count.saturating_add(1);
        entry.lock_expires_at = now.saturating_add(lockout.timeout);
    }

    /// Forgets the failures after a successful sign-in.
    pub(crate) fn succeed(&mut self, user_type: UserType, username: &str) {
        self.failures.remove(&key(user_type, username));
    }

    /// Forgets everything.
    pub(crate) fn clear(&mut self) {
        self.failures.clear();
    }
}

#[derive(Debug, Clone)]
struct ResetEvent {
    ip: String,
    email: String,
    at: i64,
}

/// Recent password-reset requests.
#[derive(Debug, Default)]
pub(crate) struct ResetRequests {
    events: VecDeque<ResetEvent>,
}

impl ResetRequests {
    /// Records a request unless the throttle refuses it: another request of this IP or email
    /// less than `min_interval` ago, or `max_requests` of them within `window`.
    pub(crate) fn admit(
        &mut self,
        ip: &str,
        email: &str,
        now: i64,
        throttle: &ResetThrottle,
    ) -> bool {
        if !throttle.enabled {
            return true;
        }
        let email = email.trim().to_lowercase();
        let horizon = now.saturating_sub(throttle.window.max(throttle.min_interval));
        self.events.retain(|event| event.at > horizon);
        let related: Vec<i64> = self
            .events
            .iter()
            .filter(|event| event.ip == ip || event.email == email)
            .map(|event| event.at)
            .collect();
        let too_soon = related
            .iter()
            .any(|at| now.saturating_sub(*at) < throttle.min_interval);
        let in_window = related
            .iter()
            .filter(|at| now.saturating_sub(**at) < throttle.window)
            .count();
        if too_soon || in_window >= throttle.max_requests as usize {
            return false;
        }
        if self.events.len() >= MAX_RESET_EVENTS {
            self.events.pop_front();
        }
        self.events.push_back(ResetEvent {
            ip: ip.to_owned(),
            email,
            at: now,
        });
        true
    }

    /// Forgets everything.
    pub(crate) fn clear(&mut self) {
        self.events.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_failures_lock_for_the_timeout_after_the_last() {
        let lockout = TokenLockout::default();
        let mut throttle = LoginThrottle::default();
        for second in 0..5 {
            throttle.fail(UserType::Customer, "Ann@Example.com", second, &lockout);
            assert!(!throttle.locked(UserType::Customer, "ann@example.com", second, &lockout));
        }
        throttle.fail(UserType::Customer, "ann@example.com", 10, &lockout);
        assert!(throttle.locked(UserType::Customer, "ann@example.com", 10, &lockout));
        assert!(!throttle.locked(UserType::Admin, "ann@example.com", 10, &lockout));
        assert!(throttle.locked(UserType::Customer, "ann@example.com", 1809, &lockout));
        assert!(!throttle.locked(UserType::Customer, "ann@example.com", 1810, &lockout));
        throttle.fail(UserType::Customer, "ann@example.com", 1810, &lockout);
        assert!(
            !throttle.locked(UserType::Customer, "ann@example.com", 1810, &lockout),
            "starts again"
        );
        throttle.succeed(UserType::Customer, "ANN@example.com");
        assert!(throttle.failures.is_empty());
    }

    #[test]
    fn reset_requests_are_throttled_by_ip_or_email_when_enabled() {
        let mut requests = ResetRequests::default();
        let off = ResetThrottle::default();
        assert!((0..20).all(|_| requests.admit("1.1.1.1", "a@x.io", 0, &off)));
        let on = ResetThrottle {
            enabled: true,
            ..ResetThrottle::default()
        };
        assert!(requests.admit("1.1.1.1", "a@x.io", 0, &on));
        assert!(
            !requests.admit("2.2.2.2", "A@x.io", 599, &on),
            "same email too soon"
        );
        assert!(
            !requests.admit("1.1.1.1", "b@x.io", 599, &on),
            "same IP too soon"
        );
        assert!(requests.admit("3.3.3.3", "c@x.io", 1, &on));
        let many = ResetThrottle {
            min_interval: 0,
            max_requests: 2,
            ..on
        };
        let mut requests = ResetRequests::default();
        assert!(requests.admit("ip", "a@x.io", 0, &many));
        assert!(requests.admit("ip", "a@x.io", 1, &many));
        assert!(!requests.admit("ip", "a@x.io", 2, &many));
        assert!(
            requests.admit("ip", "a@x.io", 3600, &many),
            "the window moved on"
        );
    }
}
