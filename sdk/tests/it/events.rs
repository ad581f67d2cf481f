//! Session events: order, kinds, lag and disposal (token-lifecycle.md §8).

use storefront_sdk::{
    CustomerUpdate, NewPassword, Password, PasswordResetRequest, RecvError, SessionEvent,
    SignOutReason,
};

use crate::harness::{Harness, email};

#[tokio::test]
async fn events_follow_the_session_from_sign_up_to_logout() {
    let h = Harness::new().await;
    let mut events = h.client.subscribe().await;
    assert!(matches!(
        events.recv().await.unwrap(),
        SessionEvent::InitialSession(None)
    ));

    h.sign_up(&email("ev")).await;
    let SessionEvent::SignedIn(info) = events.recv().await.unwrap() else {
        panic!()
    };
    assert!(info.has_refresh_token);
    assert_eq!(info.user.unwrap().email, email("ev"));

    h.client
        .customer()
        .update(&{
            let mut value = CustomerUpdate::default();
            value.last_name = Some("Roe".into());
            value
        })
        .await
        .unwrap();
    let SessionEvent::UserUpdated(user) = events.recv().await.unwrap() else {
        panic!()
    };
    assert_eq!(user.last_name.as_deref(), Some("Roe"));

    h.client.auth().refresh().await.unwrap();
    assert!(matches!(
        events.recv().await.unwrap(),
        SessionEvent::TokenRefreshed(_)
    ));

    h.client.auth().logout().await.unwrap();
    assert!(matches!(
        events.recv().await.unwrap(),
        SessionEvent::SignedOut {
            reason: SignOutReason::UserLogout
        }
    ));

    h.client
        .password_resets()
        .create(&PasswordResetRequest::new(email("ev")))
        .await
        .unwrap();
    let token = Password::new(h.mock.outbox()[0].token.clone());
    h.client
        .password_resets()
        .update(&token, &NewPassword::new("Fresh-pass1"))
        .await
        .unwrap();
    assert!(matches!(
        events.recv().await.unwrap(),
        SessionEvent::SignedIn(_)
    ));
}

#[tokio::test]
async fn a_late_subscriber_first_sees_the_current_session() {
    let h = Harness::new().await;
    h.sign_up(&email("late")).await;
    let mut events = h.client.subscribe().await;
    let SessionEvent::InitialSession(Some(info)) = events.recv().await.unwrap() else {
        panic!()
    };
    assert!(info.expires_at_ms.is_some_and(|at| at > 0));
}

#[tokio::test]
async fn a_slow_subscriber_lags_instead_of_blocking() {
    let h = Harness::new().await;
    h.sign_up(&email("lag")).await;
    let mut events = h.client.subscribe().await;
    events.recv().await.unwrap();
    for _ in 0..70 {
        h.client.auth().refresh().await.unwrap();
    }
    assert!(matches!(events.recv().await, Err(RecvError::Lagged(_))));
}

#[tokio::test]
async fn dispose_ends_every_subscription() {
    let h = Harness::new().await;
    let mut events = h.client.subscribe().await;
    events.recv().await.unwrap();
    h.client.dispose();
    assert_eq!(events.recv().await.unwrap_err(), RecvError::Closed);
}
