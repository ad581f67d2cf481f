//! Time as the SDK sees it: a monotonic clock for deadlines, a wall clock for
//! persisted expiry, and timers. Everything time-dependent (expiry, backoff,
//! `Retry-After` waits, timeouts, proactive refresh) goes through [`Clock`],
//! so tests drive it with a [`ManualClock`] instead of sleeping.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_channel::oneshot;

use crate::platform::{BoxFuture, MaybeSend, MaybeSync};

/// A source of time and timers (TL-3.3).
pub trait Clock: MaybeSend + MaybeSync + 'static {
    /// Time on a monotonic clock since an arbitrary origin.
    fn now_monotonic(&self) -> Duration;
    /// Milliseconds since the Unix epoch on the wall clock.
    fn now_wall_ms(&self) -> i64;
    /// A future that completes once `duration` has passed on this clock.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// The host's clocks: `Instant` and tokio timers natively, `performance.now()`
/// and `setTimeout` on wasm32.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_monotonic(&self) -> Duration {
        crate::platform::system_monotonic()
    }

    fn now_wall_ms(&self) -> i64 {
        crate::platform::system_wall_ms()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        crate::platform::system_sleep(duration)
    }
}

/// A clock that moves only when told to; sleepers wake when it is advanced
/// past their deadline. Clones share the same time.
#[derive(Debug, Clone)]
pub struct ManualClock {
    inner: Arc<Mutex<ManualState>>,
}

#[derive(Debug)]
struct ManualState {
    monotonic: Duration,
    wall_ms: i64,
    sleepers: Vec<(Duration, oneshot::Sender<()>)>,
}

impl ManualClock {
    /// A clock whose wall time starts at `wall_ms` (Unix milliseconds).
    pub fn new(wall_ms: i64) -> Self {
        Self {
            inner: Arc::new(Mutex::new(ManualState {
                monotonic: Duration::ZERO,
                wall_ms,
                sleepers: Vec::new(),
            })),
        }
    }

    /// Moves both clocks forward and wakes every sleeper that is due.
    pub fn advance(&self, by: Duration) {
        let due = {
            let mut state = lock(&self.inner);
            state.monotonic += by;
            state.wall_ms += by.as_millis() as i64;
            let now = state.monotonic;
            let (due, pending): (Vec<_>, Vec<_>) = state
                .sleepers
                .drain(..)
                .partition(|(deadline, _)| *deadline <= now);
            state.sleepers = pending;
            due
        };
        for (_, waker) in due {
            let _ = waker.send(());
        }
    }

    /// Shifts only the wall clock (a device clock that is wrong or was
    /// corrected), leaving monotonic time alone.
    pub fn shift_wall(&self, by_ms: i64) {
        lock(&self.inner).wall_ms += by_ms;
    }

    /// The time left on each timer that is still waiting on this clock.
    pub fn pending_sleeps(&self) -> Vec<Duration> {
        let state = lock(&self.inner);
        state
            .sleepers
            .iter()
            .filter(|(_, waker)| !waker.is_canceled())
            .map(|(deadline, _)| deadline.saturating_sub(state.monotonic))
            .collect()
    }
}

fn lock(inner: &Mutex<ManualState>) -> std::sync::MutexGuard<'_, ManualState> {
    inner
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Clock for ManualClock {
    fn now_monotonic(&self) -> Duration {
        lock(&self.inner).monotonic
    }

    fn now_wall_ms(&self) -> i64 {
        lock(&self.inner).wall_ms
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        let (sender, receiver) = oneshot::channel();
        {
            let mut state = lock(&self.inner);
            if duration.is_zero() {
                drop(state);
                return Box::pin(async {});
            }
            let deadline = state.monotonic + duration;
            state.sleepers.retain(|(_, waker)| !waker.is_canceled());
            state.sleepers.push((deadline, sender));
        }
        Box::pin(async move {
            let _ = receiver.await;
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;

    #[test]
    fn sleeper_wakes_only_after_its_deadline() {
        let clock = ManualClock::new(0);
        let mut sleep = clock.sleep(Duration::from_secs(5));
        assert!((&mut sleep).now_or_never().is_none());
        clock.advance(Duration::from_secs(4));
        assert!((&mut sleep).now_or_never().is_none());
        clock.advance(Duration::from_secs(1));
        assert!(sleep.now_or_never().is_some());
        assert_eq!(clock.now_wall_ms(), 5_000);
    }

    #[test]
    fn shifting_the_wall_clock_leaves_monotonic_time_alone() {
        let clock = ManualClock::new(1_000);
        clock.shift_wall(3_600_000);
        assert_eq!(clock.now_monotonic(), Duration::ZERO);
        assert_eq!(clock.now_wall_ms(), 3_601_000);
    }
}
