//! The session through time: refresh where the backend has it, expiry where
//! it has none, and what logout ends.

use std::time::Duration;

use storefront_sdk::{Error, SessionEvent, SignOutReason};

use crate::target::{Target, credentials, unique_email};

/// Past the access token's lifetime: one refresh for many callers where the
/// backend refreshes; else `SessionExpiring` before and `SignedOut` after;
/// a token that never expires still works 400 days on.
pub async fn the_session_through_its_lifetime(target: Target) {
    let Some(mock) = target.mock_for("moving the clocks past the token's lifetime") else {
        return;
    };
    let client = target.client();
    let mut events = client.subscribe().await;
    client
        .customers()
        .create(&target.new_customer(&unique_email("time")))
        .await
        .unwrap();
    mock.clear_requests();
    let Some(ttl) = target.profile.ttl else {
        target.advance(mock, Duration::from_secs(400 * 86_400));
        client.customer().get().await.unwrap();
        assert!(client.get_session().await.unwrap().is_some());
        let refused = client.auth().refresh().await.unwrap_err();
        assert!(matches!(refused, Error::Unsupported { .. }), "{refused:?}");
        return;
    };
    if target.profile.refreshes {
        target.advance(mock, ttl + Duration::from_secs(1));
        let calls: Vec<_> = (0..20)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move { client.customer().get().await })
            })
            .collect();
        for call in calls {
            call.await.unwrap().unwrap();
        }
        let refreshes = mock
            .requests()
            .iter()
            .filter(|request| request.path.contains("refresh"))
            .count();
        assert_eq!(refreshes, 1, "one refresh for twenty callers");
        let mut refreshed = false;
        while let Some(Ok(event)) = events.try_recv() {
            refreshed |= matches!(event, SessionEvent::TokenRefreshed(_));
            assert!(
                !matches!(event, SessionEvent::SignedOut { .. }),
                "{event:?}"
            );
        }
        assert!(refreshed);
        return;
    }
    let refused = client.auth().refresh().await.unwrap_err();
    assert!(matches!(refused, Error::Unsupported { .. }), "{refused:?}");
    // Inside the refresh margin: still usable, and announced once.
    target.advance(mock, ttl - Duration::from_secs(120));
    client.customer().get().await.unwrap();
    client.customer().get().await.unwrap();
    // Past expiry: the session ends.
    target.advance(mock, Duration::from_secs(121));
    let expired = client.customer().get().await.unwrap_err();
    assert!(
        matches!(expired, Error::SessionExpired { .. }),
        "{expired:?}"
    );
    assert!(client.get_session().await.unwrap().is_none());
    let mut seen = Vec::new();
    while let Some(Ok(event)) = events.try_recv() {
        seen.push(event);
    }
    let expiring = seen
        .iter()
        .filter(|event| matches!(event, SessionEvent::SessionExpiring { .. }))
        .count();
    assert_eq!(expiring, 1, "{seen:?}");
    assert!(
        seen.iter().any(|event| matches!(
            event,
            SessionEvent::SignedOut {
                reason: SignOutReason::SessionExpired
            }
        )),
        "{seen:?}"
    );
}

/// Logout reaches the server: the token it ended is dead there, and other
/// devices keep their sessions or lose them as the backend's revocation
/// says.
pub async fn logout_revokes_on_the_server(target: Target) {
    let Some(mock) = target.mock_for("ordering logins and revocations in time") else {
        return;
    };
    let email = unique_email("revoke");
    let phone = target.client();
    phone
        .customers()
        .create(&target.new_customer(&email))
        .await
        .unwrap();
    let laptop = target.client();
    laptop.auth().login(&credentials(&email)).await.unwrap();
    let ended = phone.get_session().await.unwrap().unwrap();
    // Revocation works to the second (Magento revokes what was issued
    // before the second of the revoke).
    target.advance(mock, Duration::from_secs(2));
    phone.auth().logout().await.unwrap();

    let with_ended_token = target
        .client()
        .with(storefront_sdk::CallOptions::new().token(ended.token.clone()))
        .customer()
        .get()
        .await;
    let still_valid_until_expiry = target.profile.kind == storefront_sdk::BackendKind::Spryker
        || target.profile.kind == storefront_sdk::BackendKind::Spree;
    // Spree and Spryker revoke the refresh token; their access JWTs live on
    // until `exp`. Magento and Bagisto revoke the access token itself.
    assert_eq!(
        with_ended_token.is_ok(),
        still_valid_until_expiry,
        "{with_ended_token:?}"
    );
    if let Some(refresh) = &ended.refresh_token {
        let spent = target
            .client()
            .auth()
            .refresh_with(refresh)
            .await
            .unwrap_err();
        assert_eq!(spent.code(), "invalid_refresh_token", "{spent:?}");
    }

    let other_device = laptop.customer().get().await;
    if target.profile.logout_ends_every_session {
        let error = other_device.unwrap_err();
        assert!(matches!(error, Error::SessionExpired { .. }), "{error:?}");
    } else {
        other_device.unwrap();
    }
    target.advance(mock, Duration::from_secs(2));
    phone.auth().login(&credentials(&email)).await.unwrap();
    phone.customer().get().await.unwrap();
}

