//! The client: its configuration and the session API it offers. The request
//! pipeline (plans, auth, retries, replay) is in `pipeline`, the single-flight
//! refresh in `refresh`, session changes and storage in `state`, and the
//! optional background refresh in `scheduler`.

mod pipeline;
mod refresh;
#[cfg(feature = "background-refresh")]
mod scheduler;
mod state;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use futures_channel::oneshot;

use crate::backend::{Backend, BackendKind, Capabilities, Settings};
use crate::clock::{Clock, SystemClock};
use crate::error::Error;
use crate::events::{EventHub, SessionInfo, Subscription};
use crate::models::Customer;
use crate::platform;
use crate::retry::RetryPolicy;
use crate::secret::{AccessToken, RefreshToken};
use crate::store::{MemoryStore, RefreshLock, TokenStore};
use crate::transport::Transport;

pub(crate) use state::State;

/// Events a slow subscriber may fall behind by before it sees `Lagged`.
const EVENT_BUFFER: usize = 64;

/// Options for one call.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CallOptions {
    /// Use this access token instead of the held session (server-side use
    /// with many users). The session is neither read nor changed.
    pub token: Option<AccessToken>,
    /// The overall deadline of the call, retries included.
    pub timeout: Option<Duration>,
    /// The idempotency key of a mutation (default: a fresh UUID per call).
    pub idempotency_key: Option<String>,
    /// Extra headers for every request of the call (Magento's
    /// `X-ReCaptcha`, say).
    pub headers: Vec<(String, String)>,
    /// The retry policy of this call, in place of the client's.
    pub retry: Option<RetryPolicy>,
}

impl CallOptions {
    /// No options: the client's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Calls with this access token instead of the held session.
    pub fn token(mut self, token: AccessToken) -> Self {
        self.token = Some(token);
        self
    }

    /// The call's overall deadline.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The idempotency key of a mutation.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Adds a header to every request of the call.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// This call's retry policy.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }
}

/// A signed-in session with its tokens, as [`Client::get_session`] returns it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Session {
    /// The access token.
    pub token: AccessToken,
    /// The refresh token, while the session can be renewed.
    pub refresh_token: Option<RefreshToken>,
    /// When the access token expires (Unix ms, local wall-clock estimate);
    /// `None` when it never does (Bagisto).
    pub expires_at_ms: Option<i64>,
    /// The customer, when the SDK has seen the profile.
    pub user: Option<Customer>,
}

/// Builds a [`Client`].
pub struct ClientBuilder {
    base_url: String,
    backend: BackendKind,
    settings: Settings,
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
    /// The backend (Spree by default).
    pub fn backend(mut self, backend: BackendKind) -> Self {
        self.backend = backend;
        self
    }

    /// The store key: Spree's publishable key, Bagisto's storefront key.
    /// Required by both.
    pub fn publishable_key(mut self, key: impl Into<String>) -> Self {
        self.settings.publishable_key = Some(key.into());
        self
    }

    /// Magento's store code (REST path `/rest/<code>`, GraphQL `Store`
    /// header); `default` when unset.
    pub fn store_code(mut self, code: impl Into<String>) -> Self {
        self.settings.store_code = Some(code.into());
        self
    }

    /// The server release where the wire differs between releases (Magento
    /// GraphQL: `2.4.8` by default, `2.4.9` for the `uid` address forms).
    pub fn server_version(mut self, version: impl Into<String>) -> Self {
        self.settings.server_version = Some(version.into());
        self
    }

    /// Where the session is kept (default: a [`MemoryStore`] of this client).
    pub fn token_store(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.store = Some(store);
        self
    }

    /// The key of the session record in the store (default: namespaced by
    /// backend, base URL and store code).
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

