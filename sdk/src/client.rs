//! The client: configuration, the request pipeline (retries, timeouts,
//! idempotency keys, 401 replay) and the session it owns (single-flight
//! refresh, commit guard, events).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use futures_channel::oneshot;
use futures_util::future::{self, Either, FutureExt};
use tracing::Instrument;

use crate::backend::{ApiRequest, Auth, Backend, BackendKind, Capabilities, IssuedSession};
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Phase};
use crate::events::{EventHub, SessionEvent, SessionInfo, SignOutReason, Subscription};
use crate::models::{AuthResponse, Customer};
use crate::platform;
use crate::retry::{RetryPolicy, http_date_ms, is_retriable_status, parse_retry_after};
use crate::secret::{AccessToken, RefreshToken};
use crate::session::{Expiry, StoredSession, Tokens, refresh_idempotency_key, token_ttl};
use crate::store::{MemoryStore, RefreshLock, TokenStore};
use crate::transport::{HttpRequest, HttpResponse, Transport};

/// Events a slow subscriber may fall behind by before it sees `Lagged`.
const EVENT_BUFFER: usize = 64;
/// The longest a failed refresh token is left alone before the next try.
const MAX_REFRESH_COOLDOWN: Duration = Duration::from_secs(60);

/// Options for one call.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// Use this access token instead of the held session (server-side use
    /// with many users). The session is neither read nor changed.
    pub token: Option<AccessToken>,
    /// The overall deadline of the call, retries included.
    pub timeout: Option<Duration>,
    /// The idempotency key of a mutation (default: a fresh UUID per call).
    pub idempotency_key: Option<String>,
}

/// A signed-in session with its tokens, as [`Client::get_session`] returns it.
#[derive(Debug, Clone)]
pub struct Session {
    /// The access token.
    pub token: AccessToken,
    /// The refresh token, while the session can be renewed.
    pub refresh_token: Option<RefreshToken>,
    /// When the access token expires (Unix ms, local wall-clock estimate).
    pub expires_at_ms: i64,
    /// The customer, when the SDK has seen the profile.
    pub user: Option<Customer>,
}

/// Builds a [`Client`].
pub struct ClientBuilder {
    base_url: String,
    publishable_key: Option<String>,
    backend: BackendKind,
    store: Option<Arc<dyn TokenStore>>,
    storage_key: Option<String>,
    refresh_lock: Option<Arc<dyn RefreshLock>>,
    transport: Option<Arc<dyn Transport>>,
    clock: Option<Arc<dyn Clock>>,
    config: Config,
}

#[derive(Debug, Clone)]
struct Config {
    retry: RetryPolicy,
    attempt_timeout: Duration,
    call_deadline: Duration,
    refresh_attempt_timeout: Duration,
    refresh_deadline: Duration,
    refresh_margin: Option<Duration>,
    max_ttl: Duration,
    auto_idempotency_keys: bool,
    #[cfg(feature = "background-refresh")]
    auto_refresh: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            retry: RetryPolicy::default(),
            attempt_timeout: Duration::from_secs(10),
            call_deadline: Duration::from_secs(30),
            refresh_attempt_timeout: Duration::from_secs(10),
            refresh_deadline: Duration::from_secs(30),
            refresh_margin: None,
            max_ttl: Duration::from_secs(30 * 86_400),
            auto_idempotency_keys: true,
            #[cfg(feature = "background-refresh")]
            auto_refresh: false,
        }
    }
}

impl ClientBuilder {
    /// The publishable (storefront) API key.
    pub fn publishable_key(mut self, key: impl Into<String>) -> Self {
        self.publishable_key = Some(key.into());
        self
    }

    /// The backend (Spree by default).
    pub fn backend(mut self, backend: BackendKind) -> Self {
        self.backend = backend;
        self
    }

    /// Where the session is kept (default: a [`MemoryStore`] of this client).
    pub fn token_store(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.store = Some(store);
        self
    }

