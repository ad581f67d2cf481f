//! The single-flight refresh (TL-4): one refresh per refresh token, run as a
//! task of its own that no caller can cancel, committed under the commit
//! guard, with a cooldown after transient failures.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use futures_channel::oneshot;
use futures_util::future::FutureExt;

use super::Inner;
use super::pipeline::{Dispatch, Slot};
use super::state::info_of;
use crate::backend::IssuedSession;
use crate::error::Error;
use crate::events::{SessionEvent, SignOutReason};
use crate::platform;
use crate::secret::RefreshToken;
use crate::session::{StoredSession, refresh_idempotency_key};

/// The longest a failed refresh token is left alone before the next try.
const MAX_REFRESH_COOLDOWN: Duration = Duration::from_secs(60);

/// What a refresh yields: the new tokens are held (or came from another tab),
/// or the failure.
type RefreshResult = Result<(), Error>;
/// Those waiting for a refresh's result; the refresh sends it to each.
type Waiters = Arc<Mutex<Vec<oneshot::Sender<RefreshResult>>>>;

/// The refresh in flight.
pub(crate) struct InflightRefresh {
    refresh_token: RefreshToken,
    /// Joined under the state lock, while the refresh is registered here.
    waiters: Waiters,
}

/// After a transient failure: the token is left alone until `until`.
pub(crate) struct Cooldown {
    refresh_token: RefreshToken,
    until: Duration,
    failures: u32,
    error: Error,
}

/// A refresh's result, as one of its waiters receives it.
pub(crate) type RefreshOutcome = futures_util::future::Map<
    oneshot::Receiver<RefreshResult>,
    fn(Result<RefreshResult, oneshot::Canceled>) -> RefreshResult,
>;

fn received(outcome: Result<RefreshResult, oneshot::Canceled>) -> RefreshResult {
    outcome.unwrap_or(Err(Error::Cancelled))
}

