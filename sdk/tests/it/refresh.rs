//! Proactive, reactive and single-flight refresh (token-lifecycle.md §4–§5,
//! conformance scenarios 1, 5, 6, 8, 10, 12).

use std::time::Duration;

use storefront_sdk::{CustomerUpdate, Error, SessionEvent, SignOutReason};

use crate::harness::{Harness, TTL, email, until};

#[tokio::test]
async fn a_hundred_concurrent_calls_after_expiry_make_exactly_one_refresh() {
    let h = Harness::new().await;
    h.sign_up(&email("storm")).await;
    h.advance(TTL + Duration::from_secs(1));
    let client = h.client.clone();
    let calls: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.customer().get().await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(h.refreshes(), 1);
    assert_eq!(
        h.requests("GET", "/customers/me")
            .iter()
            .filter(|r| r.status == 200)
            .count(),
        100
    );
    assert!(
        h.requests("GET", "/customers/me")
            .iter()
            .all(|r| r.status == 200),
        "no call saw a 401"
    );
}

#[tokio::test]
async fn refresh_happens_proactively_within_the_margin_and_not_before() {
    let h = Harness::new().await;
    h.sign_up(&email("pro")).await;
    // Default margin: min(300 s, 25 % of 3600 s) = 300 s.
    h.advance(TTL - Duration::from_secs(301));
    h.client.customer().get().await.unwrap();
    assert_eq!(h.refreshes(), 0);
    h.advance(Duration::from_secs(2));
    h.client.customer().get().await.unwrap();
    assert_eq!(h.refreshes(), 1);
    // The new token has a full lifetime again.
    h.advance(Duration::from_secs(600));
    h.client.customer().get().await.unwrap();
    assert_eq!(h.refreshes(), 1);
}

