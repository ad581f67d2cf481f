//! The request pipeline: runs a plan's steps one after another, each through
//! the same path — the token it needs (refreshed first, refreshed and
//! replayed once after a rejection), headers, idempotency keys, timeouts and
//! bounded retries (TL-5.3, TL-9) — and classifies every response through the
//! backend.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use futures_util::future::{self, Either};
use tracing::Instrument;

use super::{CallOptions, Inner};
use crate::backend::{ApiRequest, Auth, Backend, Context, Plan, Step};
use crate::error::{Error, Phase};
use crate::platform::MaybeSend;
use crate::retry::{RetryPolicy, parse_retry_after};
use crate::secret::AccessToken;
use crate::transport::{HttpRequest, HttpResponse, TransportError};

fn lock<T>(slot: &Mutex<T>) -> MutexGuard<'_, T> {
    slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Where a plan run as a `Plan<()>` (see [`Slot::fill`]) leaves its result.
pub(super) struct Slot<T>(Arc<Mutex<Option<T>>>);

impl<T: MaybeSend + 'static> Slot<T> {
    pub(super) fn new() -> Self {
        Self(Arc::new(Mutex::new(None)))
    }

    /// `plan` as a `Plan<()>` that leaves its result here: one state
    /// machine drives the plans of every result type (the wasm package is
    /// smaller).
    pub(super) fn fill(&self, plan: Plan<T>) -> Plan<()> {
        let filled = Arc::clone(&self.0);
        plan.map(move |value| *lock(&filled) = Some(value))
    }

    /// The result of a plan that finished; `Cancelled` if it left none.
    pub(super) fn take(&self) -> Result<T, Error> {
        lock(&self.0).take().ok_or(Error::Cancelled)
    }
}

/// Plans a caller's operation, as a `Plan<()>` (see [`Slot::fill`]).
#[cfg(not(target_arch = "wasm32"))]
type Planner<'a> = Box<dyn FnOnce(&dyn Backend, &Context) -> Result<Plan<()>, Error> + Send + 'a>;
/// Plans a caller's operation, as a `Plan<()>` (see [`Slot::fill`]).
#[cfg(target_arch = "wasm32")]
type Planner<'a> = Box<dyn FnOnce(&dyn Backend, &Context) -> Result<Plan<()>, Error> + 'a>;

/// How the steps of a plan are sent: with which token, headers, keys, retry
/// policy and time limits.
pub(super) struct Dispatch<'a> {
    /// The call's token in place of the held session's.
    token_override: Option<&'a AccessToken>,
    /// The call's extra headers.
    headers: &'a [(String, String)],
    /// The idempotency key of the call's first mutating step.
    idempotency_key: Option<String>,
    /// Every step may be replayed (a refresh carrying its derived key).
    replay_safe: bool,
    policy: &'a RetryPolicy,
    attempt_timeout: Duration,
    /// When the call's overall deadline passes, on the monotonic clock.
    deadline_at: Duration,
}

impl<'a> Dispatch<'a> {
    /// A caller's call with `options`.
    pub(super) fn for_call(inner: &'a Inner, options: &'a CallOptions) -> Self {
        let auto_key = inner.idempotency_header().is_some() && inner.config.auto_idempotency_keys;
        Self {
            token_override: options.token.as_ref(),
            headers: &options.headers,
            idempotency_key: options
                .idempotency_key
                .clone()
                .or_else(|| auto_key.then(crate::random::uuid_v4_hyphenated)),
            replay_safe: false,
            policy: options.retry.as_ref().unwrap_or(&inner.config.retry),
            attempt_timeout: inner.config.attempt_timeout,
            deadline_at: inner.clock.now_monotonic()
                + options.timeout.unwrap_or(inner.config.call_deadline),
        }
    }

    /// A refresh: its own timeouts (no caller's deadline binds it, TL-4.2)
    /// and the key derived from the refresh token.
    pub(super) fn for_refresh(inner: &'a Inner, key: Option<String>) -> Self {
        Self {
            token_override: None,
            headers: &[],
            replay_safe: key.is_some() || inner.idempotency_header().is_none(),
            idempotency_key: key,
            policy: &inner.config.retry,
            attempt_timeout: inner.config.refresh_attempt_timeout,
            deadline_at: inner.clock.now_monotonic() + inner.config.refresh_deadline,
        }
    }
}

/// How one request goes out: its token, key and whether it may be resent.
struct Attempt<'a> {
    bearer: Option<&'a AccessToken>,
    idempotency_key: Option<&'a str>,
    replay_safe: bool,
}