/// Refreshes (POST to a refresh route) in the mock's journal.
fn refreshes(mock: &storefront_mock::MockServer) -> Vec<storefront_mock::RecordedRequest> {
    mock.requests()
        .into_iter()
        .filter(|request| request.method == "POST" && request.path.contains("refresh"))
        .collect()
}

/// Where the backend refreshes: every refresh rotates (the spent refresh
/// token is refused, the new one is held); an access token the server
/// rejects before the client expects it is refreshed once and the call
/// replayed; a logout after the access token expired still ends the session
/// on the server (on Spryker by refreshing first and revoking the new
/// refresh token, §2.4).
pub async fn refresh_rotates_and_outlives_the_access_token(target: Target) {
    let Some(mock) = target.mock_for("moving the server's clock apart from the client's") else {
        return;
    };
    let ttl = match (target.profile.refreshes, target.profile.ttl) {
        (true, Some(ttl)) => ttl,
        // Without refresh: the_session_through_its_lifetime covers expiry.
        _ => return,
    };
    let email = unique_email("rotate");
    let client = target.client();
    client
        .customers()
        .create(&target.new_customer(&email))
        .await
        .unwrap();
    let first = client.auth().login(&credentials(&email)).await.unwrap();
    let spent = first.refresh_token.clone().expect("a refresh token");

    // Rotation: the explicit refresh hands out a new pair; the old refresh
    // token is dead.
    let second = client.auth().refresh().await.unwrap();
    let held = second.refresh_token.clone().expect("a new refresh token");
    assert_ne!(held.expose_secret(), spent.expose_secret());
    assert_ne!(second.token.expose_secret(), first.token.expose_secret());
    let refused = target
        .client()
        .auth()
        .refresh_with(&spent)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "invalid_refresh_token", "{refused:?}");
    let session = client
        .get_session()
        .await
        .unwrap()
        .expect("still signed in");
    assert_eq!(
        session.refresh_token.as_ref().map(|t| t.expose_secret()),
        Some(held.expose_secret())
    );

    // Reactive: only the server's clock passes the lifetime, so the client
    // sends its token, gets the backend's rejection, refreshes once and
    // replays.
    mock.advance_clock(ttl + Duration::from_secs(1));
    mock.clear_requests();
    client.customer().get().await.unwrap();
    let journal = mock.requests();
    assert_eq!(refreshes(mock).len(), 1, "{journal:?}");
    assert_eq!(journal.first().map(|r| r.status), Some(401), "{journal:?}");
    assert!(
        journal.last().is_some_and(|r| r.status == 200),
        "{journal:?}"
    );
    let rotated = client.get_session().await.unwrap().expect("signed in");
    let rotated = rotated.refresh_token.expect("a rotated refresh token");
    assert_ne!(rotated.expose_secret(), held.expose_secret());

    // Both clocks past the lifetime of everything issued so far (the
    // client's catches up first), then logout.
    target.clock.advance(ttl + Duration::from_secs(1));
    target.advance(mock, ttl + Duration::from_secs(1));
    mock.clear_requests();
    client.auth().logout().await.unwrap();
    assert!(client.get_session().await.unwrap().is_none());
    let journal = mock.requests();
    assert!(
        journal.iter().all(|r| r.status < 400),
        "the revoke went through: {journal:?}"
    );
    if target.profile.revoke_needs_live_access {
        let revoke = journal
            .iter()
            .find(|r| r.method == "DELETE")
            .unwrap_or_else(|| panic!("a revoke: {journal:?}"));
        assert_eq!(refreshes(mock).len(), 1, "refreshed first: {journal:?}");
        let revoked = revoke.path.rsplit('/').next().unwrap_or_default();
        assert_ne!(revoked, rotated.expose_secret(), "the new token is revoked");
        let dead = target
            .client()
            .auth()
            .refresh_with(&storefront_sdk::RefreshToken::new(revoked))
            .await
            .unwrap_err();
        assert_eq!(dead.code(), "invalid_refresh_token", "{dead:?}");
    }
    let dead = target
        .client()
        .auth()
        .refresh_with(&rotated)
        .await
        .unwrap_err();
    assert_eq!(dead.code(), "invalid_refresh_token", "{dead:?}");
}