    /// The key of the session record in the store (default: namespaced by
    /// backend and base URL).
    pub fn storage_key(mut self, key: impl Into<String>) -> Self {
        self.storage_key = Some(key.into());
        self
    }

    /// A lock shared with other tabs or processes around each refresh
    /// (default: none; single-flight within this client always applies).
    pub fn refresh_lock(mut self, lock: Arc<dyn RefreshLock>) -> Self {
        self.refresh_lock = Some(lock);
        self
    }

    /// The HTTP transport (default: reqwest natively, `fetch` on wasm32).
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The clock for expiry, backoff and timeouts (default: the system's).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// The retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.config.retry = policy;
        self
    }

    /// The timeout of one attempt (default 10 s).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.config.attempt_timeout = timeout;
        self
    }

    /// The overall deadline of a call, retries included (default 30 s).
    pub fn call_deadline(mut self, deadline: Duration) -> Self {
        self.config.call_deadline = deadline;
        self
    }

    /// The timeout of one refresh attempt (default 10 s); refreshes are not
    /// bound by any caller's deadline.
    pub fn refresh_timeout(mut self, timeout: Duration) -> Self {
        self.config.refresh_attempt_timeout = timeout;
        self.config.refresh_deadline = self.config.refresh_deadline.max(timeout);
        self
    }

    /// Refresh when less than this is left (default: `min(300 s, 25 % of TTL)`).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.config.refresh_margin = Some(margin);
        self
    }

    /// Attach an `Idempotency-Key` to every mutation (default true).
    pub fn auto_idempotency_keys(mut self, enabled: bool) -> Self {
        self.config.auto_idempotency_keys = enabled;
        self
    }

    /// Run a background timer that refreshes before expiry (default off:
    /// refresh on read always runs; constructing a client starts no timer).
    /// Needs the `background-refresh` feature (on by default).
    #[cfg(feature = "background-refresh")]
    pub fn auto_refresh(mut self, enabled: bool) -> Self {
        self.config.auto_refresh = enabled;
        self
    }

    /// Builds the client. Touches no storage and no network.
    // On wasm32 nothing is `Send`; one `Arc` keeps the code the same on both.
    #[cfg_attr(target_arch = "wasm32", allow(clippy::arc_with_non_send_sync))]
    pub fn build(self) -> Result<Client, Error> {
        let publishable_key = self.publishable_key.ok_or_else(|| Error::Config {
            message: "a publishable key is required".into(),
            api: None,
        })?;
        let origin = self.base_url.trim().trim_end_matches('/').to_owned();
        if !(origin.starts_with("http://") || origin.starts_with("https://")) {
            return Err(Error::Config {
                message: "the base URL must start with http:// or https://".into(),
                api: None,
            });
        }
        let backend = self.backend.create(publishable_key);
        let storage_key = self
            .storage_key
            .unwrap_or_else(|| format!("storefront-sdk:v1:{}:{origin}", backend.name()));
        let transport = match self.transport {
            Some(transport) => transport,
            None => platform::default_transport()?,
        };
        let inner = Arc::new(Inner {
            api_base: format!("{origin}{}", backend.api_prefix()),
            capabilities: backend.capabilities(),
            backend,
            transport,
            clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
            store: self.store.unwrap_or_else(|| Arc::new(MemoryStore::new())),
            storage_key,
            refresh_lock: self.refresh_lock,
            config: self.config,
            state: Mutex::new(State::default()),
            commit: futures_util::lock::Mutex::new(()),
            loaded: AtomicBool::new(false),
            events: EventHub::new(EVENT_BUFFER),
            scheduler_wake: Mutex::new(None),
            disposed: AtomicBool::new(false),
        });
        #[cfg(feature = "background-refresh")]
        if inner.config.auto_refresh {
            platform::spawn(Box::pin(run_scheduler(Arc::downgrade(&inner))));
        }
        Ok(Client { inner })
    }
}

