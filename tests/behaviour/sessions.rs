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
