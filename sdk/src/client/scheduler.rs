//! The optional background refresh (TL-5.2): wakes shortly before the margin
//! is reached or when the session changes; ends on dispose or drop.

use std::sync::Weak;
use std::sync::atomic::Ordering;
use std::time::Duration;

use futures_channel::oneshot;
use futures_util::future;

use super::Inner;

/// How long to wait when there is nothing to schedule.
const IDLE: Duration = Duration::from_secs(60);
/// How long to wait after a refresh failed (or is cooling down).
const AFTER_FAILURE: Duration = Duration::from_secs(10);

/// The timer's loop; it holds the client only while it works.
pub(super) async fn run(inner: Weak<Inner>) {
    loop {
        let Some(strong) = inner.upgrade() else {
            return;
        };
        if strong.disposed.load(Ordering::SeqCst) {
            return;
        }
        let (wake, changed) = oneshot::channel();
        *strong
            .scheduler_wake
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(wake);
        // A dispose before the wake was in place found nothing to wake.
        if strong.disposed.load(Ordering::SeqCst) {
            return;
        }
        strong.ensure_loaded().await;
        // Only a session that can be refreshed, and expires, has anything to
        // schedule.
        let due_in = {
            let state = strong.lock();
            state
                .tokens
                .as_ref()
                .filter(|tokens| tokens.refresh.is_some() && strong.supports_refresh())
                .and_then(|tokens| tokens.expiry)
                .map(|expiry| {
                    let (now_monotonic, now_wall) = strong.now();
                    let remaining = expiry.remaining(now_monotonic, now_wall);
                    remaining.saturating_sub(strong.margin(expiry.ttl))
                })
        };
        let wait = match due_in {
            Some(Duration::ZERO) => {
                let epoch = strong.lock().epoch;
                let renewed = strong.access_token().await.is_ok() && strong.lock().epoch != epoch;
                if renewed {
                    continue;
                }
                AFTER_FAILURE
            }
            Some(due_in) => due_in.min(IDLE),
            None => IDLE,
        };
        let sleep = strong.clock.sleep(wait);
        drop(strong);
        future::select(sleep, changed).await;
    }
}
