//! Session events (token-lifecycle.md §8), delivered through bounded,
//! non-blocking queues: a slow subscriber lags, it never blocks the SDK.

use std::collections::VecDeque;
use std::future::poll_fn;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::task::{Poll, Waker};

use crate::error::Error;
use crate::models::Customer;

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOutReason {
    /// The app logged out.
    UserLogout,
    /// The access token expired or was rejected and could not be renewed.
    SessionExpired,
    /// Another tab or process signed out.
    RevokedElsewhere,
    /// A password reset revoked the refresh token.
    PasswordReset,
}

/// What a subscriber learns about the current session (no secrets).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInfo {
    /// When the access token expires (Unix ms, wall-clock estimate); `None`
    /// when it never does.
    pub expires_at_ms: Option<i64>,
    /// Whether the session can be refreshed.
    pub has_refresh_token: bool,
    /// The customer, when the SDK has seen the profile.
    pub user: Option<Customer>,
}

/// A change of the session.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum SessionEvent {
    /// The first event of every subscription: the session as it is now.
    InitialSession(Option<SessionInfo>),
    /// Login, registration or a completed password reset.
    SignedIn(SessionInfo),
    /// New tokens from a refresh.
    TokenRefreshed(SessionInfo),
    /// The session ended.
    SignedOut {
        /// Why.
        reason: SignOutReason,
    },
    /// The access token of a backend without refresh expires soon.
    SessionExpiring {
        /// When (Unix ms).
        at_ms: i64,
    },
    /// A refresh failed; `transient` failures keep the session.
    RefreshFailed {
        /// Whether the failure said nothing about the refresh token.
        transient: bool,
        /// The failure.
        error: Error,
    },
    /// The profile changed.
    UserUpdated(Customer),
    /// The token store failed; the session lives on in memory.
    StorageUnavailable {
        /// What the store reported.
        message: String,
    },
    /// The stored session was unreadable and has been removed.
    StorageCorrupted,
}

/// Why [`Subscription::recv`] returned no event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RecvError {
    /// The subscriber fell behind and missed this many events.
    #[error("missed {0} events")]
    Lagged(u64),
    /// The client was disposed or dropped.
    #[error("the client was disposed")]
    Closed,
}

/// One subscriber's events not yet received.
#[derive(Debug, Default)]
struct Queue {
    events: VecDeque<SessionEvent>,
    /// Events dropped since the subscriber last received.
    missed: u64,
    closed: bool,
    waker: Option<Waker>,
}

fn lock(queue: &Mutex<Queue>) -> MutexGuard<'_, Queue> {
    queue
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Fans events out to every subscription (TL-8.4): each keeps at most
/// `capacity` events, losing the oldest (and counting them) when its
/// subscriber falls behind; sending never waits. Dropping the hub closes
/// every subscription.
#[derive(Debug)]
pub(crate) struct EventHub {
    capacity: usize,
    /// `None` once closed.
    subscribers: Mutex<Option<Vec<Weak<Mutex<Queue>>>>>,
}

impl EventHub {
    /// A hub whose subscribers each buffer up to `capacity` events.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            subscribers: Mutex::new(Some(Vec::new())),
        }
    }

    fn subscribers(&self) -> MutexGuard<'_, Option<Vec<Weak<Mutex<Queue>>>>> {
        self.subscribers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A new subscription (already closed if the hub is). It starts with
    /// `InitialSession` once [`Subscription::starting_with`] has set it.
    pub fn subscribe(&self) -> Subscription {
        let queue = Arc::new(Mutex::new(Queue::default()));
        match self.subscribers().as_mut() {
            Some(subscribers) => {
                // Subscriptions dropped since the last event go now, so that
                // subscribing and unsubscribing in a loop never piles up.
                subscribers.retain(|subscriber| subscriber.strong_count() > 0);
                subscribers.push(Arc::downgrade(&queue));
            }
            None => lock(&queue).closed = true,
        }
        Subscription {
            initial: None,
            queue,
        }
    }

    /// Delivers `event` to every live subscription.
    pub fn send(&self, event: &SessionEvent) {
        let mut subscribers = self.subscribers();
        let Some(subscribers) = subscribers.as_mut() else {
            return;
        };
        subscribers.retain(|subscriber| {
            let Some(queue) = subscriber.upgrade() else {
                return false;
            };
            let mut queue = lock(&queue);
            if queue.events.len() == self.capacity {
                queue.events.pop_front();
                queue.missed += 1;
            }
            queue.events.push_back(event.clone());
            if let Some(waker) = queue.waker.take() {
                waker.wake();
            }
            true
        });
    }

    /// Ends every subscription once its buffered events are received.
    pub fn close(&self) {
        for subscriber in self.subscribers().take().into_iter().flatten() {
            if let Some(queue) = subscriber.upgrade() {
                let mut queue = lock(&queue);
                queue.closed = true;
                if let Some(waker) = queue.waker.take() {
                    waker.wake();
                }
            }
        }
    }
}

