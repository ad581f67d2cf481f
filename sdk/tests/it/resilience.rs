//! Transient failures keep the session; retries are bounded, keyed and
//! honour `Retry-After` (token-lifecycle.md §4.3, §9; scenarios 2–4).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use storefront_mock::Fault;
use storefront_sdk::{
    BoxFuture, CallOptions, Client, Error, HttpRequest, HttpResponse, Phase, ReqwestTransport,
    RetryPolicy, SessionEvent, Transport, TransportError,
};

use crate::harness::{Harness, TTL, email, until};

const REFRESH: &str = "/api/v3/store/auth/refresh";
const ME: &str = "/api/v3/store/customers/me";
const UNAVAILABLE: &str = r#"{"error":{"code":"service_unavailable","message":"Try later"}}"#;

#[tokio::test]
async fn a_refresh_that_fails_twice_with_503_then_succeeds_keeps_the_session() {
    let h = Harness::new().await;
    h.sign_up(&email("s2")).await;
    let mut events = h.client.subscribe().await;
    h.mock.add_fault(
        Fault::new("POST", REFRESH)
            .times(2)
            .respond(503, UNAVAILABLE),
    );
    h.advance(TTL + Duration::from_secs(1));
    h.client.customer().get().await.unwrap();
    let statuses: Vec<u16> = h
        .requests("POST", "/auth/refresh")
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, vec![503, 503, 200]);
    let keys: Vec<_> = h
        .requests("POST", "/auth/refresh")
        .into_iter()
        .map(|r| r.idempotency_key)
        .collect();
    assert!(
        keys[0]
            .as_deref()
            .is_some_and(|k| k.starts_with("refresh-"))
    );
    assert!(keys.iter().all(|k| *k == keys[0]), "one key across retries");
    while let Some(Ok(event)) = events.try_recv() {
        assert!(
            !matches!(event, SessionEvent::SignedOut { .. }),
            "{event:?}"
        );
    }
}

#[tokio::test]
async fn a_transient_refresh_failure_keeps_the_session_and_cools_down() {
    let h = Harness::with(|b| b.retry_policy(RetryPolicy::disabled())).await;
    h.sign_up(&email("cool")).await;
    h.mock.add_fault(
        Fault::new("POST", REFRESH)
            .times(1)
            .respond(503, UNAVAILABLE),
    );
    h.advance(TTL + Duration::from_secs(1));
    let err = h.client.customer().get().await.unwrap_err();
    assert!(err.is_transient(), "{err:?}");
    assert!(
        h.client.get_session().await.is_err(),
        "no new refresh during the cooldown"
    );
    assert_eq!(h.refreshes(), 1);
    assert!(
        h.client.session_info().await.is_some(),
        "the session is kept"
    );
    h.clock.advance(Duration::from_secs(2));
    h.client.customer().get().await.unwrap();
    assert_eq!(h.refreshes(), 2);
}

#[tokio::test]
async fn a_lost_refresh_response_is_retried_with_the_same_key_and_replayed() {
    let h = Harness::new().await;
    h.sign_up(&email("drop")).await;
    h.mock
        .add_fault(Fault::new("POST", REFRESH).times(1).drop_connection());
    h.advance(TTL + Duration::from_secs(1));
    h.client.customer().get().await.unwrap();
    let refreshes = h.requests("POST", "/auth/refresh");
    assert_eq!(refreshes.len(), 2);
    assert_eq!(refreshes[0].idempotency_key, refreshes[1].idempotency_key);
    assert!(
        refreshes[1].replayed,
        "the server replayed the rotated pair"
    );
    // The replayed refresh token is the live one.
    h.client.auth().refresh().await.unwrap();
}

