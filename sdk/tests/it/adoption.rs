//! `Client::set_session`: a session made elsewhere (a server reading a
//! cookie) is adopted, renewed when its access token has expired, and
//! refused when it cannot be used; a disposed client adopts nothing.

use std::sync::Arc;
use std::time::Duration;

use storefront_sdk::{AccessToken, Client, Error, RefreshToken, SessionEvent};

use crate::harness::{Harness, TTL, email};

/// A client of the harness's store and clock with a store of its own: the
/// server that receives the session.
fn server_client(h: &Harness) -> Client {
    Client::builder(h.mock.uri())
        .publishable_key(h.mock.publishable_key())
        .clock(Arc::new(h.clock.clone()))
        .build()
        .unwrap()
}

/// The tokens of the harness client's session.
async fn handed_over(h: &Harness) -> (AccessToken, Option<RefreshToken>) {
    let session = h.client.get_session().await.unwrap().unwrap();
    (session.token, session.refresh_token)
}

#[tokio::test]
async fn an_adopted_session_is_held_and_announced() {
    let h = Harness::new().await;
    h.sign_up(&email("adopt")).await;
    let (token, refresh) = handed_over(&h).await;
    let expires_at = h.client.current_session().unwrap().expires_at_ms;
    let server = server_client(&h);
    let mut events = server.subscribe().await;
    let adopted = server.set_session(token.clone(), refresh).await.unwrap();
    assert_eq!(adopted.user.email, email("adopt"));
    assert_eq!(server.customer().get().await.unwrap().email, email("adopt"));
    let held = server.current_session().unwrap();
    assert_eq!(held.token, token);
    // The expiry is the token's own `exp`, not a full lifetime from now.
    assert_eq!(
        held.expires_at_ms.map(|ms| ms / 1000),
        expires_at.map(|ms| ms / 1000)
    );
    assert!(matches!(
        events.recv().await,
        Ok(SessionEvent::InitialSession(None))
    ));
    assert!(matches!(events.recv().await, Ok(SessionEvent::SignedIn(_))));
    assert_eq!(h.refreshes(), 0);
}

#[tokio::test]
async fn an_expired_access_token_is_renewed_with_the_refresh_token() {
    let h = Harness::new().await;
    h.sign_up(&email("stale")).await;
    let (token, refresh) = handed_over(&h).await;
    h.advance(TTL + Duration::from_secs(1));
    let server = server_client(&h);
    let adopted = server.set_session(token.clone(), refresh).await.unwrap();
    assert_ne!(adopted.token, token);
    assert_eq!(h.refreshes(), 1);
    // Known expired by its `exp`: it was never sent.
    let rejected = h
        .requests("GET", "/customers/me")
        .iter()
        .filter(|r| r.status == 401)
        .count();
    assert_eq!(rejected, 0);
    assert_eq!(server.current_session().unwrap().token, adopted.token);
    assert_eq!(server.customer().get().await.unwrap().email, email("stale"));
}

#[tokio::test]
async fn a_token_the_server_rejects_is_renewed_once() {
    let h = Harness::new().await;
    h.sign_up(&email("skew")).await;
    let (token, refresh) = handed_over(&h).await;
    // Expired on the server's clock only (a client clock behind).
    h.mock.advance_clock(TTL + Duration::from_secs(1));
    let server = server_client(&h);
    let adopted = server.set_session(token.clone(), refresh).await.unwrap();
    assert_ne!(adopted.token, token);
    assert_eq!(h.refreshes(), 1);
    assert_eq!(server.customer().get().await.unwrap().email, email("skew"));
}

#[tokio::test]
async fn a_session_that_cannot_be_used_is_not_held() {
    let h = Harness::new().await;
    let server = server_client(&h);
    let err = server
        .set_session(AccessToken::new("not-a-token"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthenticated { .. }), "{err:?}");
    assert!(server.current_session().is_none());
    let err = server
        .set_session(AccessToken::new(" "), None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}

#[tokio::test]
async fn a_disposed_client_refuses_every_call() {
    let h = Harness::new().await;
    h.sign_up(&email("disposed")).await;
    let (token, refresh) = handed_over(&h).await;
    h.client.dispose();
    let sent = h.transport.sent();
    assert!(matches!(h.client.get_session().await, Err(Error::Disposed)));
    assert!(matches!(
        h.client.access_token().await,
        Err(Error::Disposed)
    ));
    assert!(matches!(
        h.client.customer().get().await,
        Err(Error::Disposed)
    ));
    let err = h.client.set_session(token, refresh).await.unwrap_err();
    assert_eq!(err.code(), "client_disposed");
    assert_eq!(h.transport.sent(), sent, "nothing was sent");
}