impl Inner {
    /// The backend's idempotency header; none at compile time in builds
    /// without a backend that honours one (the `idempotency-keys` feature, on
    /// with `spree`), so that key generation is left out of them (the npm
    /// package's other entries).
    pub(super) fn idempotency_header(&self) -> Option<&'static str> {
        if cfg!(feature = "idempotency-keys") {
            self.backend.idempotency_header()
        } else {
            None
        }
    }

    /// Runs a caller's operation (TL-9.6: one deadline for all its
    /// steps): `plan` plans it from the context of the held session (or of
    /// the call's token) when `in_session`, which loads the stored session
    /// first; else from an empty context. Every operation goes through the
    /// one state machine of `call_unit` (the wasm package is smaller).
    pub(crate) async fn call<'a, T: MaybeSend + 'static>(
        self: &'a Arc<Self>,
        options: &'a CallOptions,
        in_session: bool,
        plan: impl FnOnce(&dyn Backend, &Context) -> Result<Plan<T>, Error> + MaybeSend + 'a,
    ) -> Result<T, Error> {
        let slot = Slot::new();
        let filling = &slot;
        let planner: Planner<'_> =
            Box::new(move |backend, context| Ok(filling.fill(plan(backend, context)?)));
        Box::pin(self.call_unit(options, in_session, planner)).await?;
        slot.take()
    }

    async fn call_unit(
        self: &Arc<Self>,
        options: &CallOptions,
        in_session: bool,
        plan: Planner<'_>,
    ) -> Result<(), Error> {
        let context = match in_session {
            true => self.context(options).await,
            false => Context::default(),
        };
        let plan = plan(self.backend(), &context)?;
        self.check_live()?;
        let dispatch = Dispatch::for_call(self, options);
        self.drive(plan, &dispatch).await
    }

    /// Sends a plan's steps one after another until it is done.
    pub(super) async fn drive(
        self: &Arc<Self>,
        plan: Plan<()>,
        dispatch: &Dispatch<'_>,
    ) -> Result<(), Error> {
        let _exclusive = match plan.exclusive {
            true => Some(self.exclusive.lock().await),
            false => None,
        };
        let mut step = plan.first;
        let mut mutations = 0;
        loop {
            match step {
                Step::Done(value) => return Ok(value),
                Step::Send(request, next) => {
                    // Each mutating step has a key of its own (a different
                    // body under the same key would be refused).
                    let key = match (&dispatch.idempotency_key, request.mutating) {
                        (Some(key), true) if mutations == 0 => Some(key.clone()),
                        (Some(key), true) => Some(format!("{key}-{mutations}")),
                        _ => None,
                    };
                    mutations += u32::from(request.mutating);
                    let outcome = Box::pin(self.execute(&request, dispatch, key.as_deref())).await;
                    step = next(outcome)?;
                }
            }
        }
    }

    /// Sends one request with the token it needs (TL-5.3).
    async fn execute(
        self: &Arc<Self>,
        request: &ApiRequest,
        dispatch: &Dispatch<'_>,
        key: Option<&str>,
    ) -> Result<HttpResponse, Error> {
        let key = key.filter(|_| self.idempotency_header().is_some());
        let attempt = |bearer| Attempt {
            bearer,
            idempotency_key: key,
            replay_safe: dispatch.replay_safe || request.idempotent || key.is_some(),
        };
        let token = match (&request.auth, dispatch.token_override) {
            (Auth::None, _) => return self.send_checked(request, dispatch, &attempt(None)).await,
            (Auth::Bearer(token), _) | (Auth::Session, Some(token)) => {
                return self
                    .send_checked(request, dispatch, &attempt(Some(token)))
                    .await;
            }
            (Auth::Session, None) => self.access_token().await?,
        };
        let first = attempt(Some(&token));
        let rejected = match self.send_checked(request, dispatch, &first).await {
            Err(Error::Unauthenticated { api, .. }) => api,
            other => return other,
        };
        let (replacement, refreshed) = match self.current_access_token() {
            Some(current) if current != token => (current, false),
            _ => (self.renew_after_rejection().await?, true),
        };
        if !first.replay_safe {
            return Err(Error::Unauthenticated {
                refreshed,
                api: rejected,
            });
        }
        match self
            .send_checked(request, dispatch, &attempt(Some(&replacement)))
            .await
        {
            Err(Error::Unauthenticated { api, .. }) => Err(Error::Unauthenticated {
                refreshed: true,
                api,
            }),
            other => other,
        }
    }

    /// Sends (with retries) and classifies the final response.
    async fn send_checked(
        &self,
        request: &ApiRequest,
        dispatch: &Dispatch<'_>,
        attempt: &Attempt<'_>,
    ) -> Result<HttpResponse, Error> {
        let http = self.http_request(request, dispatch, attempt);
        let span = tracing::debug_span!(
            "storefront.request",
            operation = request.operation,
            method = request.method.as_str()
        );
        let response = self
            .send_with_retries(&http, request, dispatch, attempt)
            .instrument(span)
            .await?;
        match self.backend.classify(request, &response) {
            Ok(()) => Ok(response),
            Err(mut error) => {
                if let Error::RateLimited { retry_after, .. } | Error::Server { retry_after, .. } =
                    &mut error
                {
                    if retry_after.is_none() {
                        *retry_after = self.retry_after(&response);
                    }
                }
                Err(error)
            }
        }
    }

    /// How long a response asks to wait: `Retry-After` (TL-9.4), else what
    /// the backend reads from the body.
    fn retry_after(&self, response: &HttpResponse) -> Option<Duration> {
        match response.header("retry-after") {
            Some(value) => {
                parse_retry_after(value, response.header("date"), self.clock.now_wall_ms())
            }
            None => self.backend.body_retry_after(response),
        }
    }

    fn http_request(
        &self,
        request: &ApiRequest,
        dispatch: &Dispatch<'_>,
        attempt: &Attempt<'_>,
    ) -> HttpRequest {
        let mut headers = self.backend.common_headers().to_vec();
        if request.body.is_some() {
            headers.push(("Content-Type".into(), request.content_type.into()));
        }
        if let Some(token) = attempt.bearer {
            headers.push((
                "Authorization".into(),
                format!("Bearer {}", token.expose_secret()),
            ));
        }
        if let (Some(name), Some(key)) = (self.idempotency_header(), attempt.idempotency_key) {
            headers.push((name.into(), key.into()));
        }
        headers.extend(dispatch.headers.iter().cloned());
        HttpRequest {
            method: request.method,
            url: format!("{}{}", self.api_base, request.path),
            headers,
            body: request.body.clone(),
        }
    }

    /// Sends with timeouts and bounded retries (TL-9). Returns the final
    /// response whatever its status; errors only when no response came.
    async fn send_with_retries(
        &self,
        http: &HttpRequest,
        request: &ApiRequest,
        dispatch: &Dispatch<'_>,
        attempt: &Attempt<'_>,
    ) -> Result<HttpResponse, Error> {
        let policy = dispatch.policy;
        let mut tries: u32 = 0;
        let mut waited_for_server = Duration::ZERO;
        loop {
            let remaining = dispatch
                .deadline_at
                .saturating_sub(self.clock.now_monotonic());
            if remaining.is_zero() {
                return Err(Error::Timeout {
                    phase: if tries == 0 {
                        Phase::BeforeSend
                    } else {
                        Phase::AfterSend
                    },
                });
            }
            let timeout = dispatch.attempt_timeout.min(remaining);
            let sent = self.transport.send(http);
            let outcome = match future::select(sent, self.clock.sleep(timeout)).await {
                Either::Left((result, _)) => result,
                Either::Right(_) => Err(TransportError {
                    phase: Phase::AfterSend,
                    timed_out: true,
                    message: "the attempt timed out".into(),
                }),
            };
            let retries_left = tries < policy.max_retries;
            let wait = match outcome {
                Ok(response) => {
                    tracing::debug!(status = response.status, tries, "response");
                    let retriable = retries_left
                        && attempt.replay_safe
                        && policy.retries_status(response.status)
                        && (response.status != 429 || request.wait_out_rate_limit);
                    if !retriable {
                        return Ok(response);
                    }
                    let wait = match self.retry_after(&response) {
                        Some(asked)
                            if asked > policy.max_retry_after
                                || waited_for_server + asked > policy.max_total_retry_after =>
                        {
                            return Ok(response);
                        }
                        Some(asked) => {
                            waited_for_server += asked;
                            asked
                        }
                        None => policy.backoff(tries),
                    };
                    if wait >= remaining {
                        return Ok(response);
                    }
                    wait
                }
                Err(failure) => {
                    tracing::debug!(timed_out = failure.timed_out, tries, "no response");
                    let safe = failure.phase == Phase::BeforeSend || attempt.replay_safe;
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
                    let wanted = failure.timed_out || policy.retry_on_network_error;
                    if !(retries_left && safe && wanted) {
                        return Err(error);
                    }
                    let wait = policy.backoff(tries);
                    if wait >= remaining {
                        return Err(error);
                    }
                    wait
                }
            };
            self.clock.sleep(wait).await;
            tries += 1;
        }
    }
}