/// The customer-account client. Cheap to clone: clones share the session.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("api_base", &self.inner.api_base)
            .field("backend", &self.inner.backend.name())
            .finish()
    }
}

impl Client {
    /// Starts building a client for the store at `base_url` (its origin).
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.into(),
            publishable_key: None,
            backend: BackendKind::default(),
            store: None,
            storage_key: None,
            refresh_lock: None,
            transport: None,
            clock: None,
            config: Config::default(),
        }
    }

    /// What the backend's token model offers.
    pub fn capabilities(&self) -> Capabilities {
        self.inner.capabilities
    }

    /// The key of the session record in the token store.
    pub fn storage_key(&self) -> &str {
        &self.inner.storage_key
    }

    /// The session held in memory right now, without loading, refreshing
    /// or any I/O (for event handlers); `None` when signed out.
    pub fn current_session(&self) -> Option<Session> {
        let state = self.inner.lock();
        state.tokens.as_ref().map(|tokens| Session {
            token: tokens.access.clone(),
            refresh_token: tokens.refresh.clone(),
            expires_at_ms: tokens.expiry.expires_at_ms,
            user: state.user.clone(),
        })
    }

    /// Subscribes to session events; the first one is `InitialSession`.
    pub async fn subscribe(&self) -> Subscription {
        let subscription = self.inner.events.subscribe();
        self.inner.ensure_loaded().await;
        subscription.starting_with(self.inner.session_info())
    }

    /// The current session without secrets, as far as it is loaded.
    pub async fn session_info(&self) -> Option<SessionInfo> {
        self.inner.ensure_loaded().await;
        self.inner.session_info()
    }

    /// The session with its tokens, refreshed first if the access token has
    /// expired or is about to; `None` when signed out.
    pub async fn get_session(&self) -> Result<Option<Session>, Error> {
        self.inner.ensure_loaded().await;
        if self.inner.lock().tokens.is_none() {
            return Ok(None);
        }
        let token = match self.inner.access_token().await {
            Ok(token) => token,
            Err(Error::Unauthenticated { .. } | Error::SessionExpired { .. }) => return Ok(None),
            Err(error) => return Err(error),
        };
        let state = self.inner.lock();
        Ok(state.tokens.as_ref().map(|tokens| Session {
            token,
            refresh_token: tokens.refresh.clone(),
            expires_at_ms: tokens.expiry.expires_at_ms,
            user: state.user.clone(),
        }))
    }

    /// A fresh access token for the app's own calls to the store (carts,
    /// orders), refreshed first if needed.
    pub async fn access_token(&self) -> Result<AccessToken, Error> {
        self.inner.access_token().await
    }

    /// Re-reads the token store and adopts what another tab or process wrote
    /// there (new tokens, or a sign-out). Meant for stores shared between
    /// clients; a store that cannot be read changes nothing.
    pub async fn reload_session(&self) {
        self.inner.ensure_loaded().await;
        self.inner.adopt_stored_session().await;
    }

    /// Stops the background timer and ends every subscription. Calls still
    /// work afterwards, but emit no events.
    pub fn dispose(&self) {
        self.inner.disposed.store(true, Ordering::SeqCst);
        self.inner.wake_scheduler();
        self.inner.events.close();
    }
}

#[derive(Default)]
pub(crate) struct State {
    epoch: u64,
    tokens: Option<Tokens>,
    user: Option<Customer>,
    inflight: Option<InflightRefresh>,
    cooldown: Option<Cooldown>,
    expiring_announced: bool,
}

/// What a refresh yields: the server's response, or `None` when the tokens
/// came from storage or the result was discarded by the commit guard.
type RefreshResult = Result<Option<AuthResponse>, Error>;
/// Those waiting for a refresh's result; the refresh sends it to each.
type Waiters = Arc<Mutex<Vec<oneshot::Sender<RefreshResult>>>>;

