//! The session the client holds, and every change of it: loading and
//! persisting the stored record, adopting another tab's tokens, signing in
//! and out (with the server-side revocation), and handing out a usable
//! access token.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use futures_channel::oneshot;

use super::Inner;
use super::refresh::{Cooldown, InflightRefresh};
use crate::backend::{Context, EndedSession, IssuedSession};
use crate::client::CallOptions;
use crate::error::Error;
use crate::events::{SessionEvent, SessionInfo, SignOutReason};
use crate::models::{AuthResponse, Customer};
use crate::platform;
use crate::secret::{AccessToken, RefreshToken};
use crate::session::{Expiry, StoredSession, Tokens, jwt_expires_at, token_ttl};

/// The session as held in memory.
#[derive(Default)]
pub(crate) struct State {
    /// Bumped by every change of the session (the commit guard's witness).
    pub epoch: u64,
    pub tokens: Option<Tokens>,
    pub user: Option<Customer>,
    pub inflight: Option<InflightRefresh>,
    pub cooldown: Option<Cooldown>,
    pub expiring_announced: bool,
}

/// The token store failed (already reported as `StorageUnavailable`).
pub(super) struct StoreFailed;

pub(super) fn info_of(state: &State) -> Option<SessionInfo> {
    state.tokens.as_ref().map(|tokens| SessionInfo {
        expires_at_ms: tokens.expires_at_ms(),
        has_refresh_token: tokens.refresh.is_some(),
        user: state.user.clone(),
    })
}

impl Inner {
    pub(super) fn emit(&self, event: SessionEvent) {
        self.events.send(&event);
    }

    pub(super) fn session_info(&self) -> Option<SessionInfo> {
        let state = self.lock();
        info_of(&state)
    }

    // ----- storage -------------------------------------------------------

    /// Reads the stored session the first time it is needed; callers that
    /// come meanwhile wait for that read.
    pub(crate) async fn ensure_loaded(&self) {
        if self.loaded.load(Ordering::Acquire) {
            return;
        }
        let _commit = self.commit.lock().await;
        if self.loaded.load(Ordering::Acquire) {
            return;
        }
        let restored = self.read_stored_session().await.ok().flatten();
        let mut state = self.lock();
        if state.epoch == 0 && state.tokens.is_none() {
            state.tokens = restored;
        }
        self.loaded.store(true, Ordering::Release);
    }

    /// Reads the stored session; a corrupt record is removed and reported
    /// (and reads as none). `Err` when the store itself failed (reported).
    pub(super) async fn read_stored_session(&self) -> Result<Option<Tokens>, StoreFailed> {
        let raw = match self.store.get(&self.storage_key).await {
            Ok(Some(raw)) => raw,
            Ok(None) => return Ok(None),
            Err(error) => {
                self.emit(SessionEvent::StorageUnavailable {
                    message: error.message,
                });
                return Err(StoreFailed);
            }
        };
        let parsed = StoredSession::parse(&raw, self.backend.kind().name());
        if parsed.is_none() {
            let _ = self.store.remove(&self.storage_key).await;
            self.emit(SessionEvent::StorageCorrupted);
        }
        Ok(parsed)
    }

    pub(super) async fn persist(&self, tokens: Option<&Tokens>) {
        let result = match tokens {
            Some(tokens) => {
                let record = StoredSession::from_tokens(tokens, self.backend.kind().name());
                let raw = record.to_json();
                self.store.set(&self.storage_key, &raw).await
            }
            None => self.store.remove(&self.storage_key).await,
        };
        if let Err(error) = result {
            self.emit(SessionEvent::StorageUnavailable {
                message: error.message,
            });
        }
    }

    /// Adopts the stored session if it differs from the held one (another
    /// tab or process rotated it or signed out). Returns whether it changed.
    pub(super) async fn adopt_stored_session(&self) -> bool {
        let _commit = self.commit.lock().await;
        // A store that cannot be read says nothing about other tabs.
        let Ok(stored) = self.read_stored_session().await else {
            return false;
        };
        let event = {
            let mut state = self.lock();
            let held = state.tokens.as_ref().map(|t| t.access.clone());
            let stored_access = stored.as_ref().map(|t| t.access.clone());
            if held == stored_access {
                return false;
            }
            let signed_in = held.is_none();
            let signed_out = stored.is_none();
            state.tokens = stored;
            state.epoch += 1;
            state.cooldown = None;
            state.expiring_announced = false;
            if signed_out {
                state.user = None;
                SessionEvent::SignedOut {
                    reason: SignOutReason::RevokedElsewhere,
                }
            } else {
                match info_of(&state) {
                    Some(info) if signed_in => SessionEvent::SignedIn(info),
                    Some(info) => SessionEvent::TokenRefreshed(info),
                    None => return true,
                }
            }
        };
        self.wake_scheduler();
        self.emit(event);
        true
    }