#[cfg(feature = "background-refresh")]
#[tokio::test]
async fn the_background_timer_refreshes_before_expiry() {
    let h = Harness::with(|b| b.auto_refresh(true)).await;
    let mut events = h.client.subscribe().await;
    h.sign_up(&email("timer")).await;
    until(|| !h.clock.pending_sleeps().is_empty()).await;
    h.advance(TTL - Duration::from_secs(300));
    loop {
        match events.recv().await.unwrap() {
            SessionEvent::TokenRefreshed(_) => break,
            SessionEvent::InitialSession(_) | SessionEvent::SignedIn(_) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(h.refreshes(), 1);
    h.client.dispose();
}

#[cfg(feature = "background-refresh")]
#[tokio::test]
async fn the_background_timer_stops_at_once_on_dispose() {
    let h = Harness::with(|b| b.auto_refresh(true)).await;
    h.sign_up(&email("timer-stop")).await;
    until(|| !h.clock.pending_sleeps().is_empty()).await;
    h.client.dispose();
    // Woken, not left to sleep out its timer.
    until(|| h.clock.pending_sleeps().is_empty()).await;
}

/// A failing refresh within the margin leaves the timer waiting, not spinning
/// (two worker threads: a spinning timer would starve only one of them).
#[cfg(feature = "background-refresh")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_background_timer_waits_after_a_failed_refresh() {
    let h = Harness::with(|b| {
        b.auto_refresh(true)
            .retry_policy(storefront_sdk::RetryPolicy::disabled())
    })
    .await;
    h.sign_up(&email("timer-fail")).await;
    until(|| !h.clock.pending_sleeps().is_empty()).await;
    h.mock.add_fault(
        storefront_mock::Fault::new("POST", "/api/v3/store/auth/refresh").respond(
            503,
            r#"{"error":{"code":"service_unavailable","message":"later"}}"#,
        ),
    );
    h.advance(TTL - Duration::from_secs(60));
    until(|| {
        h.refreshes() > 0
            && h.clock
                .pending_sleeps()
                .iter()
                .any(|left| *left <= Duration::from_secs(10))
    })
    .await;
    h.client.dispose();
}

#[tokio::test]
async fn a_rejected_access_token_is_refreshed_and_the_call_replayed_once() {
    let h = Harness::new().await;
    h.sign_up(&email("r401")).await;
    // Only the server's clock moves: the client still trusts its token.
    h.mock.advance_clock(TTL + Duration::from_secs(1));
    let me = h.client.customer().get().await.unwrap();
    assert_eq!(me.email, email("r401"));
    let gets: Vec<u16> = h
        .requests("GET", "/customers/me")
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(gets, vec![401, 200]);
    assert_eq!(h.refreshes(), 1);
}

#[tokio::test]
async fn a_mutation_without_idempotency_key_is_not_replayed_after_a_401() {
    let h = Harness::with(|b| b.auto_idempotency_keys(false)).await;
    h.sign_up(&email("r12")).await;
    h.mock.advance_clock(TTL + Duration::from_secs(1));
    let err = h
        .client
        .customer()
        .update(&{
            let mut value = CustomerUpdate::default();
            value.first_name = Some("X".into());
            value
        })
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Unauthenticated {
                refreshed: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        h.requests("PATCH", "/customers/me").len(),
        1,
        "not replayed"
    );
    assert_eq!(h.refreshes(), 1, "but the session was renewed");
    assert!(h.client.customer().get().await.is_ok());
}

#[tokio::test]
async fn device_clock_skew_causes_no_refresh_storm() {
    for skew_ms in [3_600_000_i64, -3_600_000] {
        let h = Harness::new().await;
        // The device clock is an hour off the server's from the start.
        h.clock.shift_wall(skew_ms);
        h.sign_up(&email("skew")).await;
        for _ in 0..10 {
            h.client.customer().get().await.unwrap();
            assert!(h.client.get_session().await.unwrap().is_some());
        }
        assert_eq!(h.refreshes(), 0, "skew {skew_ms}");
        // Refresh comes at the right time on the monotonic clock.
        h.advance(TTL - Duration::from_secs(301));
        h.client.customer().get().await.unwrap();
        assert_eq!(h.refreshes(), 0, "skew {skew_ms}");
        h.advance(Duration::from_secs(2));
        h.client.customer().get().await.unwrap();
        assert_eq!(h.refreshes(), 1, "skew {skew_ms}");
    }
}

#[tokio::test]
async fn a_wall_clock_jump_costs_at_most_one_refresh() {
    let h = Harness::new().await;
    h.sign_up(&email("jump")).await;
    // The device clock is corrected by an hour after the token arrived.
    h.clock.shift_wall(3_600_000);
    for _ in 0..10 {
        h.client.customer().get().await.unwrap();
        h.client.get_session().await.unwrap();
    }
    assert_eq!(h.refreshes(), 1);
}

#[tokio::test]
async fn logout_during_a_refresh_discards_its_result() {
    let h = Harness::new().await;
    h.sign_up(&email("guard")).await;
    let mut events = h.client.subscribe().await;
    let gate = h.transport.hold("/auth/refresh");
    let refreshing = tokio::spawn({
        let client = h.client.clone();
        async move { client.auth().refresh().await }
    });
    gate.arrived.notified().await;
    h.client.auth().logout().await.unwrap();
    gate.release();
    let _ = refreshing.await.unwrap();
    assert!(
        h.client.get_session().await.unwrap().is_none(),
        "still signed out"
    );
    // The discarded rotated token is revoked best-effort: two logouts in all.
    until(|| h.requests("POST", "/auth/logout").len() == 2).await;
    let mut saw_refreshed = false;
    while let Some(Ok(event)) = events.try_recv() {
        saw_refreshed |= matches!(event, SessionEvent::TokenRefreshed(_));
    }
    assert!(!saw_refreshed);
}

#[tokio::test]
async fn a_cancelled_caller_does_not_abort_the_refresh() {
    let h = Harness::new().await;
    h.sign_up(&email("cancel")).await;
    h.advance(TTL + Duration::from_secs(1));
    let gate = h.transport.hold("/auth/refresh");
    let first = tokio::spawn({
        let client = h.client.clone();
        async move { client.customer().get().await }
    });
    gate.arrived.notified().await;
    first.abort();
    let second = tokio::spawn({
        let client = h.client.clone();
        async move { client.customer().get().await }
    });
    gate.release();
    second.await.unwrap().unwrap();
    assert_eq!(h.refreshes(), 1);
}

#[tokio::test]
async fn a_subscriber_may_refresh_from_its_token_refreshed_handler() {
    let h = Harness::new().await;
    h.sign_up(&email("sub")).await;
    let mut events = h.client.subscribe().await;
    let client = h.client.clone();
    let handler = tokio::spawn(async move {
        let mut nested = 0;
        while let Ok(event) = events.recv().await {
            if matches!(event, SessionEvent::TokenRefreshed(_)) && nested == 0 {
                nested += 1;
                client.auth().refresh().await.unwrap();
                return nested;
            }
        }
        nested
    });
    h.client.auth().refresh().await.unwrap();
    assert_eq!(handler.await.unwrap(), 1);
    assert_eq!(h.refreshes(), 2);
}

#[tokio::test]
async fn a_rejected_refresh_keeps_the_access_token_until_it_expires() {
    let h = Harness::new().await;
    let auth = h.sign_up(&email("term")).await;
    let mut events = h.client.subscribe().await;
    // Another device spends our refresh token.
    h.second_client()
        .auth()
        .refresh_with(auth.refresh_token.as_ref().unwrap())
        .await
        .unwrap();
    let err = h.client.auth().refresh().await.unwrap_err();
    assert_eq!(err.code(), "invalid_refresh_token");
    // The access token still works (TL-4.9).
    h.client.customer().get().await.unwrap();
    h.advance(TTL + Duration::from_secs(1));
    let err = h.client.customer().get().await.unwrap_err();
    assert!(matches!(err, Error::SessionExpired { .. }), "{err:?}");
    let mut seen = Vec::new();
    while let Some(Ok(event)) = events.try_recv() {
        seen.push(event);
    }
    assert!(seen.iter().any(|e| matches!(
        e,
        SessionEvent::RefreshFailed {
            transient: false,
            ..
        }
    )));
    assert!(seen.iter().any(|e| matches!(
        e,
        SessionEvent::SignedOut {
            reason: SignOutReason::SessionExpired
        }
    )));
}