#[tokio::test]
async fn retry_after_in_seconds_is_waited_out_on_the_clock() {
    let h = Harness::new().await;
    h.sign_up(&email("ra")).await;
    h.mock.add_fault(
        Fault::new("GET", ME)
            .times(1)
            .respond(429, r#"{"error":{"code":"rate_limit_exceeded","message":"Too many requests. Please retry later."}}"#)
            .header("Retry-After", "5"),
    );
    let call = tokio::spawn({
        let client = h.client.clone();
        async move { client.customer().get().await }
    });
    until(|| h.requests("GET", "/customers/me").len() == 1).await;
    until(|| h.clock.pending_sleeps().contains(&Duration::from_secs(5))).await;
    h.clock.advance(Duration::from_secs(4));
    assert_eq!(h.requests("GET", "/customers/me").len(), 1, "still waiting");
    h.clock.advance(Duration::from_secs(1));
    call.await.unwrap().unwrap();
    assert_eq!(h.requests("GET", "/customers/me").len(), 2);
}

#[tokio::test]
async fn a_refresh_429_with_an_http_date_waits_and_never_signs_out() {
    let h = Harness::new().await;
    h.sign_up(&email("date")).await;
    let retry_at = httpdate::fmt_http_date(
        std::time::UNIX_EPOCH
            + Duration::from_secs((h.mock.now() + TTL.as_secs() as i64 + 1 + 5) as u64),
    );
    h.mock.add_fault(
        Fault::new("POST", REFRESH)
            .times(1)
            .respond(429, r#"{"error":{"code":"rate_limit_exceeded","message":"Too many requests. Please retry later."}}"#)
            .header("Retry-After", retry_at),
    );
    h.advance(TTL + Duration::from_secs(1));
    let call = tokio::spawn({
        let client = h.client.clone();
        async move { client.customer().get().await }
    });
    until(|| h.refreshes() == 1).await;
    until(|| h.clock.pending_sleeps().contains(&Duration::from_secs(5))).await;
    h.clock.advance(Duration::from_secs(5));
    call.await.unwrap().unwrap();
    assert_eq!(h.refreshes(), 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_returns_rate_limited() {
    let h = Harness::new().await;
    h.sign_up(&email("cap")).await;
    h.mock.add_fault(
        Fault::new("GET", ME)
            .times(1)
            .respond(429, r#"{"error":{"code":"rate_limit_exceeded","message":"Too many requests. Please retry later."}}"#)
            .header("Retry-After", "60"),
    );
    let err = h.client.customer().get().await.unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(60)));
    assert!(err.is_transient());
    assert!(h.client.session_info().await.is_some());
}

#[tokio::test]
async fn an_attempt_that_outlives_its_timeout_fails_with_timeout() {
    let h = Harness::with(|b| {
        b.retry_policy(RetryPolicy::disabled())
            .attempt_timeout(Duration::from_secs(2))
    })
    .await;
    h.sign_up(&email("slow")).await;
    h.mock.add_fault(
        Fault::new("GET", ME)
            .times(1)
            .delay(Duration::from_secs(30)),
    );
    let call = tokio::spawn({
        let client = h.client.clone();
        async move { client.customer().get().await }
    });
    until(|| h.clock.pending_sleeps().contains(&Duration::from_secs(2))).await;
    h.clock.advance(Duration::from_secs(2));
    let err = call.await.unwrap().unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                phase: Phase::AfterSend
            }
        ),
        "{err:?}"
    );
    assert!(err.is_transient());
}

#[tokio::test]
async fn a_refused_connection_is_a_network_error_before_sending() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let client = Client::builder(format!("http://127.0.0.1:{port}"))
        .publishable_key("pk_test")
        .retry_policy({
            let mut value = RetryPolicy::default();
            value.base_delay = Duration::ZERO;
            value
        })
        .build()
        .unwrap();
    let err = client
        .password_resets()
        .create(&storefront_sdk::PasswordResetRequest::new("a@example.com"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Network {
                phase: Phase::BeforeSend,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.code(), "network_error");
    // The message says what happened, once, and does not claim the request
    // may have arrived.
    let message = err.to_string();
    assert!(
        message.starts_with("network error (before the request was sent): "),
        "{message}"
    );
    assert!(message.to_lowercase().contains("connect"), "{message}");
    let words: Vec<&str> = message.split(": ").collect();
    let mut unique = words.clone();
    unique.dedup();
    assert_eq!(words, unique, "no repeated words: {message}");
}

/// Panics on the first refresh it is asked to send (app-supplied code that
/// fails), then sends normally.
struct PanicsOnFirstRefresh {
    inner: ReqwestTransport,
    panicked: AtomicBool,
}

impl Transport for PanicsOnFirstRefresh {
    fn send<'a>(
        &'a self,
        request: &'a HttpRequest,
    ) -> BoxFuture<'a, Result<HttpResponse, TransportError>> {
        if request.url.ends_with(REFRESH) && !self.panicked.swap(true, Ordering::SeqCst) {
            panic!("intentional: the transport fails inside the refresh task");
        }
        self.inner.send(request)
    }
}