    // ----- session changes ----------------------------------------------

    /// The tokens to hold for `issued`, their expiry estimated at receipt.
    pub(super) fn tokens_from(&self, issued: &IssuedSession) -> Tokens {
        let (now_monotonic, now_wall) = self.now();
        let expiry = self.capabilities.tokens_expire.then(|| {
            let ttl = token_ttl(
                issued.expires_in,
                &issued.access,
                issued.server_date_ms,
                self.capabilities.default_ttl,
                self.config.max_ttl,
            )
            .unwrap_or(self.config.max_ttl);
            Expiry::from_receipt(ttl, now_monotonic, now_wall)
        });
        Tokens {
            access: issued.access.clone(),
            refresh: issued.refresh.clone(),
            expiry,
            received_at_ms: now_wall,
            subject: issued.subject.clone(),
        }
    }

    /// The one path that establishes a session: login, registration,
    /// password-reset completion and an adopted session (TL-12.2). Where the
    /// wire returned no customer, the profile is read once with the new token
    /// first; the session is held only when that worked.
    pub(crate) async fn sign_in(
        self: &Arc<Self>,
        mut issued: IssuedSession,
    ) -> Result<AuthResponse, Error> {
        let user = self.user_of(&mut issued).await?;
        // The customer's id is what later paths name.
        issued.subject = Some(user.id.clone());
        let tokens = self.tokens_from(&issued);
        let info = {
            let _commit = self.commit.lock().await;
            self.persist(Some(&tokens)).await;
            let mut state = self.lock();
            state.epoch += 1;
            state.tokens = Some(tokens);
            state.user = Some(user.clone());
            state.cooldown = None;
            state.expiring_announced = false;
            info_of(&state)
        };
        self.wake_scheduler();
        if let Some(info) = info {
            self.emit(SessionEvent::SignedIn(info));
        }
        Ok(AuthResponse::new(issued.access, issued.refresh, user))
    }

    /// What `issued` stands for, without holding it as the session (the
    /// profile is read with its token where the wire returned none).
    pub(crate) async fn without_session(
        self: &Arc<Self>,
        mut issued: IssuedSession,
    ) -> Result<AuthResponse, Error> {
        let user = self.user_of(&mut issued).await?;
        Ok(AuthResponse::new(issued.access, issued.refresh, user))
    }

    /// The customer of `issued`: as the wire returned it, or read once with
    /// its token.
    async fn user_of(self: &Arc<Self>, issued: &mut IssuedSession) -> Result<Customer, Error> {
        match issued.user.take() {
            Some(user) => Ok(user),
            None => self.read_profile_with(issued).await,
        }
    }

    /// The profile as the new tokens of `issued` see it.
    async fn read_profile_with(
        self: &Arc<Self>,
        issued: &IssuedSession,
    ) -> Result<Customer, Error> {
        let context = Context {
            subject: issued.subject.clone(),
            access_token: Some(issued.access.clone()),
        };
        let options = CallOptions::new().token(issued.access.clone());
        self.call(&options, false, move |backend, _| {
            backend.get_customer(&context)
        })
        .await
    }

    /// Adopts tokens made elsewhere (`Client::set_session`). A JWT's expiry
    /// is its `exp` against the local clock (the token was not received
    /// now). An access token that has expired by then, or that the server
    /// rejects, is renewed with the refresh token where the backend has
    /// refresh; the session is held only once the profile was read.
    pub(crate) async fn adopt_session(
        self: &Arc<Self>,
        access: AccessToken,
        refresh: Option<RefreshToken>,
    ) -> Result<AuthResponse, Error> {
        self.check_live()?;
        if access.expose_secret().trim().is_empty() {
            return Err(Error::invalid_input("token must not be empty"));
        }
        let expires_in = jwt_expires_at(&access).map(|exp| {
            let left_ms = exp.saturating_mul(1000) - self.clock.now_wall_ms();
            Duration::from_millis(left_ms.max(0) as u64)
        });
        let renewal = refresh.clone().filter(|_| self.supports_refresh());
        let issued = IssuedSession {
            access,
            refresh,
            expires_in,
            server_date_ms: None,
            subject: None,
            user: None,
        };
        let Some(renewal) = renewal else {
            return self.sign_in(issued).await;
        };
        if expires_in != Some(Duration::ZERO) {
            match self.sign_in(issued).await {
                Err(Error::Unauthenticated { .. }) => {}
                other => return other,
            }
        }
        let renewed = self
            .call(&CallOptions::new(), false, |backend, _| {
                backend.refresh(&renewal)
            })
            .await?;
        self.sign_in(renewed).await
    }