struct InflightRefresh {
    refresh_token: RefreshToken,
    /// Joined under the state lock, while the refresh is registered here.
    waiters: Waiters,
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
struct Registration {
    inner: Arc<Inner>,
    /// Taken by the one answer.
    waiters: Option<Waiters>,
}

impl Registration {
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

    /// Answers with the refresh's result.
    fn finish(mut self, result: RefreshResult) {
        self.answer(result);
    }
}

impl Drop for Registration {
    /// A task that never finished answers `Cancelled`.
    fn drop(&mut self) {
        self.answer(Err(Error::Cancelled));
    }
}

struct Cooldown {
    refresh_token: RefreshToken,
    until: Duration,
    failures: u32,
    error: Error,
}

pub(crate) struct Inner {
    api_base: String,
    backend: Box<dyn Backend>,
    capabilities: Capabilities,
    transport: Arc<dyn Transport>,
    clock: Arc<dyn Clock>,
    store: Arc<dyn TokenStore>,
    storage_key: String,
    refresh_lock: Option<Arc<dyn RefreshLock>>,
    config: Config,
    state: Mutex<State>,
    /// Serialises every change of the session that also writes the store,
    /// so that the store never holds a session the memory has dropped.
    commit: futures_util::lock::Mutex<()>,
    /// Whether the stored session has been read (once, under `commit`).
    loaded: AtomicBool,
    events: EventHub,
    /// Wakes the background refresh, which puts a new one here each round
    /// (dropping it with the client wakes it too, to end).
    scheduler_wake: Mutex<Option<oneshot::Sender<()>>>,
    disposed: AtomicBool,
}

/// The token store failed (already reported as `StorageUnavailable`).
struct StoreFailed;

/// How a request is sent: with which token, key and time limits.
struct Dispatch<'a> {
    bearer: Option<&'a AccessToken>,
    idempotency_key: Option<&'a str>,
    replay_safe: bool,
    attempt_timeout: Duration,
    deadline: Duration,
}