fn waiters(waiters: &Waiters) -> MutexGuard<'_, Vec<oneshot::Sender<RefreshResult>>> {
    waiters
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A refresh in flight, as its task holds it: however the task ends (done,
/// or dropped midway: a panic in app-supplied code, a runtime shutting
/// down), the refresh is unregistered and every waiter answered.
struct RefreshTask {
    inner: Arc<Inner>,
    /// Taken by the one answer.
    waiters: Option<Waiters>,
}

impl RefreshTask {
    /// Unregisters the refresh (under the state lock, where joining
    /// happens, so no one joins afterwards) and answers every waiter; only
    /// the first call does anything.
    fn answer(&mut self, result: RefreshResult) {
        let Some(waiting) = self.waiters.take() else {
            return;
        };
        {
            let mut state = self.inner.lock();
            if state
                .inflight
                .as_ref()
                .is_some_and(|inflight| Arc::ptr_eq(&inflight.waiters, &waiting))
            {
                state.inflight = None;
            }
        }
        for waiter in waiters(&waiting).drain(..) {
            let _ = waiter.send(result.clone());
        }
    }
}

impl Drop for RefreshTask {
    /// A task that never finished answers `Cancelled`.
    fn drop(&mut self) {
        self.answer(Err(Error::Cancelled));
    }
}

impl Inner {
    /// Whether the backend has a refresh operation; `false` at compile time
    /// in builds without a backend that has one (the `refresh` feature, on
    /// with `spree` and `spryker`), so that the refresh machinery is left out
    /// of them (the npm package's Magento entries).
    pub(super) fn supports_refresh(&self) -> bool {
        crate::REFRESHES_SESSIONS && self.capabilities.supports_refresh
    }

    /// After the server rejected the held access token: refresh, or end the
    /// session when it cannot be renewed (TL-4.9).
    pub(super) async fn renew_after_rejection(
        self: &Arc<Self>,
    ) -> Result<crate::secret::AccessToken, Error> {
        let can_refresh = self
            .lock()
            .tokens
            .as_ref()
            .is_some_and(|t| t.refresh.is_some())
            && self.supports_refresh();
        if !can_refresh {
            self.end_session(SignOutReason::SessionExpired).await;
            return Err(Error::SessionExpired { api: None });
        }
        match self.shared_refresh()?.await {
            Ok(()) => self.current_access_token().ok_or(Error::Unauthenticated {
                refreshed: true,
                api: None,
            }),
            Err(error @ Error::SessionExpired { .. }) => {
                self.end_session(SignOutReason::SessionExpired).await;
                Err(error)
            }
            Err(error) => Err(error),
        }
    }

    /// Joins the refresh in flight for the held refresh token, or starts
    /// one (TL-4.1). The check and the registration happen under one lock,
    /// before any await; the refresh runs as its own task (TL-4.2).
    pub(crate) fn shared_refresh(self: &Arc<Self>) -> Result<RefreshOutcome, Error> {
        if !self.supports_refresh() {
            return Err(crate::backend::unsupported(
                "auth.refresh",
                self.backend.kind(),
            ));
        }
        let mut state = self.lock();
        let refresh_token = match state.tokens.as_ref() {
            None => {
                return Err(Error::Unauthenticated {
                    refreshed: false,
                    api: None,
                });
            }
            Some(tokens) => tokens
                .refresh
                .clone()
                .ok_or(Error::SessionExpired { api: None })?,
        };
        let (sender, receiver) = oneshot::channel();
        let outcome = receiver.map(received as fn(_) -> _);
        if let Some(inflight) = &state.inflight {
            if inflight.refresh_token == refresh_token {
                waiters(&inflight.waiters).push(sender);
                return Ok(outcome);
            }
        }
        if let Some(cooldown) = &state.cooldown {
            if cooldown.refresh_token == refresh_token
                && self.clock.now_monotonic() < cooldown.until
            {
                let _ = sender.send(Err(cooldown.error.clone()));
                return Ok(outcome);
            }
        }
        let epoch = state.epoch;
        let waiting: Waiters = Arc::new(Mutex::new(vec![sender]));
        state.inflight = Some(InflightRefresh {
            refresh_token: refresh_token.clone(),
            waiters: Arc::clone(&waiting),
        });
        drop(state);
        let mut task = RefreshTask {
            inner: Arc::clone(self),
            waiters: Some(waiting),
        };
        platform::spawn(Box::pin(async move {
            let result = task.inner.refresh_once(&refresh_token, epoch).await;
            task.answer(result);
        }));
        Ok(outcome)
    }

    async fn refresh_once(
        self: &Arc<Self>,
        refresh_token: &RefreshToken,
        epoch: u64,
    ) -> RefreshResult {
        let _guard = match &self.refresh_lock {
            Some(lock) => lock.acquire(&self.storage_key).await,
            None => None,
        };
        // The session changed while this refresh waited for the lock (another
        // tab's tokens were adopted, or a logout or login happened).
        if self.lock().epoch != epoch {
            return Ok(());
        }
        // Another tab or process may have spent this token already (TL-7.3):
        // its tokens are in the store, and this one must not be sent again.
        let stored = self.store.get(&self.storage_key).await.ok().flatten();
        if let Some(stored) =
            stored.and_then(|raw| StoredSession::parse(&raw, self.backend.kind().name()))
        {
            if stored.refresh.as_ref() != Some(refresh_token) {
                self.adopt_stored_session().await;
                return Ok(());
            }
        }
        let issued = Slot::new();
        let plan = issued.fill(self.backend.refresh(refresh_token)?);
        // A key only where the backend honours one (and the build has the
        // header: key derivation is left out of builds without one).
        let key = (self.capabilities.idempotent_refresh && self.idempotency_header().is_some())
            .then(|| refresh_idempotency_key(refresh_token));
        let dispatch = Dispatch::for_refresh(self, key);
        match self
            .drive(plan, &dispatch)
            .await
            .and_then(|()| issued.take())
        {
            Ok(issued) => self.commit_refresh(refresh_token, epoch, issued).await,
            Err(error @ Error::SessionExpired { .. }) => {
                self.refresh_rejected(refresh_token, epoch, error).await
            }
            Err(error) => {
                self.refresh_failed(refresh_token, error.clone());
                Err(error)
            }
        }
    }

    /// Commits a refresh (TL-4.6): guard, store, memory, then the event.
    async fn commit_refresh(
        self: &Arc<Self>,
        spent: &RefreshToken,
        epoch: u64,
        issued: IssuedSession,
    ) -> RefreshResult {
        let mut tokens = self.tokens_from(&issued);
        let info = {
            let _commit = self.commit.lock().await;
            let held_subject = {
                let state = self.lock();
                let current = state.epoch == epoch
                    && state.tokens.as_ref().and_then(|t| t.refresh.as_ref()) == Some(spent);
                current.then(|| state.tokens.as_ref().and_then(|t| t.subject.clone()))
            };
            let Some(held_subject) = held_subject else {
                drop(_commit);
                self.discard(tokens);
                return Ok(());
            };
            // A refresh response seldom names the customer again.
            tokens.subject = tokens.subject.or(held_subject);
            self.persist(Some(&tokens)).await;
            let mut state = self.lock();
            state.epoch += 1;
            state.tokens = Some(tokens);
            if let Some(user) = issued.user {
                state.user = Some(user);
            }
            state.cooldown = None;
            state.expiring_announced = false;
            info_of(&state)
        };
        self.wake_scheduler();
        if let Some(info) = info {
            self.emit(SessionEvent::TokenRefreshed(info));
        }
        Ok(())
    }

    /// Revokes tokens that the commit guard threw away.
    fn discard(self: &Arc<Self>, tokens: crate::session::Tokens) {
        drop(self.revoke(tokens));
    }

    /// A terminal refresh failure drops the refresh token only (TL-4.9).
    async fn refresh_rejected(
        &self,
        spent: &RefreshToken,
        epoch: u64,
        error: Error,
    ) -> RefreshResult {
        let expired = {
            let _commit = self.commit.lock().await;
            let tokens = {
                let mut state = self.lock();
                let current = state.epoch == epoch;
                match state.tokens.as_mut() {
                    Some(tokens) if current && tokens.refresh.as_ref() == Some(spent) => {
                        tokens.refresh = None;
                        Some(tokens.clone())
                    }
                    _ => None,
                }
            };
            let Some(tokens) = tokens else {
                return Err(error);
            };
            self.persist(Some(&tokens)).await;
            let (now_monotonic, now_wall) = self.now();
            tokens
                .remaining(now_monotonic, now_wall)
                .is_some_and(|left| left.is_zero())
        };
        self.emit(SessionEvent::RefreshFailed {
            transient: false,
            error: error.clone(),
        });
        if expired {
            self.end_session(SignOutReason::SessionExpired).await;
        }
        Err(error)
    }

    /// A transient failure keeps the session and starts a cooldown (TL-4.3).
    fn refresh_failed(&self, spent: &RefreshToken, error: Error) {
        {
            let mut state = self.lock();
            let failures = match &state.cooldown {
                Some(cooldown) if &cooldown.refresh_token == spent => cooldown.failures + 1,
                _ => 1,
            };
            let wait = Duration::from_secs(1u64 << failures.min(6)).min(MAX_REFRESH_COOLDOWN);
            state.cooldown = Some(Cooldown {
                refresh_token: spent.clone(),
                until: self.clock.now_monotonic() + wait,
                failures,
                error: error.clone(),
            });
        }
        self.emit(SessionEvent::RefreshFailed {
            transient: error.is_transient(),
            error,
        });
    }
}