    /// Attach an `Idempotency-Key` to every mutation where the backend
    /// honours them (default true).
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
        let origin = self.base_url.trim().trim_end_matches('/').to_owned();
        if !(origin.starts_with("http://") || origin.starts_with("https://")) {
            return Err(Error::Config {
                message: "the base URL must start with http:// or https://".into(),
                api: None,
            });
        }
        let backend = self.backend.create(&self.settings)?;
        let storage_key = self.storage_key.unwrap_or_else(|| {
            let mut key = format!("storefront-sdk:v1:{}:{origin}", self.backend.name());
            if let Some(scope) = backend.storage_scope() {
                key.push(':');
                key.push_str(scope);
            }
            key
        });
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
            exclusive: futures_util::lock::Mutex::new(()),
            loaded: AtomicBool::new(false),
            events: EventHub::new(EVENT_BUFFER),
            scheduler_wake: Mutex::new(None),
            disposed: AtomicBool::new(false),
        });
        #[cfg(feature = "background-refresh")]
        if inner.config.auto_refresh {
            platform::spawn(Box::pin(scheduler::run(Arc::downgrade(&inner))));
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
            .field("backend", &self.inner.backend.kind())
            .finish()
    }
}

impl Client {
    /// Starts building a client for the store at `base_url` (its origin).
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.into(),
            backend: BackendKind::default(),
            settings: Settings::default(),
            store: None,
            storage_key: None,
            refresh_lock: None,
            transport: None,
            clock: None,
            config: Config::default(),
        }
    }

    /// The backend this client talks to.
    pub fn backend(&self) -> BackendKind {
        self.inner.backend.kind()
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
            expires_at_ms: tokens.expires_at_ms(),
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
        self.inner.check_live()?;
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
            expires_at_ms: tokens.expires_at_ms(),
            user: state.user.clone(),
        }))
    }

    /// Adopts a session made elsewhere (on the server, from a cookie; in
    /// another process): its tokens are stored and `SignedIn` is emitted.
    /// The profile is read once with the new token, which also checks it; an
    /// access token that has expired (by its `exp`, or as the server says)
    /// is first renewed with `refresh_token` where the backend has refresh.
    pub async fn set_session(
        &self,
        token: AccessToken,
        refresh_token: Option<RefreshToken>,
    ) -> Result<crate::models::AuthResponse, Error> {
        // No need to load the stored session first: the adopted one replaces
        // it, and a later load keeps what is held.
        self.inner.adopt_session(token, refresh_token).await
    }

    /// A fresh access token for the app's own calls to the store (carts,
    /// orders), refreshed first if needed.
    pub async fn access_token(&self) -> Result<AccessToken, Error> {
        self.inner.check_live()?;
        self.inner.access_token().await
    }

    /// Re-reads the token store and adopts what another tab or process wrote
    /// there (new tokens, or a sign-out). Meant for stores shared between
    /// clients; a store that cannot be read changes nothing.
    pub async fn reload_session(&self) {
        self.inner.ensure_loaded().await;
        self.inner.adopt_stored_session().await;
    }

    /// Stops the background timer and ends every subscription; calls made
    /// afterwards (operations, `get_session`, `access_token`,
    /// `set_session`) fail with `Error::Disposed`.
    pub fn dispose(&self) {
        self.inner.disposed.store(true, Ordering::SeqCst);
        self.inner.wake_scheduler();
        self.inner.events.close();
    }
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
    /// Serialises the plans that must not interleave (read-modify-writes).
    exclusive: futures_util::lock::Mutex<()>,
    /// Whether the stored session has been read (once, under `commit`).
    loaded: AtomicBool,
    events: EventHub,
    /// Wakes the background refresh, which puts a new one here each round
    /// (dropping it with the client wakes it too, to end).
    scheduler_wake: Mutex<Option<oneshot::Sender<()>>>,
    disposed: AtomicBool,
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

    /// `Err(Disposed)` once the client was disposed.
    pub(crate) fn check_live(&self) -> Result<(), Error> {
        if self.disposed.load(Ordering::SeqCst) {
            return Err(Error::Disposed);
        }
        Ok(())
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

    fn now(&self) -> (Duration, i64) {
        (self.clock.now_monotonic(), self.clock.now_wall_ms())
    }

    fn margin(&self, ttl: Duration) -> Duration {
        self.config
            .refresh_margin
            .unwrap_or_else(|| (ttl / 4).min(Duration::from_secs(300)))
    }
}