impl Inner {
    pub(crate) fn backend(&self) -> &dyn Backend {
        self.backend.as_ref()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Tells the background refresh that the session changed.
    fn wake_scheduler(&self) {
        let wake = self
            .scheduler_wake
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        if let Some(wake) = wake {
            let _ = wake.send(());
        }
    }

    fn emit(&self, event: SessionEvent) {
        self.events.send(&event);
    }

    fn now(&self) -> (Duration, i64) {
        (self.clock.now_monotonic(), self.clock.now_wall_ms())
    }

    fn session_info(&self) -> Option<SessionInfo> {
        let state = self.lock();
        info_of(&state)
    }

    fn margin(&self, ttl: Duration) -> Duration {
        self.config
            .refresh_margin
            .unwrap_or_else(|| (ttl / 4).min(Duration::from_secs(300)))
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
    async fn read_stored_session(&self) -> Result<Option<Tokens>, StoreFailed> {
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
        let parsed = StoredSession::parse(&raw, self.backend.name());
        if parsed.is_none() {
            let _ = self.store.remove(&self.storage_key).await;
            self.emit(SessionEvent::StorageCorrupted);
        }
        Ok(parsed)
    }

    async fn persist(&self, tokens: Option<&Tokens>) {
        let result = match tokens {
            Some(tokens) => {
                let record = StoredSession::from_tokens(tokens, self.backend.name());
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
    async fn adopt_stored_session(&self) -> bool {
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

    fn tokens_from(&self, issued: &IssuedSession, response: &HttpResponse) -> Tokens {
        let (now_monotonic, now_wall) = self.now();
        let server_date = response.header("date").and_then(http_date_ms);
        let ttl = token_ttl(
            issued.expires_in,
            &issued.auth.token,
            server_date,
            self.capabilities.default_ttl,
            self.config.max_ttl,
        )
        .unwrap_or(self.config.max_ttl);
        Tokens {
            access: issued.auth.token.clone(),
            refresh: issued.auth.refresh_token.clone(),
            expiry: Expiry::from_receipt(ttl, now_monotonic, now_wall),
            user_id: Some(issued.auth.user.id.clone()),
        }
    }

    /// The one path that establishes a session: login, registration and
    /// password-reset completion (TL-12.2).
    pub(crate) async fn establish(&self, issued: &IssuedSession, response: &HttpResponse) {
        let tokens = self.tokens_from(issued, response);
        let info = {
            let _commit = self.commit.lock().await;
            self.persist(Some(&tokens)).await;
            let mut state = self.lock();
            state.epoch += 1;
            state.tokens = Some(tokens);
            state.user = Some(issued.auth.user.clone());
            state.cooldown = None;
            state.expiring_announced = false;
            info_of(&state)
        };
        self.wake_scheduler();
        if let Some(info) = info {
            self.emit(SessionEvent::SignedIn(info));
        }
    }

    /// Ends the session locally and reports why.
    async fn end_session(&self, reason: SignOutReason) -> Option<Tokens> {
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

    /// Logout (TL-12.1): clear first, then revoke in the background.
    pub(crate) async fn logout(self: &Arc<Self>) {
        self.ensure_loaded().await;
        let Some(previous) = self.end_session(SignOutReason::UserLogout).await else {
            return;
        };
        let Some(refresh_token) = previous.refresh else {
            return;
        };
        let (done, finished) = oneshot::channel();
        let inner = Arc::clone(self);
        platform::spawn(Box::pin(async move {
            inner.revoke(&refresh_token).await;
            let _ = done.send(());
        }));
        let _ = finished.await;
    }

    /// Best-effort server revocation of a refresh token.
    async fn revoke(&self, refresh_token: &RefreshToken) {
        let Ok(request) = self.backend.logout(Some(refresh_token)) else {
            return;
        };
        if let Err(error) = self.execute_public(&request, &CallOptions::default()).await {
            tracing::debug!(code = error.code(), "revoking a refresh token failed");
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

    // ----- access tokens and refresh ------------------------------------

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
            let (now_monotonic, now_wall) = self.now();
            let remaining = tokens.expiry.remaining(now_monotonic, now_wall);
            if remaining > self.margin(tokens.expiry.ttl) {
                return Ok(tokens.access.clone());
            }
            (
                tokens.access.clone(),
                remaining,
                tokens.refresh.is_some() && self.capabilities.supports_refresh,
                tokens.expiry.expires_at_ms,
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

    fn current_access_token(&self) -> Option<AccessToken> {
        self.lock().tokens.as_ref().map(|t| t.access.clone())
    }

    /// Joins the refresh in flight for the held refresh token, or starts
    /// one (TL-4.1). The check and the registration happen under one lock,
    /// before any await; the refresh runs as its own task (TL-4.2).
    pub(crate) fn shared_refresh(self: &Arc<Self>) -> Result<RefreshOutcome, Error> {
        if !self.capabilities.supports_refresh {
            return Err(Error::Unsupported {
                operation: "auth.refresh",
                backend: self.backend.name(),
            });
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
        let registration = Registration {
            inner: Arc::clone(self),
            waiters: Some(waiting),
        };
        platform::spawn(Box::pin(async move {
            let result = registration.inner.refresh_once(&refresh_token, epoch).await;
            registration.finish(result);
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
            return Ok(None);
        }
        // Another tab or process may have spent this token already (TL-7.3):
        // its tokens are in the store, and this one must not be sent again.
        let stored = self.store.get(&self.storage_key).await.ok().flatten();
        if let Some(stored) = stored.and_then(|raw| StoredSession::parse(&raw, self.backend.name()))
        {
            if stored.refresh.as_ref() != Some(refresh_token) {
                self.adopt_stored_session().await;
                return Ok(None);
            }
        }
        let request = self.backend.refresh(refresh_token)?;
        let key = self
            .capabilities
            .idempotent_refresh
            .then(|| refresh_idempotency_key(refresh_token));
        let dispatch = Dispatch {
            bearer: None,
            idempotency_key: key.as_deref(),
            replay_safe: true,
            attempt_timeout: self.config.refresh_attempt_timeout,
            deadline: self.config.refresh_deadline,
        };
        let response = self
            .send(&request, &dispatch)
            .await
            .and_then(|response| self.check(response));
        let parsed = response.and_then(|response| {
            let issued = self.backend.parse_session(&response)?;
            Ok((issued, response))
        });
        match parsed {
            Ok((issued, response)) => {
                self.commit_refresh(refresh_token, epoch, issued, &response)
                    .await
            }
            Err(error) if self.backend.is_refresh_rejected(&error) => {
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
        response: &HttpResponse,
    ) -> RefreshResult {
        let tokens = self.tokens_from(&issued, response);
        let info = {
            let _commit = self.commit.lock().await;
            let current = {
                let state = self.lock();
                state.epoch == epoch
                    && state.tokens.as_ref().and_then(|t| t.refresh.as_ref()) == Some(spent)
            };
            if !current {
                drop(_commit);
                self.discard(issued.auth.refresh_token);
                return Ok(None);
            }
            self.persist(Some(&tokens)).await;
            let mut state = self.lock();
            state.epoch += 1;
            state.tokens = Some(tokens);
            state.user = Some(issued.auth.user.clone());
            state.cooldown = None;
            state.expiring_announced = false;
            info_of(&state)
        };
        self.wake_scheduler();
        if let Some(info) = info {
            self.emit(SessionEvent::TokenRefreshed(info));
        }
        Ok(Some(issued.auth))
    }

    /// Revokes a refresh token that the commit guard threw away.
    fn discard(self: &Arc<Self>, refresh_token: Option<RefreshToken>) {
        if let Some(refresh_token) = refresh_token {
            let inner = Arc::clone(self);
            platform::spawn(Box::pin(async move { inner.revoke(&refresh_token).await }));
        }
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
            tokens.expiry.remaining(now_monotonic, now_wall).is_zero()
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

    // ----- the request pipeline -----------------------------------------

    fn idempotency_key(&self, request: &ApiRequest, options: &CallOptions) -> Option<String> {
        if !request.mutating || self.backend.idempotency_header().is_none() {
            return None;
        }
        options.idempotency_key.clone().or_else(|| {
            self.config
                .auto_idempotency_keys
                .then(|| crate::random::uuid_v4().to_string())
        })
    }

    fn dispatch<'a>(
        &self,
        request: &ApiRequest,
        options: &CallOptions,
        key: Option<&'a str>,
        bearer: Option<&'a AccessToken>,
    ) -> Dispatch<'a> {
        Dispatch {
            bearer,
            idempotency_key: key,
            replay_safe: request.idempotent || key.is_some(),
            attempt_timeout: self.config.attempt_timeout,
            deadline: options.timeout.unwrap_or(self.config.call_deadline),
        }
    }

    /// Runs a request that needs no customer token.
    pub(crate) async fn execute_public(
        &self,
        request: &ApiRequest,
        options: &CallOptions,
    ) -> Result<HttpResponse, Error> {
        let key = self.idempotency_key(request, options);
        let dispatch = self.dispatch(request, options, key.as_deref(), None);
        let response = self.send(request, &dispatch).await?;
        self.check(response)
    }

    /// Runs a request, attaching the customer's token where needed and
    /// refreshing and replaying once after a rejected token (TL-5.3).
    pub(crate) async fn execute(
        self: &Arc<Self>,
        request: &ApiRequest,
        options: &CallOptions,
    ) -> Result<HttpResponse, Error> {
        if request.auth == Auth::Public {
            return self.execute_public(request, options).await;
        }
        let key = self.idempotency_key(request, options);
        if let Some(token) = &options.token {
            let dispatch = self.dispatch(request, options, key.as_deref(), Some(token));
            return self
                .send(request, &dispatch)
                .await
                .and_then(|r| self.check(r));
        }
        let token = self.access_token().await?;
        let dispatch = self.dispatch(request, options, key.as_deref(), Some(&token));
        let error = match self
            .send(request, &dispatch)
            .await
            .and_then(|r| self.check(r))
        {
            Err(error) if self.backend.is_access_rejected(&error) => error,
            other => return other,
        };
        let (replacement, refreshed) = match self.current_access_token() {
            Some(current) if current != token => (current, false),
            _ => (self.renew_after_rejection().await?, true),
        };
        if !dispatch.replay_safe {
            return Err(Error::Unauthenticated {
                refreshed,
                api: error.api().cloned().map(Box::new),
            });
        }
        let dispatch = self.dispatch(request, options, key.as_deref(), Some(&replacement));
        match self
            .send(request, &dispatch)
            .await
            .and_then(|r| self.check(r))
        {
            Err(error) if self.backend.is_access_rejected(&error) => Err(Error::Unauthenticated {
                refreshed: true,
                api: error.api().cloned().map(Box::new),
            }),
            other => other,
        }
    }

    /// After the server rejected the held access token: refresh, or end the
    /// session when it cannot be renewed (TL-4.9).
    async fn renew_after_rejection(self: &Arc<Self>) -> Result<AccessToken, Error> {
        let can_refresh = self
            .lock()
            .tokens
            .as_ref()
            .is_some_and(|t| t.refresh.is_some())
            && self.capabilities.supports_refresh;
        if !can_refresh {
            self.end_session(SignOutReason::SessionExpired).await;
            return Err(Error::SessionExpired { api: None });
        }
        match self.shared_refresh()?.await {
            Ok(_) => self.current_access_token().ok_or(Error::Unauthenticated {
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

    /// Maps a non-2xx response to an error.
    pub(crate) fn check(&self, response: HttpResponse) -> Result<HttpResponse, Error> {
        if (200..300).contains(&response.status) {
            return Ok(response);
        }
        let mut error = self.backend.parse_error(&response);
        if let Error::RateLimited { retry_after, .. } = &mut error {
            if retry_after.is_none() {
                *retry_after = self.retry_after(&response);
            }
        }
        Err(error)
    }

    fn retry_after(&self, response: &HttpResponse) -> Option<Duration> {
        let value = response.header("retry-after")?;
        parse_retry_after(value, response.header("date"), self.clock.now_wall_ms())
    }

    fn http_request(&self, request: &ApiRequest, dispatch: &Dispatch<'_>) -> HttpRequest {
        let mut headers = self.backend.common_headers();
        if request.body.is_some() {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        if let Some(token) = dispatch.bearer {
            headers.push((
                "Authorization".into(),
                format!("Bearer {}", token.expose_secret()),
            ));
        }
        if let (Some(name), Some(key)) =
            (self.backend.idempotency_header(), dispatch.idempotency_key)
        {
            headers.push((name.into(), key.into()));
        }
        HttpRequest {
            method: request.method,
            url: format!("{}{}", self.api_base, request.path),
            headers,
            body: request.body.clone(),
        }
    }

    /// Sends with timeouts and bounded retries (TL-9). Returns the final
    /// response whatever its status; errors only when no response came.
    async fn send(
        &self,
        request: &ApiRequest,
        dispatch: &Dispatch<'_>,
    ) -> Result<HttpResponse, Error> {
        let http = self.http_request(request, dispatch);
        let span = tracing::debug_span!(
            "storefront.request",
            operation = request.operation,
            method = request.method.as_str()
        );
        self.send_with_retries(http, request, dispatch)
            .instrument(span)
            .await
    }

    async fn send_with_retries(
        &self,
        http: HttpRequest,
        request: &ApiRequest,
        dispatch: &Dispatch<'_>,
    ) -> Result<HttpResponse, Error> {
        let policy = &self.config.retry;
        let started = self.clock.now_monotonic();
        let mut attempt: u32 = 0;
        loop {
            let elapsed = self.clock.now_monotonic().saturating_sub(started);
            let remaining = dispatch.deadline.saturating_sub(elapsed);
            if remaining.is_zero() {
                return Err(Error::Timeout {
                    phase: if attempt == 0 {
                        Phase::BeforeSend
                    } else {
                        Phase::AfterSend
                    },
                });
            }
            let timeout = dispatch.attempt_timeout.min(remaining);
            let sent = self.transport.send(&http);
            let outcome = match future::select(sent, self.clock.sleep(timeout)).await {
                Either::Left((result, _)) => result,
                Either::Right(_) => Err(crate::transport::TransportError {
                    phase: Phase::AfterSend,
                    timed_out: true,
                    message: "attempt timed out".into(),
                }),
            };
            let retries_left = attempt < policy.max_retries;
            let wait = match outcome {
                Ok(response) => {
                    tracing::debug!(status = response.status, attempt, "response");
                    if !(retries_left
                        && dispatch.replay_safe
                        && is_retriable_status(response.status))
                    {
                        return Ok(response);
                    }
                    if response.status == 429 && !request.wait_out_rate_limit {
                        return Ok(response);
                    }
                    let wait = match self.retry_after(&response) {
                        Some(asked) if asked > policy.max_retry_after => return Ok(response),
                        Some(asked) => asked,
                        None => policy.backoff(attempt),
                    };
                    if wait >= remaining {
                        return Ok(response);
                    }
                    wait
                }
                Err(failure) => {
                    tracing::debug!(timed_out = failure.timed_out, attempt, "no response");
                    let error = if failure.timed_out {
                        Error::Timeout {
                            phase: failure.phase,
                        }
                    } else {
                        Error::Network {
                            phase: failure.phase,
                            message: failure.message,
                        }
                    };
                    let safe = failure.phase == Phase::BeforeSend || dispatch.replay_safe;
                    if !(retries_left && safe) {
                        return Err(error);
                    }
                    let wait = policy.backoff(attempt);
                    if wait >= remaining {
                        return Err(error);
                    }
                    wait
                }
            };
            self.clock.sleep(wait).await;
            attempt += 1;
        }
    }
}

fn info_of(state: &State) -> Option<SessionInfo> {
    state.tokens.as_ref().map(|tokens| SessionInfo {
        expires_at_ms: tokens.expiry.expires_at_ms,
        has_refresh_token: tokens.refresh.is_some(),
        user: state.user.clone(),
    })
}

/// The optional background refresh (TL-5.2): wakes shortly before the
/// margin is reached or when the session changes; ends on dispose or drop.
#[cfg(feature = "background-refresh")]
async fn run_scheduler(inner: std::sync::Weak<Inner>) {
    /// How long to wait when there is nothing to schedule or a refresh failed.
    const IDLE: Duration = Duration::from_secs(60);
    const AFTER_FAILURE: Duration = Duration::from_secs(10);
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
        // Only a session that can be refreshed has anything to schedule.
        let due_in = {
            let state = strong.lock();
            state
                .tokens
                .as_ref()
                .filter(|tokens| tokens.refresh.is_some() && strong.capabilities.supports_refresh)
                .map(|tokens| {
                    let (now_monotonic, now_wall) = strong.now();
                    let remaining = tokens.expiry.remaining(now_monotonic, now_wall);
                    remaining.saturating_sub(strong.margin(tokens.expiry.ttl))
                })
        };
        let wait = match due_in {
            Some(Duration::ZERO) => {
                let epoch = strong.lock().epoch;
                let renewed = strong.access_token().await.is_ok() && strong.lock().epoch != epoch;
                if renewed {
                    continue;
                }
                // Failed, or cooling down: try again later, not at once.
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