#[tokio::test]
async fn a_refresh_task_that_dies_answers_its_callers_and_the_next_call_refreshes() {
    let transport = Arc::new(PanicsOnFirstRefresh {
        inner: ReqwestTransport::new().unwrap(),
        panicked: AtomicBool::new(false),
    });
    let h = Harness::with(|b| b.transport(transport)).await;
    h.sign_up(&email("dies")).await;
    h.advance(TTL + Duration::from_secs(1));
    let first = tokio::time::timeout(Duration::from_secs(10), h.client.customer().get())
        .await
        .expect("the caller is answered, not left waiting");
    assert!(matches!(first, Err(Error::Cancelled)), "{first:?}");
    let second = tokio::time::timeout(Duration::from_secs(10), h.client.customer().get())
        .await
        .expect("a new refresh runs");
    assert_eq!(second.unwrap().email, email("dies"));
    assert_eq!(h.refreshes(), 1);
}

const THROTTLED: &str = r#"{"error":{"code":"rate_limit_exceeded","message":"Too many requests. Please retry later."}}"#;

/// A policy that retries `max_retries` times without backing off.
fn retries(max_retries: u32) -> RetryPolicy {
    let mut policy = RetryPolicy::default();
    policy.max_retries = max_retries;
    policy.base_delay = Duration::ZERO;
    policy
}

#[tokio::test]
async fn a_call_s_own_retry_policy_replaces_the_client_s() {
    let h = Harness::new().await;
    h.sign_up(&email("own")).await;
    h.mock.add_fault(
        Fault::new("GET", ME)
            .times(1)
            .respond(429, THROTTLED)
            .header("Retry-After", "7"),
    );
    let never = CallOptions::new().retry(RetryPolicy::disabled());
    let err = h.client.with(never).customer().get().await.unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(h.requests("GET", "/customers/me").len(), 1);

    // The client retries twice; this call once.
    h.mock.clear_requests();
    h.mock
        .add_fault(Fault::new("GET", ME).times(2).respond(503, UNAVAILABLE));
    let once = CallOptions::new().retry(retries(1));
    let err = h.client.with(once).customer().get().await.unwrap_err();
    assert!(matches!(err, Error::Server { status: 503, .. }), "{err:?}");
    assert_eq!(h.requests("GET", "/customers/me").len(), 2);
    // The client's own policy is unchanged: the next call outlasts the fault.
    h.mock.clear_requests();
    h.mock
        .add_fault(Fault::new("GET", ME).times(2).respond(503, UNAVAILABLE));
    h.client.customer().get().await.unwrap();
    assert_eq!(h.requests("GET", "/customers/me").len(), 3);
}

#[tokio::test]
async fn a_retry_after_over_the_call_s_total_budget_returns_at_once() {
    let h = Harness::new().await;
    h.sign_up(&email("budget")).await;
    h.mock.add_fault(
        Fault::new("GET", ME)
            .times(1)
            .respond(429, THROTTLED)
            .header("Retry-After", "7"),
    );
    let mut policy = retries(2);
    policy.max_total_retry_after = Duration::from_secs(5);
    let err = h
        .client
        .with(CallOptions::new().retry(policy))
        .customer()
        .get()
        .await
        .unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(h.requests("GET", "/customers/me").len(), 1);
}

#[tokio::test]
async fn one_call_waits_out_retry_after_for_at_most_ten_seconds_in_all() {
    let h = Harness::new().await;
    h.sign_up(&email("total")).await;
    h.mock.add_fault(
        Fault::new("GET", ME)
            .times(2)
            .respond(429, THROTTLED)
            .header("Retry-After", "7"),
    );
    let call = tokio::spawn({
        let client = h.client.clone();
        async move { client.customer().get().await }
    });
    until(|| h.clock.pending_sleeps().contains(&Duration::from_secs(7))).await;
    h.clock.advance(Duration::from_secs(7));
    // A second 7 s wait would make 14 s: the call ends with the 429.
    let err = call.await.unwrap().unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(h.requests("GET", "/customers/me").len(), 2);
}

#[tokio::test]
async fn a_503_that_outlasts_the_retries_reports_its_retry_after() {
    let h = Harness::new().await;
    h.sign_up(&email("outlast")).await;
    h.mock.add_fault(
        Fault::new("GET", ME)
            .times(3)
            .respond(503, UNAVAILABLE)
            .header("Retry-After", "1"),
    );
    let call = tokio::spawn({
        let client = h.client.clone();
        async move { client.customer().get().await }
    });
    for waited in 1..=2 {
        until(|| h.requests("GET", "/customers/me").len() == waited).await;
        until(|| h.clock.pending_sleeps().contains(&Duration::from_secs(1))).await;
        h.clock.advance(Duration::from_secs(1));
    }
    let err = call.await.unwrap().unwrap_err();
    assert!(matches!(err, Error::Server { status: 503, .. }), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
    assert_eq!(h.requests("GET", "/customers/me").len(), 3);
}