impl Drop for EventHub {
    fn drop(&mut self) {
        self.close();
    }
}

/// A stream of [`SessionEvent`]s, starting with `InitialSession`.
#[derive(Debug)]
pub struct Subscription {
    initial: Option<Option<SessionInfo>>,
    queue: Arc<Mutex<Queue>>,
}

impl Subscription {
    /// The subscription, to start with `InitialSession(initial)`.
    pub(crate) fn starting_with(mut self, initial: Option<SessionInfo>) -> Self {
        self.initial = Some(initial);
        self
    }

    /// The next event.
    pub async fn recv(&mut self) -> Result<SessionEvent, RecvError> {
        if let Some(initial) = self.initial.take() {
            return Ok(SessionEvent::InitialSession(initial));
        }
        poll_fn(|context| {
            let mut queue = lock(&self.queue);
            match next(&mut queue) {
                Some(outcome) => Poll::Ready(outcome),
                None => {
                    queue.waker = Some(context.waker().clone());
                    Poll::Pending
                }
            }
        })
        .await
    }

    /// The next event if one is ready, without waiting.
    pub fn try_recv(&mut self) -> Option<Result<SessionEvent, RecvError>> {
        if let Some(initial) = self.initial.take() {
            return Some(Ok(SessionEvent::InitialSession(initial)));
        }
        next(&mut lock(&self.queue))
    }
}

/// A lag report first, then the oldest event, then the end once closed.
fn next(queue: &mut Queue) -> Option<Result<SessionEvent, RecvError>> {
    if queue.missed > 0 {
        return Some(Err(RecvError::Lagged(std::mem::take(&mut queue.missed))));
    }
    match queue.events.pop_front() {
        Some(event) => Some(Ok(event)),
        None if queue.closed => Some(Err(RecvError::Closed)),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use futures_util::FutureExt;

    use super::*;

    fn expiring(at_ms: i64) -> SessionEvent {
        SessionEvent::SessionExpiring { at_ms }
    }

    fn at(outcome: Option<Result<SessionEvent, RecvError>>) -> Option<Result<i64, RecvError>> {
        outcome.map(|outcome| {
            outcome.map(|event| match event {
                SessionEvent::SessionExpiring { at_ms } => at_ms,
                other => panic!("unexpected {other:?}"),
            })
        })
    }

    #[test]
    fn a_slow_subscriber_loses_the_oldest_events_and_learns_how_many() {
        let hub = EventHub::new(2);
        let mut subscription = hub.subscribe();
        for at_ms in 1..=5 {
            hub.send(&expiring(at_ms));
        }
        assert_eq!(at(subscription.try_recv()), Some(Err(RecvError::Lagged(3))));
        assert_eq!(at(subscription.try_recv()), Some(Ok(4)));
        assert_eq!(at(subscription.try_recv()), Some(Ok(5)));
        assert_eq!(at(subscription.try_recv()), None);
    }

    #[test]
    fn each_subscriber_gets_every_event_from_its_start_then_the_end() {
        let hub = EventHub::new(8);
        let mut early = hub.subscribe();
        hub.send(&expiring(1));
        let mut late = hub.subscribe().starting_with(None);
        hub.send(&expiring(2));
        assert!(matches!(
            late.try_recv(),
            Some(Ok(SessionEvent::InitialSession(None)))
        ));
        assert_eq!(at(late.try_recv()), Some(Ok(2)));
        drop(hub);
        assert_eq!(at(early.try_recv()), Some(Ok(1)));
        assert_eq!(at(early.try_recv()), Some(Ok(2)));
        assert_eq!(at(early.try_recv()), Some(Err(RecvError::Closed)));
        assert_eq!(at(late.try_recv()), Some(Err(RecvError::Closed)));
    }

    #[test]
    fn a_waiting_subscriber_is_woken_and_dropped_ones_are_forgotten() {
        let hub = EventHub::new(8);
        let mut waiting = hub.subscribe();
        let dropped = hub.subscribe();
        drop(dropped);
        let mut next = Box::pin(waiting.recv());
        assert!((&mut next).now_or_never().is_none());
        hub.send(&expiring(7));
        assert!(matches!(
            next.now_or_never(),
            Some(Ok(SessionEvent::SessionExpiring { at_ms: 7 }))
        ));
        assert_eq!(hub.subscribers().as_ref().map(Vec::len), Some(1));
        for _ in 0..100 {
            drop(hub.subscribe());
        }
        assert_eq!(hub.subscribers().as_ref().map(Vec::len), Some(2));
        hub.close();
        let mut closed_late = hub.subscribe();
        assert_eq!(at(closed_late.try_recv()), Some(Err(RecvError::Closed)));
    }
}