    /// Ends the session locally and reports why; returns what ended.
    pub(super) async fn end_session(&self, reason: SignOutReason) -> Option<Tokens> {
        let previous = {
            let _commit = self.commit.lock().await;
            let previous = {
                let mut state = self.lock();
                state.epoch += 1;
                state.user = None;
                state.cooldown = None;
                state.tokens.take()
            };
            self.persist(None).await;
            previous
        };
        self.wake_scheduler();
        if previous.is_some() {
            self.emit(SessionEvent::SignedOut { reason });
        }
        previous
    }

    /// Logout (TL-12.1): clear first, then revoke on the server. Waits for
    /// the revocation, which runs as its own task (a cancelled logout still
    /// revokes) and whose failures are ignored.
    pub(crate) async fn logout(self: &Arc<Self>) {
        self.ensure_loaded().await;
        let Some(previous) = self.end_session(SignOutReason::UserLogout).await else {
            return;
        };
        let _ = self.revoke(previous).await;
    }

    /// Best-effort server-side end of a session that ended locally, as a
    /// task of its own; the receiver hears when it is over.
    pub(super) fn revoke(self: &Arc<Self>, ended: Tokens) -> oneshot::Receiver<()> {
        let (done, finished) = oneshot::channel();
        let inner = Arc::clone(self);
        platform::spawn(Box::pin(async move {
            inner.revoke_now(ended).await;
            let _ = done.send(());
        }));
        finished
    }

    async fn revoke_now(self: &Arc<Self>, ended: Tokens) {
        let (now_monotonic, now_wall) = self.now();
        let ended = EndedSession {
            access_expired: ended
                .remaining(now_monotonic, now_wall)
                .is_some_and(|left| left.is_zero()),
            access: ended.access,
            refresh: ended.refresh,
        };
        let Some(plan) = self.backend.revoke(&ended) else {
            return;
        };
        if let Err(error) = self.call(&CallOptions::new(), false, |_, _| Ok(plan)).await {
            tracing::debug!(code = error.code(), "revoking a session failed");
        }
    }

    pub(crate) fn remember_user(&self, user: &Customer) {
        let changed = {
            let mut state = self.lock();
            if state.tokens.is_none() || state.user.as_ref() == Some(user) {
                false
            } else {
                state.user = Some(user.clone());
                true
            }
        };
        if changed {
            self.emit(SessionEvent::UserUpdated(user.clone()));
        }
    }

    /// What operations need to know of the held session, or of the call's
    /// token when it overrides the session.
    pub(crate) async fn context(&self, options: &CallOptions) -> Context {
        if let Some(token) = &options.token {
            return Context {
                subject: None,
                access_token: Some(token.clone()),
            };
        }
        self.ensure_loaded().await;
        let state = self.lock();
        match &state.tokens {
            Some(tokens) => Context {
                subject: tokens.subject.clone(),
                access_token: Some(tokens.access.clone()),
            },
            None => Context::default(),
        }
    }

    // ----- access tokens ------------------------------------------------

    /// A usable access token, refreshed first when less than the margin
    /// remains (TL-5.1).
    pub(crate) async fn access_token(self: &Arc<Self>) -> Result<AccessToken, Error> {
        self.ensure_loaded().await;
        let (token, remaining, can_refresh, expires_at_ms) = {
            let state = self.lock();
            let Some(tokens) = state.tokens.as_ref() else {
                return Err(Error::Unauthenticated {
                    refreshed: false,
                    api: None,
                });
            };
            let Some(expiry) = tokens.expiry else {
                return Ok(tokens.access.clone());
            };
            let (now_monotonic, now_wall) = self.now();
            let remaining = expiry.remaining(now_monotonic, now_wall);
            if remaining > self.margin(expiry.ttl) {
                return Ok(tokens.access.clone());
            }
            (
                tokens.access.clone(),
                remaining,
                tokens.refresh.is_some() && self.supports_refresh(),
                expiry.expires_at_ms,
            )
        };
        if !can_refresh {
            if remaining > Duration::ZERO {
                self.announce_expiring(expires_at_ms);
                return Ok(token);
            }
            self.end_session(SignOutReason::SessionExpired).await;
            return Err(Error::SessionExpired { api: None });
        }
        match self.shared_refresh()?.await {
            Ok(_) => self.current_access_token().ok_or(Error::Unauthenticated {
                refreshed: true,
                api: None,
            }),
            // The old token still works: use it, the session is kept.
            Err(_) if remaining > Duration::ZERO => Ok(token),
            Err(error @ Error::SessionExpired { .. }) => {
                self.end_session(SignOutReason::SessionExpired).await;
                Err(error)
            }
            Err(error) => Err(error),
        }
    }

    fn announce_expiring(&self, at_ms: i64) {
        let first = {
            let mut state = self.lock();
            !std::mem::replace(&mut state.expiring_announced, true)
        };
        if first {
            self.emit(SessionEvent::SessionExpiring { at_ms });
        }
    }

    pub(super) fn current_access_token(&self) -> Option<AccessToken> {
        self.lock().tokens.as_ref().map(|t| t.access.clone())
    }
}
